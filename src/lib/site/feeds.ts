/**
 * RSS 2.0 feeds: the site's latest stories, and the latest of each organization, person,
 * place, country, topic and author. Items carry title, link, guid, date, summary, topics as
 * categories and authors as `dc:creator`.
 */
import type { RSSFeedItem, RSSOptions } from '@astrojs/rss';
import { formatListDate } from '../model/dates.ts';
import type { IndexedArticle } from '../model/indexes.ts';

export const SITE_FEED_SIZE = 50;
export const ENTITY_FEED_SIZE = 20;

const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/';

export function feedItem({ data }: IndexedArticle, absolute: (path: string) => string, timeZone: string): RSSFeedItem {
  // A reader who saw the story in a feed reader learns of a correction there too.
  const corrections = data.corrections.map(({ date, text }) => `Correction (${formatListDate(date, timeZone)}): ${text}`);
  return {
    title: data.title,
    link: absolute(data.path),
    pubDate: data.date,
    // Feed readers show a description as HTML: the summary is text, so its markup is escaped
    // and reads as the page shows it, never run. (Items carry no body.)
    description: [data.summary, ...corrections].map(htmlText).join('\n\n'),
    categories: data.topics.map((topic) => topic.name),
    customData: data.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`).join(''),
  };
}

/** Options for `@astrojs/rss`: the newest `limit` articles (already newest first). */
export function feedOptions(
  channel: { title: string; description: string; site: string; lang: string; timeZone: string },
  articles: readonly IndexedArticle[],
  limit: number,
  absolute: (path: string) => string,
): RSSOptions {
  return {
    title: channel.title,
    description: channel.description,
    site: channel.site,
    xmlns: { dc: DUBLIN_CORE },
    customData: `<language>${escapeXml(channel.lang)}</language>`,
    items: articles.slice(0, limit).map((article) => feedItem(article, absolute, channel.timeZone)),
    trailingSlash: true,
  };
}

/** Text as HTML that shows exactly that text. */
export function htmlText(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
