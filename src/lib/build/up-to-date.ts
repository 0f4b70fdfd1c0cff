/**
 * Whether the built site is already what a build would write, so `npm run build` can stop in a
 * second instead of rebuilding (the publish workflow runs every 15 minutes, mostly with nothing
 * new). A build records what it was made from: the content, the project's code, the settings,
 * the output it wrote, and until when that output holds, since time alone changes the site:
 * a scheduled story goes live, a story leaves the two-day news sitemap or the home page's
 * "In the news", a pinned lead lapses.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isPublished } from '../model/indexes.ts';
import { NEWS_WINDOW_MS } from '../site/news-sitemap.ts';
import { filesDigest } from './output-cache.ts';
import type { FrontPageSettings } from '../../site.config.ts';
import { frontPageChanges } from '../model/front-page.ts';

export interface BuildRecord {
  /** Digest of everything the build read. */
  inputs: string;
  /** Listing of the output folder (paths, sizes, modification times) as the build left it. */
  output: string;
  /** When the published site next changes with no edit (ISO 8601), or null if never. */
  validUntil: string | null;
}

/**
 * The next instant after `now` at which the same content makes a different site: a scheduled
 * story's publication time, or the time a published story leaves the news sitemap's window or
 * the home page's "In the news" window, or its pin (`featured`) lapses (`front-page.ts`).
 */
export function nextTimedChange(
  articles: Iterable<{ date: Date; draft?: boolean; featured?: boolean }>,
  now: Date,
  front: Pick<FrontPageSettings, 'featuredDays' | 'inTheNewsDays'>,
): Date | undefined {
  let next = Infinity;
  for (const article of articles) {
    if (article.draft) continue;
    const time = article.date.getTime();
    const changes = isPublished({ draft: false, date: article.date }, now)
      ? [time + NEWS_WINDOW_MS, ...frontPageChanges(article, front)]
      : [time];
    for (const change of changes) if (change > now.getTime() && change < next) next = change;
  }
  return Number.isFinite(next) ? new Date(next) : undefined;
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
