/**
 * A generated folder kept between builds: when the inputs it was made from are unchanged (same
 * key), the previous copy is put back instead of generating it again. The search index uses it,
 * since Pagefind cannot update an index in place and re-indexing a large site takes seconds.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTree } from '../content/file-tree.ts';
import { linkTree } from './staged-output.ts';

/**
 * Astro's cache folder (`cacheDir`), which the build's own caches share so clearing it clears
 * them all: `$ASTRO_CACHE_DIR` (tests build several sites side by side), else
 * `node_modules/.astro` in the project.
 */
export function buildCacheDir(root: string): string {
  return path.resolve(root, process.env.ASTRO_CACHE_DIR || 'node_modules/.astro');
}

/**
 * The content snapshot (`snapshot.ts`): every content file's digest and what it gave when read,
 * kept between builds so a build reads and parses only the files that changed.
 */
export function contentSnapshotFile(cacheDir: string): string {
  return path.join(cacheDir, 'content-snapshot.bin');
}

/**
 * The compiled pages (`page-bundle.ts`): Astro's prerender bundle of the last build that ran
 * Astro, with what the build gave it, so a publish of content alone renders without compiling.
 */
export function pageBundleDir(cacheDir: string): string {
  return path.join(cacheDir, 'page-bundle');
}

/** The collections' entries as the content loader last stored them (`entry-records.ts`). */
export function entryRecordsDir(cacheDir: string): string {
  return path.join(cacheDir, 'entry-records');
}

/**
 * Removes the list of photos Astro's bundle imports (`.astro/content-assets.mjs`) before a build.
 * Astro keeps it in the project's one `.astro/` folder whatever the cache folder, and rewrites it
 * only when an entry changed: a build of other content in the same project (a test fixture)
 * would otherwise leave its own list for the next build, whose photos then cannot be found.
 */
export function forgetContentAssets(root: string): void {
  rmSync(path.join(root, '.astro', 'content-assets.mjs'), { force: true });
}

/**
 * A digest of every file under `dir` (following symbolic links) whose path passes `include`: their paths and bytes, in a
 * fixed order, so the same files give the same digest on any machine.
 */
export function filesDigest(dir: string, include: (file: string) => boolean): string {
  // Synchronous reads: thousands of small files, nothing else to do meanwhile, and a promise per
  // file would cost more than the read.
  // Through symbolic links too: an archive folder linked into the content is content.
  const files = (fileTree(dir)?.files ?? [])
    .map((file) => path.relative(dir, file).split(path.sep).join('/'))
    .filter(include)
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Puts `outDir` in place: from `cacheDir` when it holds a copy made under the same key, else made
 * by `generate` and then kept in `cacheDir` for the next build. The copies are hard links: the
 * files are written once, by `generate`, and never rewritten, in the output or the cache.
 */
export async function cachedOutput(options: { cacheDir: string; key: string; outDir: string; generate: () => Promise<void> }): Promise<'reused' | 'generated'> {
  const { cacheDir, key, outDir, generate } = options;
  const keyFile = path.join(cacheDir, 'key');
  const copy = path.join(cacheDir, 'output');
  const previousKey = await readFile(keyFile, 'utf8').catch(() => undefined);
  if (previousKey === key) {
    linkTree(copy, outDir);
    return 'reused';
  }
  await generate();
  // The key is written last: a build stopped halfway leaves no key, so the copy is never trusted.
  await rm(cacheDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  linkTree(outDir, copy);
  await writeFile(keyFile, key);
  return 'generated';
}
