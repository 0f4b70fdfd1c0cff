/**
 * npm run build [-- --outDir DIR]
 *
 * `astro build` (pages, feeds, sitemaps and the search index), then `verify` on what it wrote:
 * what CI runs before publishing. When nothing the site is made from has changed since the
 * last build (content, code, settings), its output is untouched and no scheduled story has come
 * due, the build stops at once: the site in DIR is already what a build would write.
 *
 * Astro runs with a larger heap than Node gives by default (about 4 GiB on this kind of
 * machine), which 100,000 articles outgrow; nobody has to pass a Node flag by hand.
 */
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/lib/content-dir.ts';
import { buildCacheDir } from '../src/lib/output-cache.ts';
import { inputsDigest, isUpToDate, outputListing, readNextTimedChange, type BuildRecord } from '../src/lib/up-to-date.ts';

const HEAP_MIB = 12_288;

const { values } = parseArgs({ options: { outDir: { type: 'string', default: 'dist' } } });
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(values.outDir);
const cacheDir = buildCacheDir(root);
const recordFile = path.join(cacheDir, 'last-build.json');
const started = performance.now();

/** Everything the site is made from, besides the installed packages (the lockfile stands for them). */
const sources = [
  resolveContentDir(),
  ...['src', 'public', 'astro.config.mjs', 'package-lock.json', '.htmlvalidate.json', 'tsconfig.json', 'scripts/build.ts', 'scripts/verify.ts'].map(
    (file) => path.join(root, file),
  ),
];
const settings = { SITE_URL: process.env.SITE_URL, SITE_BASE: process.env.SITE_BASE, outDir, node: process.version };
const inputs = inputsDigest(sources, settings);
const previous: BuildRecord | undefined = await readFile(recordFile, 'utf8').then(JSON.parse, () => undefined);
if (isUpToDate(previous, { inputs, output: outputListing(outDir) }, new Date())) {
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Nothing to build: content, code and settings are as at the last build, and ${path.relative(process.cwd(), outDir) || outDir} is as it left it (checked in ${seconds}s).`);
  process.exit(0);
}
// A build that fails or stops halfway must not leave a record that vouches for its output.
await rm(recordFile, { force: true });

const run = (args: string[]) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
const built = run([`--max-old-space-size=${HEAP_MIB}`, path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, '--outDir', outDir]);
if (built !== 0) process.exit(built);
const verified = run([path.join(root, 'scripts/verify.ts'), '--dist', outDir]);
if (verified !== 0) process.exit(verified);

const validUntil = await readNextTimedChange(cacheDir);
if (validUntil !== undefined) {
  const record: BuildRecord = { inputs, output: outputListing(outDir), validUntil };
  await writeFile(recordFile, JSON.stringify(record, null, 2));
}
