/**
 * The files below a folder, following symbolic links to files and folders, as a writer sees
 * them (an archive folder linked into `articles/` is part of it). A link that leads back into a
 * folder it is already inside, or to nothing, is reported, never walked endlessly or skipped.
 */
import { readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

export interface FileTree {
  /** Every regular file, by the path it is reached through (links kept), sorted. */
  files: string[];
  /** Links to a folder that contains the link: following them would never end. */
  loops: { link: string; target: string }[];
  /** Links whose target does not exist. */
  broken: { link: string; target: string }[];
}

/** `.md` or `.markdown`, in any letter case (`.MD` from old Windows tools): an article or a page. */
export function isMarkdown(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/** The tree below `dir`; undefined when `dir` does not exist. `skip`: paths below `dir` left out, as if absent. */
export function fileTree(dir: string, skip: ReadonlySet<string> = new Set()): FileTree | undefined {
  const root = statSync(dir, { throwIfNoEntry: false });
  if (!root?.isDirectory()) return undefined;
  const tree: FileTree = { files: [], loops: [], broken: [] };
  walk(dir, new Set([realpathSync(dir)]), tree, skip);
  tree.files.sort();
  return tree;
}

/** `inside`: real paths of the folders on the way down, to recognise a link back up. */
function walk(dir: string, inside: Set<string>, tree: FileTree, skip: ReadonlySet<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(full)) continue;
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = followLink(full);
      if (target === 'loop') {
        tree.loops.push({ link: full, target: linkTarget(full) });
        continue;
      }
      if (!target) {
        tree.broken.push({ link: full, target: linkTarget(full) });
        continue;
      }
      isDirectory = target.isDirectory();
      if (!isDirectory && target.isFile()) tree.files.push(full);
    } else if (entry.isFile()) {
      tree.files.push(full);
    }
    if (!isDirectory) continue;
    const real = realpathSync(full);
    if (inside.has(real)) {
      tree.loops.push({ link: full, target: real });
      continue;
    }
    walk(full, new Set([...inside, real]), tree, skip);
  }
}

/** What a link leads to; `loop` for links that lead to each other (a -> b -> a). */
function followLink(link: string): Stats | 'loop' | undefined {
  try {
    return statSync(link, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return 'loop';
    throw error;
  }
}

function linkTarget(link: string): string {
  try {
    return path.resolve(path.dirname(link), readlinkSync(link));
  } catch {
    return link;
  }
}
