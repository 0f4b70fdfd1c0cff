/**
 * When each page last changed, for the sitemap's `lastmod`: an article's `updated`, `date` or
 * latest correction, for every list page the newest such date among the stories it shows, and a
 * static page's `updated`.
 */
import { lastChanged } from './article.ts';
import { indexSourceArticles, type LoadedContent } from '../content/content-dir.ts';
import { ENTITY_KINDS, KINDS } from '../entity-kinds.ts';
import { isPublished, type IndexedArticle, type Newsroom } from './indexes.ts';
import { PAGE_SIZE } from './pagination.ts';
import { entityPath, monthPath, yearPath } from './urls.ts';

const modified = ({ data }: IndexedArticle) => lastChanged(data);

function newest(articles: readonly IndexedArticle[]): Date | undefined {
  let latest: Date | undefined;
  for (const article of articles) if (!latest || modified(article) > latest) latest = modified(article);
  return latest;
}

/** Site path (without base) -> last modification, for every page built from the indexes. */
export function lastModified(newsroom: Newsroom): Map<string, Date> {
  const dates = new Map<string, Date>();
  const set = (path: string, date: Date | undefined) => {
    if (date && !(dates.get(path)! >= date)) dates.set(path, date);
  };
  set('/', newest(newsroom.articles));
  for (const article of newsroom.articles) set(article.data.path, modified(article));
  for (const kind of ENTITY_KINDS) {
    for (const entity of newsroom.entities[kind].values()) {
      const first = entityPath(entity);
      set(KINDS[kind].section, modified(entity.articles[0]!));
      for (let page = 0; page * PAGE_SIZE < entity.articles.length; page++) {
        const path = page === 0 ? first : `${first}${page + 1}/`;
        set(path, newest(entity.articles.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)));
      }
    }
  }
  for (const [year, months] of newsroom.archive) {
    for (const [month, articles] of months) {
      set(monthPath(year, month), newest(articles));
      set(yearPath(year), newest(articles));
    }
  }
  return dates;
}

/**
 * The same dates computed outside the Astro build (the sitemap is written after it), from the
 * content (the content snapshot's) and the publishing rules the build applies.
 */
export function lastModifiedFromContent({ articles, pages, registries }: Pick<LoadedContent, 'articles' | 'pages' | 'registries'>, now: Date) {
  const dates = lastModified(
    indexSourceArticles(
      articles.filter(({ fields }) => isPublished(fields, now)),
      registries,
    ),
  );
  // The newsroom's own pages (About…) say when they last changed only through `updated`.
  for (const { fields } of pages) if (fields.updated) dates.set(fields.path, fields.updated);
  return dates;
}
