/**
 * Every index the site's pages need, computed once from the published articles in linear
 * passes: articles newest first, entity pages (organizations, people, topics, authors,
 * countries, places), year and month archives and related articles.
 * Pages only look things up here; nothing is recomputed per page.
 */
import type { ArticleRecord, Registries } from './article.ts';
import { articleRefs, ENTITY_KINDS, REGISTRY_KINDS, type EntityKind, type KindRef } from '../entity-kinds.ts';
import type { RegistryRecord } from '../content/registry.ts';
import { defaultRelatedOptions, relatedIndex } from './related.ts';

export interface IndexedArticle {
  id: string;
  data: ArticleRecord;
}

export interface Entity<T extends IndexedArticle = IndexedArticle> {
  kind: EntityKind;
  /** Slug within its kind; for places, `<country>/<place>`. */
  key: string;
  slug: string;
  name: string;
  /** Newest first. */
  articles: T[];
  /** The registry entry, for registered names of a kind with a registry. */
  record?: RegistryRecord;
  /** The registry role; for people without one, the role of their most recent quote. */
  role?: string;
  /** Places: the country they are in. */
  country?: { name: string; slug: string };
}

export interface Newsroom<T extends IndexedArticle = IndexedArticle> {
  /** Published articles, newest first. */
  articles: T[];
  entities: Record<EntityKind, Map<string, Entity<T>>>;
  /** Year -> month (1-12) -> articles, newest first. Years and months descending. */
  archive: Map<number, Map<number, T[]>>;
  related(article: T): T[];
}

/** Whether an article is on the public site: not a draft and not dated after `now`. */
export function isPublished(article: Pick<ArticleRecord, 'draft' | 'date'>, now: Date): boolean {
  return !article.draft && article.date.getTime() <= now.getTime();
}

/** Newest first; articles of the same instant by URL, so every order is deterministic. */
export function byNewest(a: IndexedArticle, b: IndexedArticle): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.data.path.localeCompare(b.data.path);
}

/** The entity keys an article is indexed under. */
export function entityKeys(article: ArticleRecord): { kind: EntityKind; key: string }[] {
  return articleRefs(article).map(({ kind, key }) => ({ kind, key }));
}

export function buildNewsroom<T extends IndexedArticle>(input: readonly T[], registries: Registries): Newsroom<T> {
  const articles = [...input].sort(byNewest);
  const entities = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, new Map()])) as Newsroom<T>['entities'];
  const registered = new Map(REGISTRY_KINDS.map((kind) => [kind as EntityKind, new Map(registries[kind].records.map((r) => [r.slug, r]))]));

  const add = (kind: EntityKind, { key, ref, country }: KindRef, article: T) => {
    let entity = entities[kind].get(key);
    if (!entity) {
      entity = { kind, key, slug: ref.slug, name: ref.name, articles: [] };
      entity.record = registered.get(kind)?.get(ref.slug);
      entity.role = entity.record?.role;
      if (country) entity.country = country;
      entities[kind].set(key, entity);
    }
    entity.articles.push(article);
    // Articles come newest first, so the first role seen is the most recent one.
    entity.role ??= ref.role;
  };

  const archive: Newsroom<T>['archive'] = new Map();
  for (const article of articles) {
    const { data } = article;
    for (const ref of articleRefs(data)) add(ref.kind, ref, article);
    let year = archive.get(data.year);
    if (!year) archive.set(data.year, (year = new Map()));
    let month = year.get(data.month);
    if (!month) year.set(data.month, (month = []));
    month.push(article);
  }

  const rankOf = new Map(articles.map((article, rank) => [article.id, rank]));
  const relatedRanks = relatedIndex(
    articles.map(({ data }) => ({
      entities: entityKeys(data)
        .filter(({ kind }) => kind !== 'authors')
        .map(({ kind, key }) => `${kind}/${key}`),
    })),
    defaultRelatedOptions,
  );

  return {
    articles,
    entities,
    archive,
    related: (article) => relatedRanks(rankOf.get(article.id) ?? -1).map((rank) => articles[rank]!),
  };
}
