/**
 * Putting the outputs of a sharded build together (`npm run build -- --merge DIR1,DIR2,…`).
 * Each shard's output holds the files of its own pages, plus what every shard writes alike (the
 * stylesheets and scripts Astro bundles, `public/`, photos two shards' pages show), and a
 * manifest of what the merge needs: the shard, the build's clock, every page of the site in the
 * order of Astro's static paths (the order the search index takes them in), and the photos its
 * pages had resized.
 *
 * The photos, because Astro's bundle puts every photo's camera original in the output, and the
 * image step then removes the original of each photo the pages resized, unless a page uses the
 * original itself. A shard resizes only its own pages' photos, so it keeps the originals of the
 * rest; the merge leaves out an original that a shard removed and none kept, as a whole build
 * does.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatShard, parseShard } from './shards.ts';

/** The manifest's name in a shard's output; not part of the site. */
export const SHARD_MANIFEST = '_shard.json';

export interface ShardManifest {
  /** `k/n`. */
  shard: string;
  /** The build's clock (ISO 8601), which every shard and the merge must share. */
  now: string;
  /** Site paths of every page of the whole site (not only this shard's), in the order of Astro's static paths. */
  pages: string[];
  /** The camera originals of the photos this shard resized (output files), and whether Astro kept them. */
  originals: Record<string, 'kept' | 'removed'>;
}

export async function writeShardManifest(outDir: string, manifest: ShardManifest): Promise<void> {
  await writeFile(path.join(outDir, SHARD_MANIFEST), `${JSON.stringify(manifest)}\n`);
}

/**
 * Reads the manifests of the outputs `dirs` and checks that they are one complete build: shards
 * 1 to n, each once, of the same clock and the same pages. Throws, naming the folder, otherwise.
 */
export function readShardManifests(dirs: readonly string[]): { now: string; pages: string[]; leftOut: Set<string> } {
  const manifests = dirs.map((dir) => {
    const file = path.join(dir, SHARD_MANIFEST);
    if (!existsSync(file)) throw new Error(`${dir} is not the output of a shard build: it has no ${SHARD_MANIFEST}.`);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
    return { dir, manifest, shard: parseShard(manifest.shard) };
  });
  const seen = new Map<number, string>();
  for (const { dir, shard } of manifests) {
    if (shard.count !== dirs.length) {
      throw new Error(`${dir} is shard ${formatShard(shard)}, but ${dirs.length} shard outputs were given: a merge needs all ${shard.count}.`);
    }
    const other = seen.get(shard.index);
    if (other) throw new Error(`${other} and ${dir} are both shard ${formatShard(shard)}.`);
    seen.set(shard.index, dir);
  }
  const [first] = manifests;
  if (!first) throw new Error('No shard outputs to merge.');
  for (const { dir, manifest } of manifests) {
    if (manifest.now !== first.manifest.now) {
      throw new Error(`${dir} was built at ${manifest.now}, ${first.dir} at ${first.manifest.now}: the shards of one site share one --now.`);
    }
    if (JSON.stringify(manifest.pages) !== JSON.stringify(first.manifest.pages)) {
      throw new Error(`${dir} and ${first.dir} list different pages: the shards of one site are built from the same content and code.`);
    }
  }
  const fates = manifests.flatMap(({ manifest }) => Object.entries(manifest.originals));
  const kept = new Set(fates.filter(([, fate]) => fate === 'kept').map(([file]) => file));
  const leftOut = new Set(fates.filter(([file, fate]) => fate === 'removed' && !kept.has(file)).map(([file]) => file));
  return { now: first.manifest.now, pages: first.manifest.pages, leftOut };
}

/**
 * Fills the empty folder `target` with every file of the shard outputs `dirs` but their manifests
 * and the files `leftOut` (site-relative, with `/`), hard-linked where the file system allows. A file that several shards wrote must
 * have the same bytes in each; otherwise nothing can say which is right, and the merge throws,
 * naming every such file. Says how many files the site has and how many several shards wrote.
 */
export function mergeShardOutputs(dirs: readonly string[], target: string, leftOut: ReadonlySet<string>): { files: number; shared: number } {
  const firstWriter = new Map<string, string>();
  const conflicts: string[] = [];
  const made = new Set<string>();
  let shared = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) continue;
      const source = path.join(entry.parentPath, entry.name);
      const file = path.relative(dir, source).split(path.sep).join('/');
      if (!entry.isFile()) throw new Error(`${source} is not a regular file; a build writes only files and folders.`);
      if (file === SHARD_MANIFEST || leftOut.has(file)) continue;
      const other = firstWriter.get(file);
      if (other !== undefined) {
        shared++;
        if (!sameBytes(path.join(other, file), source)) conflicts.push(`${file} (${other} and ${dir})`);
        continue;
      }
      firstWriter.set(file, dir);
      const destination = path.join(target, file);
      const parent = path.dirname(destination);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      linkOrCopy(source, destination);
    }
  }
  if (conflicts.length) {
    throw new Error(`Shards wrote different bytes at the same path, so the merge cannot choose:\n  ${conflicts.sort().join('\n  ')}`);
  }
  return { files: firstWriter.size, shared };
}

function sameBytes(a: string, b: string): boolean {
  const [statA, statB] = [statSync(a), statSync(b)];
  if (statA.ino === statB.ino && statA.dev === statB.dev) return true;
  return statA.size === statB.size && readFileSync(a).equals(readFileSync(b));
}

/** A hard link costs no copy; across file systems (a shard output on another disk) the file is copied. */
function linkOrCopy(source: string, destination: string): void {
  try {
    linkSync(source, destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(source, destination);
  }
}
