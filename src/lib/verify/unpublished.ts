/**
 * The site paths verification must find absent: drafts and scheduled stories. Reading and
 * checking every article of a large archive takes seconds (YAML and the schema, 10 s for 10,000
 * articles), and the build's content loader has just done it: it leaves the stories that were not
 * published at that moment, with a digest of the content files taken before it read them.
 * Verification uses that list when the files are byte for byte the same, and reads the content
 * itself otherwise. A story is unpublished for good (a draft) or until its date, so the list of
 * an earlier moment, filtered by the present one, is what reading the content now would give.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleFields, ContentSettings } from '../model/article.ts';
import { isPublished } from '../model/indexes.ts';
import { filesDigest } from '../build/output-cache.ts';

const UNPUBLISHED_FILE = 'unpublished.json';

/** What the content loader leaves: the stories unpublished at `readAt`, and what they were read from. */
interface UnpublishedRecord {
  content: string;
  readAt: string;
  stories: { path: string; draft: boolean; date: string }[];
}

/**
 * Digest of everything `loadContentDir` reads (Markdown and registry files, by path and bytes,
 * through symbolic links) and the settings that shape an article's path. Photos are left out: a
 * story's path and whether it is published never depend on them.
 */
export function contentDigest(contentDir: string, site: ContentSettings): string {
  const settings = JSON.stringify([site.timeZone, site.defaultByline, site.legacyPermalinks ?? []]);
  const files = filesDigest(contentDir, (file) => /\.(md|markdown|ya?ml)$/i.test(file));
  return createHash('sha256').update(settings).update(files).digest('hex');
}

/** Keeps the stories of `articles` not published at `readAt`, read from content whose digest is `content`. */
export function saveUnpublished(cacheDir: string, content: string, articles: readonly Pick<ArticleFields, 'path' | 'draft' | 'date'>[], readAt: Date): void {
  const record: UnpublishedRecord = {
    content,
    readAt: readAt.toISOString(),
    stories: articles
      .filter((article) => !isPublished(article, readAt))
      .map(({ path, draft, date }) => ({ path, draft, date: date.toISOString() })),
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path.join(cacheDir, UNPUBLISHED_FILE), JSON.stringify(record));
}

/**
 * Site paths of the stories of `contentDir` not published at `now`: from the content loader's
 * list in `cacheDir` when it was made from these very files no later than `now`, else by reading
 * the content (and then kept in `cacheDir` by `keep`, once the caller knows the run went well).
 */
export async function unpublishedPaths(
  contentDir: string,
  site: ContentSettings,
  cacheDir: string,
  now: Date,
): Promise<{ paths: string[]; keep?: () => void }> {
  const content = contentDigest(contentDir, site);
  const saved = readRecord(cacheDir);
  if (saved?.content === content && Date.parse(saved.readAt) <= now.getTime()) {
    const stories = saved.stories.map((story) => ({ ...story, date: new Date(story.date) }));
    return { paths: stories.filter((story) => !isPublished(story, now)).map((story) => story.path) };
  }
  // Only on this path: the content modules (YAML, the schema) take a moment to load.
  const { loadContentDir } = await import('../content/content-dir.ts');
  const { articles } = await loadContentDir(contentDir, site);
  const fields = articles.map((article) => article.fields);
  return {
    paths: fields.filter((article) => !isPublished(article, now)).map((article) => article.path),
    keep: () => saveUnpublished(cacheDir, content, fields, now),
  };
}

function readRecord(cacheDir: string): UnpublishedRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path.join(cacheDir, UNPUBLISHED_FILE), 'utf8')) as UnpublishedRecord;
    const wellFormed =
      typeof record.content === 'string' &&
      typeof record.readAt === 'string' &&
      Array.isArray(record.stories) &&
      record.stories.every((story) => typeof story?.path === 'string' && typeof story.draft === 'boolean' && !Number.isNaN(Date.parse(story.date)));
    return wellFormed ? record : undefined;
  } catch {
    return undefined;
  }
}
