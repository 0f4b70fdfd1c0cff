/**
 * npm run build [-- --outDir DIR]
 *
 * `astro build` (pages, feeds, sitemaps and the search index), then `verify` on what it wrote:
 * what CI runs before publishing. Astro runs with a larger heap than Node gives by default
 * (about 4 GiB on this kind of machine), which 100,000 articles outgrow; nobody has to pass a
 * Node flag by hand.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const HEAP_MIB = 12_288;

const { values } = parseArgs({ options: { outDir: { type: 'string', default: 'dist' } } });
const root = path.resolve(import.meta.dirname, '..');
const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: process.cwd(), stdio: 'inherit' }).status ?? 1;

const built = run([`--max-old-space-size=${HEAP_MIB}`, path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', values.outDir]);
if (built !== 0) process.exit(built);
process.exit(run([path.join(root, 'scripts/verify.ts'), '--dist', values.outDir]));
