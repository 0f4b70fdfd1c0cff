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
 *   dist.spare                 the site a publish replaced, kept in hard links: the next publish
 *                              by the publish engine makes its staging copy from it, relinking only
 *                              the files that differ instead of linking every file anew
 *   dist.removing-<pid>        a folder no longer needed, which process <pid> is removing
 *   node_modules/.astro.lock   the build holding the cache
 *   node_modules/.astro.staging  the cache the build reads and writes, seeded from the published
 *                              one; one fixed name, since Astro's incremental build counts the
 *                              cache's path (where pages read rendered bodies) in its config hash
 *   node_modules/.astro.old-<pid>  the published cache during the swap
 *   node_modules/.astro.spare  the cache a publish replaced, for the next publish's staging cache
 *   node_modules/.astro.removing-<pid>  a cache folder no longer needed, which process <pid> is removing
 *
 * The staging output starts empty: Astro's incremental build restores an unchanged page from its
 * own copy in the cache, and the search index comes from the cache too, so the new site depends
 * on the published cache only, never on what is in the output folder.
 */
import { spawn } from 'node:child_process';
import { constants, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Dirent } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { renderedBodiesDir } from '../markdown/rendered-bodies.ts';
import { isAlive } from './build-lock.ts';

export interface PublishLayout {
  outDir: string;
  outLock: string;
  outStaging: string;
  outAside: string;
  outSpare: string;
  cacheDir: string;
  cacheLock: string;
  cacheStaging: string;
  cacheAside: string;
  cacheSpare: string;
}

export function publishLayout(outDir: string, cacheDir: string, pid = process.pid): PublishLayout {
  return {
    outDir,
    outLock: `${outDir}.lock`,
    outStaging: `${outDir}.staging`,
    outAside: `${outDir}.old-${pid}`,
    outSpare: `${outDir}.spare`,
    cacheDir,
    cacheLock: `${cacheDir}.lock`,
    cacheStaging: `${cacheDir}.staging`,
    cacheAside: `${cacheDir}.old-${pid}`,
    cacheSpare: `${cacheDir}.spare`,
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
  const removing = (entry: string) => REMOVING.exec(entry.slice(name.length));
  const leftovers = readdirSync(parent)
    .filter((entry) => entry.startsWith(name) && (aside(entry) || removing(entry) || /^\.staging(-\d+)?$/.test(entry.slice(name.length))))
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
    const remover = removing(path.basename(entry));
    if (remover) {
      // A replaced folder: its remover is at work, or was stopped and left it to be removed here.
      if (isAlive(Number(remover[1]))) continue;
      try {
        rmSync(entry, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // A remover that was slow to start is removing it after all.
        continue;
      }
      actions.push(`Removed ${path.basename(entry)}, a replaced folder left behind.`);
      continue;
    }
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
export async function seedCache(published: string, staging: string, { linked = false, spare }: { linked?: boolean; spare?: string } = {}): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  if (!existsSync(published)) return;
  if (linked) return linkTree(published, staging, spare);
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
 * never through a link, so the published site stays as it is until the swap. From `spare`, when
 * there is one (the folder the last publish replaced, see `swapIn`): it becomes the copy, and only
 * its names that differ from the published ones are changed, which at 10,000 articles takes a
 * fraction of the seconds that linking some 60,000 names anew does.
 */
export function linkTree(published: string, staging: string, spare?: string): void {
  rmSync(staging, { recursive: true, force: true });
  if (spare && existsSync(spare)) {
    renameSync(spare, staging);
    relink(published, staging);
    return;
  }
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

/**
 * Makes the tree `copy` the same as `published` in hard links, changing only what differs: a file
 * of `copy` that is not the same file (inode) as the published one at its path is linked anew, a
 * name the published tree does not have is removed, a folder it lacks is linked whole.
 */
function relink(published: string, copy: string): void {
  const here = new Map(readdirSync(copy, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  for (const entry of readdirSync(published, { withFileTypes: true })) {
    const from = path.join(published, entry.name);
    const to = path.join(copy, entry.name);
    const existing = here.get(entry.name);
    here.delete(entry.name);
    if (entry.isDirectory()) {
      if (existing?.isDirectory()) relink(from, to);
      else {
        if (existing) rmSync(to, { force: true });
        linkTree(from, to);
      }
    } else if (!existing || existing.isDirectory() || lstatSync(from).ino !== lstatSync(to).ino) {
      if (existing) rmSync(to, { recursive: true, force: true });
      linkSync(from, to);
    }
  }
  for (const name of here.keys()) rmSync(path.join(copy, name), { recursive: true, force: true });
}

/** A replaced folder's suffix, with the pid of the process removing it. */
const REMOVING = /^\.removing-(\d+)$/;

/**
 * Puts `staging` in the place of `folder` with two renames. The replaced folder becomes `spare`
 * (for the next `linkTree`); what is no longer needed (the spare before it) is renamed
 * `<folder>.removing-<pid>` and returned for `removeInBackground`.
 */
export function swapIn(staging: string, folder: string, aside: string, spare: string): string[] {
  if (!existsSync(folder)) {
    renameSync(staging, folder);
    return [];
  }
  renameSync(folder, aside);
  renameSync(staging, folder);
  const removing: string[] = [];
  if (existsSync(spare)) {
    removing.push(`${folder}.removing-${process.pid}`);
    renameSync(spare, removing[0]!);
  }
  renameSync(aside, spare);
  return removing;
}

/**
 * Removes replaced folders (from `swapIn`) in a detached process, so that a publish is over once
 * its site is in place: the names of a large site take seconds to unlink, and the build is not
 * kept waiting for them. The remover first renames each folder after its own pid, which tells a
 * later build's `recoverInterrupted` to leave the folder to it; one that never ran (or was
 * stopped) leaves the folder under a dead pid, and the next build removes it.
 */
export function removeInBackground(folders: readonly string[]): void {
  if (folders.length === 0) return;
  const remover = spawn(process.execPath, [path.join(import.meta.dirname, 'remove-replaced.ts'), ...folders], { detached: true, stdio: 'ignore' });
  remover.on('error', () => {});
  remover.unref();
}
