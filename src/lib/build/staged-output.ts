/**
 * How `npm run build` replaces the published site whole or not at all. It builds into staging
 * folders beside the output and the build cache, and only once the new site is verified swaps
 * each in with two renames (the published folder aside, the staging folder in its place). A
 * build that fails or is killed leaves the output and the cache as the last good build left
 * them; the next build removes what it left behind, and puts back a folder a kill caught
 * between the two renames.
 *
 * Beside an output folder `dist` and a cache folder `node_modules/.astro`:
 *
 *   dist.lock                  the build holding the output (see build-lock.ts)
 *   dist.staging               the site being built, empty at the start; one fixed name, since
 *                              Astro's build manifest holds the output's path and every page that
 *                              shows a photo counts the manifest in its template's hash: a new name
 *                              for each build made Astro's incremental build render those pages again
 *   dist.old-<pid>             the published site during the swap
 *   node_modules/.astro.lock   the build holding the cache
 *   node_modules/.astro.staging  the cache the build reads and writes, seeded from the published
 *                              one; one fixed name, since Astro's incremental build counts the
 *                              cache's path (where pages read rendered bodies) in its config hash
 *   node_modules/.astro.old-<pid>  the published cache during the swap
 *
 * The staging output starts empty: Astro's incremental build restores an unchanged page from its
 * own copy in the cache, and the search index comes from the cache too, so the new site depends
 * on the published cache only, never on what is in the output folder.
 */
import { constants, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Dirent } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { renderedBodiesDir } from '../markdown/rendered-bodies.ts';

export interface PublishLayout {
  outDir: string;
  outLock: string;
  outStaging: string;
  outAside: string;
  cacheDir: string;
  cacheLock: string;
  cacheStaging: string;
  cacheAside: string;
}

export function publishLayout(outDir: string, cacheDir: string, pid = process.pid): PublishLayout {
  return {
    outDir,
    outLock: `${outDir}.lock`,
    outStaging: `${outDir}.staging`,
    outAside: `${outDir}.old-${pid}`,
    cacheDir,
    cacheLock: `${cacheDir}.lock`,
    cacheStaging: `${cacheDir}.staging`,
    cacheAside: `${cacheDir}.old-${pid}`,
  };
}

/**
 * Cleans up after interrupted builds of `folder` (call it holding the folder's lock): a folder a
 * build moved aside and did not replace (killed between the two renames) is put back; every other
 * staging or set-aside folder is removed. Says what it did, one sentence per action.
 */
export function recoverInterrupted(folder: string): string[] {
  const parent = path.dirname(folder);
  const name = path.basename(folder);
  if (!existsSync(parent)) return [];
  const aside = (entry: string) => /^\.old-\d+$/.test(entry.slice(name.length));
  const leftovers = readdirSync(parent)
    .filter((entry) => entry.startsWith(name) && (aside(entry) || /^\.staging(-\d+)?$/.test(entry.slice(name.length))))
    .map((entry) => path.join(parent, entry));
  const actions: string[] = [];
  if (!existsSync(folder)) {
    // The newest set-aside folder is the last one published.
    const published = leftovers.filter((entry) => aside(path.basename(entry))).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (published) {
      renameSync(published, folder);
      actions.push(`Put back ${name} from ${path.basename(published)}, left by a build stopped while publishing.`);
    }
  }
  for (const entry of leftovers) {
    if (!existsSync(entry)) continue;
    rmSync(entry, { recursive: true, force: true });
    actions.push(`Removed ${path.basename(entry)}, left by an interrupted build.`);
  }
  return actions;
}

/**
 * Makes `staging` a private copy of the published cache `published` for a build to change. Files
 * are copied (copy-on-write where the file system can), since Astro rewrites its files in place;
 * the bulk of a large site's cache is hard-linked instead, because those files are never
 * rewritten: rendered bodies, replaced only by rename (rendered-bodies.ts), and Astro's
 * processed images (`assets/`, see `isProcessedLocalImage`). With `linked`, every file is
 * hard-linked: for a build that writes nothing in place (the publish engine).
 */
export async function seedCache(published: string, staging: string, { linked = false } = {}): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  if (!existsSync(published)) return;
  if (linked) return linkTree(published, staging);
  const linkedFolders = new Map([
    [renderedBodiesDir(published), () => true],
    [processedImagesDir(published), isProcessedLocalImage],
  ]);
  await cp(published, staging, {
    recursive: true,
    mode: constants.COPYFILE_FICLONE,
    filter: (source) => !linkedFolders.has(source),
  });
  for (const [folder, writtenOnce] of linkedFolders) {
    if (!existsSync(folder)) continue;
    const entries = readdirSync(folder, { withFileTypes: true });
    const names = new Set(entries.map((e) => e.name));
    const target = path.join(staging, path.relative(published, folder));
    mkdirSync(target, { recursive: true });
    for (const entry of entries) {
      const { name } = entry;
      if (writtenOnce(entry, names)) linkSync(path.join(folder, name), path.join(target, name));
      else await cp(path.join(folder, name), path.join(target, name), { recursive: true, mode: constants.COPYFILE_FICLONE });
    }
  }
}

/** Where Astro keeps the images it processed (`astro:assets`), between builds. */
export function processedImagesDir(cacheDir: string): string {
  return path.join(cacheDir, 'assets');
}

/**
 * Whether a file in `assets/` is a processed local image, which Astro writes once, as a new file,
 * and then only reads: its name is the hash of the transform (the source's path, which holds the
 * hash of its bytes, its sizes and format), written on a cache miss and copied out on a hit
 * (astro/dist/assets/build/generate.js). A remote image's entry (`name` beside `name.json`, its
 * expiry) is rewritten in place when Astro revalidates it, so it is copied.
 */
function isProcessedLocalImage(entry: Dirent, names: ReadonlySet<string>): boolean {
  return entry.isFile() && !entry.name.endsWith('.json') && !names.has(`${entry.name}.json`);
}

/**
 * Makes `staging` a copy of the published output `published` in hard links (new folders, the same
 * files), for a publish that rewrites a few files: each written as a new file renamed into place,
 * never through a link, so the published site stays as it is until the swap.
 */
export function linkTree(published: string, staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  // Top down, so each folder's parent exists: a plain mkdir, not a recursive one, which costs
  // several times as much over the fifteen thousand folders of a large site.
  const link = (from: string, to: string) => {
    mkdirSync(to);
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) link(path.join(from, entry.name), path.join(to, entry.name));
      else linkSync(path.join(from, entry.name), path.join(to, entry.name));
    }
  };
  mkdirSync(path.dirname(staging), { recursive: true });
  link(published, staging);
}

/** Puts `staging` in the place of `folder` with two renames, then removes the replaced folder. */
export function swapIn(staging: string, folder: string, aside: string): void {
  const replacing = existsSync(folder);
  if (replacing) renameSync(folder, aside);
  renameSync(staging, folder);
  if (replacing) rmSync(aside, { recursive: true, force: true });
}
