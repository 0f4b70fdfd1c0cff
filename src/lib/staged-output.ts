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
 *   dist.staging-<pid>         the site being built, empty at the start
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
import { constants, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { renderedBodiesDir } from './rendered-bodies.ts';

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
    outStaging: `${outDir}.staging-${pid}`,
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
    const published = leftovers
      .filter((entry) => aside(path.basename(entry)))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
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
 * rendered bodies are hard-linked, since they are only ever replaced by rename
 * (rendered-bodies.ts) and are the bulk of a large site's cache.
 */
export async function seedCache(published: string, staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  if (!existsSync(published)) return;
  const bodies = renderedBodiesDir(published);
  await cp(published, staging, {
    recursive: true,
    mode: constants.COPYFILE_FICLONE,
    filter: (source) => source !== bodies,
  });
  if (!existsSync(bodies)) return;
  const linked = renderedBodiesDir(staging);
  mkdirSync(linked, { recursive: true });
  for (const name of readdirSync(bodies)) linkSync(path.join(bodies, name), path.join(linked, name));
}

/** Puts `staging` in the place of `folder` with two renames, then removes the replaced folder. */
export function swapIn(staging: string, folder: string, aside: string): void {
  const replacing = existsSync(folder);
  if (replacing) renameSync(folder, aside);
  renameSync(staging, folder);
  if (replacing) rmSync(aside, { recursive: true, force: true });
}
