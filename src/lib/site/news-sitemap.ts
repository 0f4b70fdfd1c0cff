/**
 * The Google News sitemap: articles published in the last two days, at most 1,000, with
 * publication name and language, publication date and title.
 */
import { escapeXml } from './feeds.ts';
import type { IndexedArticle } from '../model/indexes.ts';

export const NEWS_WINDOW_MS = 2 * 86_400_000;
export const NEWS_MAX_ARTICLES = 1000;

export function newsSitemap(
  articles: readonly IndexedArticle[],
  publication: { name: string; lang: string },
  now: Date,
  absolute: (path: string) => string,
): string {
  const since = now.getTime() - NEWS_WINDOW_MS;
  const recent = articles.filter(({ data }) => data.date.getTime() >= since).slice(0, NEWS_MAX_ARTICLES);
  const urls = recent.map(
    ({ data }) =>
      `<url><loc>${escapeXml(absolute(data.path))}</loc><news:news><news:publication><news:name>${escapeXml(
        publication.name,
      )}</news:name><news:language>${escapeXml(data.lang ?? publication.lang)}</news:language></news:publication><news:publication_date>${data.date.toISOString()}</news:publication_date><news:title>${escapeXml(
        data.title,
      )}</news:title></news:news></url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
