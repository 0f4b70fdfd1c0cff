/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * template are unchanged since the previous build is copied from it instead of rendered again.
 * Each key therefore covers everything its page shows that comes from content: a key that
 * missed something would publish a stale page, so the incremental build test compares a
 * rebuilt site with a clean build byte for byte. `frame` is what every page's layout shows of the
 * content (the footer's and masthead's page links: `pageLinksDigest`).
 *
 * A list shows a story as a teaser (`Teaser.astro`), so list pages and related stories are keyed
 * by what the teaser shows, not by the whole article: an edited body renders its own page again,
 * not every page that lists the story. Pages without a key (the home page, whose clock-driven
 * sections change with time alone, and the places index) are rendered on every build.
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

/**
 * What a teaser shows of an article (`Teaser.astro`): a change to anything else (its body, its
 * speakers' quotes) leaves the pages that list it as they were. The image is its processed
 * metadata, whose address holds the digest of the photo's bytes.
 */
function teaserDigest(article: KeyedArticle): string {
  const { path, title, summary, lang, location, date, draft, image } = article.data;
  return hash([path, title, summary, lang, location?.text, date, draft, image && { ...image, file: image.file && copyOf(image.file) }]);
}

/**
 * A photo's metadata read without counting as a use of its camera original: Astro's metadata
 * object notes every property read, and publishes the original of a photo read that way instead
 * of removing it once resized; its `clone`, which Astro's own image functions read, does not.
 */
function copyOf(file: object): unknown {
  return (file as { clone?: unknown }).clone ?? file;
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
export function articlePageKey<T extends KeyedArticle>(article: T, related: readonly T[], entities: Newsroom<T>['entities'], frame: string): string {
  const registered = REGISTRY_KINDS.flatMap((kind) => KINDS[kind].refs(article.data).map(({ key }) => entities[kind].get(key)?.record));
  return hash([articleDigest(article), related.map(teaserDigest), registered, frame]);
}

/** One page of an entity's stories: the entity, the stories on the page and where the page stands. */
export function entityPageKey(
  entity: Entity<KeyedArticle>,
  page: { data: readonly KeyedArticle[]; currentPage: number; lastPage: number },
  frame: string,
): string {
  return hash([entityHeader(entity), page.data.map(teaserDigest), page.currentPage, page.lastPage, frame]);
}

/** One of the newsroom's own pages (`static-pages.ts`): its record (body included) and the frame. */
export function sitePageKey(page: { digest?: string | number; data: unknown }, frame: string): string {
  return hash([page.digest ?? hash(page.data), frame]);
}

/** An entity's feed: the entity and its newest `size` stories. */
export function entityFeedKey(entity: Entity<KeyedArticle>, size: number): string {
  return hash([entityHeader(entity), entity.articles.slice(0, size).map(articleDigest)]);
}

/** A month's archive page: its stories as teasers. */
export function monthPageKey(year: number, month: number, articles: readonly KeyedArticle[], frame: string): string {
  return hash(['month', year, month, articles.map(teaserDigest), frame]);
}

/** A year's archive page: the number of stories of each of its months, and the other years. */
export function yearPageKey(year: number, months: ReadonlyMap<number, readonly unknown[]>, years: readonly number[], frame: string): string {
  return hash(['year', year, [...months].map(([month, articles]) => [month, articles.length]), years, frame]);
}

/** A list of every entity of a kind (`/people/`…): each entity's name, address, role and count. */
export function entityListKey(kind: string, entities: readonly Entity<KeyedArticle>[], frame: string): string {
  return hash(['list', kind, entities.map(({ slug, key, name, role, articles }) => [slug, key, name, role, articles.length]), frame]);
}
