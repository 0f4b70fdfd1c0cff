/**
 * Until when a build's output holds with no edit, since time alone changes the site: a scheduled
 * story goes live, a story leaves the two-day news sitemap or the home page's "In the news", a
 * pinned lead lapses. `npm run build` records it with what the build was made from (`up-to-date.ts`).
 */
import { isPublished } from '../model/indexes.ts';
import { NEWS_WINDOW_MS } from '../site/news-sitemap.ts';
import type { FrontPageSettings } from '../../site.config.ts';
import { frontPageChanges } from '../model/front-page.ts';

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
    const changes = isPublished({ draft: false, date: article.date }, now) ? [time + NEWS_WINDOW_MS, ...frontPageChanges(article, front)] : [time];
    for (const change of changes) if (change > now.getTime() && change < next) next = change;
  }
  return Number.isFinite(next) ? new Date(next) : undefined;
}
