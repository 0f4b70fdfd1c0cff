/**
 * Whether the built site is already what a build would write, so `npm run build` can stop in a
 * second instead of rebuilding (the publish workflow runs every 15 minutes, mostly with nothing
 * new). A build records what it was made from: the content, the project's code, the settings,
 * the output it wrote, and until when that output holds (`timed-change.ts`), since time alone
 * changes the site. Kept free of the site model, so the check loads quickly.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { filesDigest } from './output-cache.ts';

export interface BuildRecord {
  /** Digest of everything the build read. */
  inputs: string;
  /** Digest of the code and settings alone (`inputs` without the content). */
  code: string;
  /** Listing of the output folder (paths, sizes, modification times) as the build left it. */
  output: string;
  /** When the published site next changes with no edit (ISO 8601), or null if never. */
  validUntil: string | null;
}

/** Digest of the given files and folders (every file under them) and settings. */
export function inputsDigest(paths: readonly string[], settings: Record<string, string | undefined>): string {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  for (const item of paths) {
    const info = statSync(item, { throwIfNoEntry: false });
    hash.update(`\0${item}\0`);
    if (!info) continue;
    hash.update(info.isDirectory() ? filesDigest(item, () => true) : readFileSync(item));
  }
  return hash.digest('hex');
}

/** A cheap fingerprint of a folder as it is on disk: every file's path, size and modification time. */
export function outputListing(dir: string): string {
  if (!existsSync(dir)) return 'none';
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256').update(String(files.length));
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(dir, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** Whether `record` still describes the site: same inputs, output untouched, and not expired. */
export function isUpToDate(record: BuildRecord | undefined, current: { inputs: string; output: string }, now: Date): boolean {
  if (!record || record.inputs !== current.inputs || record.output !== current.output) return false;
  return record.validUntil === null || now.getTime() < Date.parse(record.validUntil);
}
