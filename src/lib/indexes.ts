/**
 * Every index the site's pages need, computed once from the published articles in linear
 * passes: articles newest first, entity pages (organizations, people, topics, authors,
 * countries, places), year and month archives, related articles and recent activity.
 * Pages only look things up here; nothing is recomputed per page.
 */
import type { ArticleRecord, Registries } from './article.ts';
import type { RegistryRecord } from './registry.ts';
import { defaultRelatedOptions, relatedIndex } from './related.ts';

export interface IndexedArticle {
  id: string;
  data: ArticleRecord;
}

export const ENTITY_KINDS = ['organizations', 'people', 'topics', 'authors', 'countries', 'places'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Entity<T extends IndexedArticle = IndexedArticle> {
  kind: EntityKind;
  /** Slug within its kind; for places, `<country>/<place>`. */
  key: string;
  slug: string;
  name: string;
  /** Newest first. */
  articles: T[];
  /** The registry entry, for registered organizations and people. */
  record?: RegistryRecord;
  /** People: the registry role, else the role of their most recent quote. */
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
  /** The entities of `kind` named most in the `days` up to the newest article. */
  mostActive(kind: EntityKind, days: number, limit: number): { entity: Entity<T>; count: number }[];
}

/** Whether an article is on the public site: not a draft and not dated after `now`. */
export function isPublished(article: Pick<ArticleRecord, 'draft' | 'date'>, now: Date): boolean {
  return !article.draft && article.date.getTime() <= now.getTime();
}

/** Newest first; articles of the same instant by URL, so every order is deterministic. */
export function byNewest(a: IndexedArticle, b: IndexedArticle): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.data.path.localeCompare(b.data.path);
}

/** The key of a place: `<country>/<place>` slugs, since one place name can stand in several countries. */
export function placeKey(country: { slug: string }, place: { slug: string }): string {
  return `${country.slug}/${place.slug}`;
}

/** The entity keys an article is indexed under, as `<kind>/<key>`. */
export function entityKeys(article: ArticleRecord): { kind: EntityKind; key: string }[] {
  const keys: { kind: EntityKind; key: string }[] = [];
  for (const ref of article.organizations) keys.push({ kind: 'organizations', key: ref.slug });
  for (const ref of article.speakers) keys.push({ kind: 'people', key: ref.slug });
  for (const ref of article.topics) keys.push({ kind: 'topics', key: ref.slug });
  for (const ref of article.authors) keys.push({ kind: 'authors', key: ref.slug });
  if (article.location) {
    keys.push({ kind: 'countries', key: article.location.country.slug });
    if (article.location.place) {
      keys.push({ kind: 'places', key: placeKey(article.location.country, article.location.place) });
    }
  }
  return keys;
}

export function buildNewsroom<T extends IndexedArticle>(input: readonly T[], registries: Registries): Newsroom<T> {
  const articles = [...input].sort(byNewest);
  const entities = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, new Map()])) as Newsroom<T>['entities'];
  const registered = {
    organizations: new Map(registries.organizations.records.map((r) => [r.slug, r])),
    people: new Map(registries.people.records.map((r) => [r.slug, r])),
  };

  const add = (kind: EntityKind, key: string, ref: { name: string; slug: string }, article: T) => {
    let entity = entities[kind].get(key);
    if (!entity) {
      entity = { kind, key, slug: ref.slug, name: ref.name, articles: [] };
      if (kind === 'organizations' || kind === 'people') entity.record = registered[kind].get(ref.slug);
      if (kind === 'people') entity.role = entity.record?.role;
      entities[kind].set(key, entity);
    }
    entity.articles.push(article);
    return entity;
  };

  const archive: Newsroom<T>['archive'] = new Map();
  for (const article of articles) {
    const { data } = article;
    data.organizations.forEach((ref) => add('organizations', ref.slug, ref, article));
    data.topics.forEach((ref) => add('topics', ref.slug, ref, article));
    data.authors.forEach((ref) => add('authors', ref.slug, ref, article));
    for (const ref of data.speakers) {
      const person = add('people', ref.slug, ref, article);
      // Articles come newest first, so the first role seen is the most recent one.
      person.role ??= ref.role;
    }
    if (data.location) {
      const { country, place } = data.location;
      add('countries', country.slug, country, article);
      if (place) add('places', placeKey(country, place), place, article).country = country;
    }
    let year = archive.get(data.year);
    if (!year) archive.set(data.year, (year = new Map()));
    let month = year.get(data.month);
    if (!month) year.set(data.month, (month = []));
    month.push(article);
  }

  const rankOf = new Map(articles.map((article, rank) => [article.id, rank]));
  const relatedRanks = relatedIndex(
    articles.map(({ data }) =>
      ({ entities: entityKeys(data).filter(({ kind }) => kind !== 'authors').map(({ kind, key }) => `${kind}/${key}`) }),
    ),
    defaultRelatedOptions,
  );

  return {
    articles,
    entities,
    archive,
    related: (article) => relatedRanks(rankOf.get(article.id) ?? -1).map((rank) => articles[rank]!),
    mostActive: (kind, days, limit) => {
      const newest = articles[0]?.data.date.getTime() ?? 0;
      const since = newest - days * 86_400_000;
      const counts = new Map<Entity<T>, number>();
      for (const article of articles) {
        if (article.data.date.getTime() < since) break;
        for (const { kind: k, key } of entityKeys(article.data)) {
          if (k !== kind) continue;
          const entity = entities[kind].get(key)!;
          counts.set(entity, (counts.get(entity) ?? 0) + 1);
        }
      }
      return [...counts]
        .map(([entity, count]) => ({ entity, count }))
        .sort((a, b) => b.count - a.count || a.entity.name.localeCompare(b.entity.name))
        .slice(0, limit);
    },
  };
}
