/**
 * npm run build [-- --outDir DIR] [--verbose]
 *
 * `astro build` (pages, feeds, sitemaps and the search index), then `verify` on what it wrote:
 * what CI runs before publishing. When nothing the site is made from has changed since the
 * last build (content, code, settings), its output is untouched and no scheduled story has come
 * due, the build stops at once: the site in DIR is already what a build would write.
 *
 * The published site is replaced whole or not at all: the build writes into a staging folder
 * beside DIR, with a staging copy of the build cache, and swaps both in only once the new site is
 * verified (src/lib/build/staged-output.ts). A build that fails at any phase, or is killed at any
 * moment, leaves DIR and the cache as the last good build left them. One build at a time: a
 * second one exits at once, naming the first (src/lib/build/build-lock.ts).
 *
 * The log says what a desk needs: phases, counts, time, warnings and errors; Astro's line for
 * every page written shows with --verbose.
 *
 * Astro runs with a larger heap than Node gives by default (about 4 GiB on this kind of
 * machine), which 100,000 articles outgrow; nobody has to pass a Node flag by hand.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { acquireBuildLock, clockTime, describeHolder, type BuildLock } from '../src/lib/build/build-lock.ts';
import { BuildLogFilter } from '../src/lib/build/build-log.ts';
import { buildCacheDir, forgetContentAssets } from '../src/lib/build/output-cache.ts';
import { plural } from '../src/lib/content/problems.ts';
import { contentDigest, resolveContentDir, updateSnapshot } from '../src/lib/build/snapshot.ts';
import { publishLayout, recoverInterrupted, seedCache, swapIn } from '../src/lib/build/staged-output.ts';
import { inputsDigest, isUpToDate, outputListing, type BuildRecord } from '../src/lib/build/up-to-date.ts';

const HEAP_MIB = 12_288;
const RECORD_FILE = 'last-build.json';

const { values } = parseArgs({ options: { outDir: { type: 'string', default: 'dist' }, verbose: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(values.outDir);
const layout = publishLayout(outDir, buildCacheDir(root));
const shown = (dir: string) => path.relative(process.cwd(), dir) || dir;
const started = performance.now();
const elapsed = (digits = 1) => `${((performance.now() - started) / 1000).toFixed(digits)}s`;

// The output's lock first, then the cache's: the cache can be shared by several output folders.
const locks: BuildLock[] = [];
for (const file of [layout.outLock, layout.cacheLock]) {
  const attempt = acquireBuildLock(file);
  if (!attempt.acquired) {
    console.error(`Not building ${shown(outDir)}: ${describeHolder(attempt.holder)} (lock ${shown(file)}).`);
    locks.forEach((lock) => lock.release());
    process.exit(1);
  }
  if (attempt.tookOverFrom) {
    const { pid, started: since } = attempt.tookOverFrom;
    console.log(`Taking over ${shown(file)} from a build (PID ${pid}, since ${clockTime(since)}) that is no longer running.`);
  }
  locks.push(attempt.lock);
}

let child: ReturnType<typeof spawn> | undefined;
/** What the build is doing, for the message when it fails. */
let phase = 'setup';
/** Removes this build's staging folders and releases its locks; the published site is untouched. */
function abandon(): void {
  child?.kill('SIGKILL');
  recoverInterrupted(layout.outDir);
  recoverInterrupted(layout.cacheDir);
  locks.forEach((lock) => lock.release());
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    console.error(`\nBuild stopped (${signal}); ${shown(outDir)} is unchanged.`);
    abandon();
    process.exit(code);
  });
}
// Anything unforeseen (a full disk while seeding the cache, a failed rename): publish nothing.
process.on('uncaughtException', (error) => {
  console.error(error);
  fail(phase, 1);
});
function fail(phase: string, status: number): never {
  console.error(`\nBuild failed during ${phase} after ${elapsed()}: nothing was published, ${shown(outDir)} is unchanged.`);
  abandon();
  process.exit(status);
}

for (const action of [...recoverInterrupted(layout.outDir), ...recoverInterrupted(layout.cacheDir)]) console.log(action);

/**
 * Everything the site is made from, besides the installed packages (the lockfile stands for them):
 * the code and settings, and the content, whose digest the content snapshot keeps file by file
 * (only files whose size or time changed since the last build are read).
 */
const contentDir = resolveContentDir();
const sources = ['src', 'public', 'astro.config.mjs', 'package-lock.json', '.htmlvalidate.json', 'tsconfig.json', 'scripts/build.ts', 'scripts/verify.ts'].map(
  (file) => path.join(root, file),
);
const settings = {
  SITE_URL: process.env.SITE_URL,
  SITE_BASE: process.env.SITE_BASE,
  outDir,
  node: process.version,
  contentDir,
  content: contentDigest({ contentDir, cacheDir: layout.cacheDir }),
};
const inputs = inputsDigest(sources, settings);
const previous: BuildRecord | undefined = await readFile(path.join(layout.cacheDir, RECORD_FILE), 'utf8').then(JSON.parse, () => undefined);
if (isUpToDate(previous, { inputs, output: outputListing(outDir) }, new Date())) {
  console.log(`Nothing to build: content, code and settings are as at the last build, and ${shown(outDir)} is as it left it (checked in ${elapsed(2)}).`);
  locks.forEach((lock) => lock.release());
  process.exit(0);
}

console.log(`Building ${shown(outDir)} in ${shown(layout.outStaging)}; ${shown(outDir)} stays as it is until the new site is verified.`);
await seedCache(layout.cacheDir, layout.cacheStaging);
const stagedEnv = { ...process.env, ASTRO_CACHE_DIR: layout.cacheStaging };

// The content snapshot, updated once, first: the content loader, the sitemap and the
// verification of this build find it up to date.
phase = 'the reading of the content';
const snapshotStarted = performance.now();
// Loaded only now: the settings and the site model take longer to load than the check above.
const { siteConfig } = await import('../src/site.config.ts');
const { nextTimedChange } = await import('../src/lib/build/timed-change.ts');
const snapshot = await updateSnapshot({ contentDir, site: siteConfig, cacheDir: layout.cacheStaging });
const content = snapshot.content();
// Taken before any page renders, so a story that comes due meanwhile ends the build's validity.
const validUntil = nextTimedChange(content.articles.map(({ fields }) => fields), new Date(), siteConfig.front)?.toISOString() ?? null;
console.log(
  `Content: ${plural(content.articles.length, 'article')}, ${plural(snapshot.parsed, 'changed file')} parsed (${((performance.now() - snapshotStarted) / 1000).toFixed(2)}s).`,
);

/**
 * Runs a Node script with the staging cache, passing its output through `filter`; resolves to its
 * exit status. `onLine` sees every line (shown or not), to follow the build's phases.
 */
function run(args: string[], filter: BuildLogFilter, onLine: (line: string) => void = () => {}): Promise<number> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { env: stagedEnv, stdio: ['inherit', 'pipe', 'pipe'] });
    child = proc;
    if (proc.pid) locks.forEach((lock) => lock.addChild(proc.pid!));
    for (const [stream, sink] of [[proc.stdout, process.stdout], [proc.stderr, process.stderr]] as const) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        onLine(line);
        if (filter.keep(line)) sink.write(`${line}\n`);
      });
    }
    proc.on('close', (status, signal) => {
      child = undefined;
      resolve(status ?? (signal ? 128 : 1));
    });
  });
}

phase = 'the start of Astro';
const log = new BuildLogFilter(values.verbose);
forgetContentAssets(root);
const astroStatus = await run(
  [`--max-old-space-size=${HEAP_MIB}`, path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, '--outDir', layout.outStaging],
  log,
  (line) => {
    if (line.includes('[content]')) phase = 'the content sync';
    else if (line.includes('Building static entrypoints')) phase = 'the bundling of the pages';
    else if (line.includes('generating static routes')) phase = 'the writing of the pages';
    else if (line.includes('[@astrojs/sitemap]')) phase = 'the search index';
  },
);
if (astroStatus !== 0) fail(phase, astroStatus);
const { rendered, copied } = log.pages;
console.log(`Pages and feeds: ${plural(rendered + copied, 'file')} written (${rendered} rendered, ${copied} copied from the previous build), ${elapsed()} so far.`);
const { made, reused } = log.images;
if (made + reused) console.log(`Photos: ${plural(made + reused, 'size')} written (${made} made, ${reused} reused from the cache).`);

phase = 'verification';
console.log(`Verifying ${shown(layout.outStaging)}`);
const verifyStatus = await run([path.join(root, 'scripts/verify.ts'), '--dist', layout.outStaging], new BuildLogFilter(true));
if (verifyStatus !== 0) fail(phase, verifyStatus);

// The record goes with the cache it describes; renaming the staging folder keeps every file's
// path, size and modification time, so its listing is the published output's.
const record: BuildRecord = { inputs, output: outputListing(layout.outStaging), validUntil };
await writeFile(path.join(layout.cacheStaging, RECORD_FILE), JSON.stringify(record, null, 2));
phase = 'publishing';
// Output first: if a kill comes between the two swaps, the older cache's record does not match
// the new output, so the next build builds (from that cache, which is whole) rather than skip.
swapIn(layout.outStaging, layout.outDir, layout.outAside);
swapIn(layout.cacheStaging, layout.cacheDir, layout.cacheAside);
locks.forEach((lock) => lock.release());
console.log(`Published ${shown(outDir)} in ${elapsed()}: ${plural(rendered + copied, 'file')} from Astro, verified, replacing the previous site whole.`);
