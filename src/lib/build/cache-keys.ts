/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * template are unchanged since the previous build is copied from it instead of rendered again.
 * Each key therefore covers everything its page shows that comes from content: a key that
 * missed something would publish a stale page, so the incremental build test compares a
 * rebuilt site with a clean build byte for byte. `frame` is what every page's layout shows of the
 * content (the footer's and masthead's page links: `pageLinksDigest`); pages without a key (the
 * home page, archives, section lists) are rendered on every build.
 */
import { createHash } from 'node:crypto';
import { KINDS, REGISTRY_KINDS } from '../entity-kinds.ts';
import type { Entity, IndexedArticle, Newsroom } from '../model/indexes.ts';

/** An article as the content layer gives it: `digest` changes whenever its fields or body do. */
export type KeyedArticle = IndexedArticle & { digest?: string | number };

function hash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url');
}

/** The digest of an article, or of its fields when the content layer gave none. */
function articleDigest(article: KeyedArticle): string | number {
  return article.digest ?? hash(article.data);
}

/** What an entity page or feed shows of the entity itself, besides its list of stories. */
function entityHeader(entity: Entity<KeyedArticle>) {
  const { kind, key, slug, name, record, role, country } = entity;
  return { kind, key, slug, name, record, role, country, count: entity.articles.length };
}

/**
 * An article page: the article, its related stories, and the registry entries (aliases,
 * descriptions) of the names it gives.
 */
export function articlePageKey<T extends KeyedArticle>(
  article: T,
  related: readonly T[],
  entities: Newsroom<T>['entities'],
  frame: string,
): string {
  const registered = REGISTRY_KINDS.flatMap((kind) => KINDS[kind].refs(article.data).map(({ key }) => entities[kind].get(key)?.record));
  return hash([articleDigest(article), related.map(articleDigest), registered, frame]);
}

/** One page of an entity's stories: the entity, the stories on the page and where the page stands. */
export function entityPageKey(
  entity: Entity<KeyedArticle>,
  page: { data: readonly KeyedArticle[]; currentPage: number; lastPage: number },
  frame: string,
): string {
  return hash([entityHeader(entity), page.data.map(articleDigest), page.currentPage, page.lastPage, frame]);
}

/** One of the newsroom's own pages (`static-pages.ts`): its record (body included) and the frame. */
export function sitePageKey(page: { digest?: string | number; data: unknown }, frame: string): string {
  return hash([page.digest ?? hash(page.data), frame]);
}

/** An entity's feed: the entity and its newest `size` stories. */
export function entityFeedKey(entity: Entity<KeyedArticle>, size: number): string {
  return hash([entityHeader(entity), entity.articles.slice(0, size).map(articleDigest)]);
}
