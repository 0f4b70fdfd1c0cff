/**
 * The kinds of entity the site has a page for, in one table: where each comes from in an
 * article, where its pages live, how search filters by it and how pages name it. Everything
 * else (indexes, URLs, search filters, list pages, structured data, registries, navigation)
 * reads this table, so adding a kind is one row. URLs, filter names and labels are contracts:
 * links, bookmarks and search URLs out in the world use them.
 *
 * The rows are in the order the search page shows its filters. This module is also bundled
 * into the browser's search script, so it imports nothing at run time.
 */
import type { ArticleFields, EntityRef } from './model/article.ts';

/** An entity an article names, with the key of its page within its kind. */
export interface KindRef {
  key: string;
  ref: EntityRef & { role?: string };
  /** The frontmatter field the name is written in. */
  field: string;
  /** Places: the country they are in. */
  country?: EntityRef;
}

type NamingFields = Pick<ArticleFields, 'organizations' | 'speakers' | 'topics' | 'authors' | 'location'>;

interface KindRow {
  /** The frontmatter field that names entities of this kind. */
  field: 'organizations' | 'speakers' | 'topics' | 'authors' | 'location';
  /** The names of this kind that an article gives, in the order it gives them. */
  refs(article: NamingFields): KindRef[];
  /** The site section that lists this kind (several kinds may share one). */
  section: string;
  /** The Pagefind filter that narrows search to one entity's stories (`?organization=…`). */
  filter: string;
  /** What one entity of this kind is, shown above its name and as the search filter's legend. */
  label: string;
  /** The heading over an entity's stories: "Stories quoting Aida Musina". */
  verb: string;
  /** schema.org type of the entity. */
  schemaType: string;
  /** Heading and introduction of the section's list page, for kinds listed on a page of their own. */
  list?: { heading: string; intro: string };
  /** The section's link in the site navigation, and its place there. */
  nav?: { label: string; position: number };
  /** The optional registry file of canonical names, at the content directory's root. */
  registry?: string;
}

/** The key of a place: `<country>/<place>` slugs, since one place name can stand in several countries. */
export function placeKey(country: { slug: string }, place: { slug: string }): string {
  return `${country.slug}/${place.slug}`;
}

const named = (field: 'organizations' | 'topics' | 'authors') => (article: Pick<ArticleFields, typeof field>) =>
  article[field].map((ref): KindRef => ({ key: ref.slug, ref, field }));

export const KINDS = {
  organizations: {
    field: 'organizations',
    refs: named('organizations'),
    section: '/organizations/',
    filter: 'organization',
    label: 'Organization',
    verb: 'Stories about',
    schemaType: 'Organization',
    list: { heading: 'Organizations', intro: 'Organizations in the news, by number of stories.' },
    nav: { label: 'Organizations', position: 2 },
    registry: 'organizations.yaml',
  },
  people: {
    field: 'speakers',
    refs: (article) => article.speakers.map((ref) => ({ key: ref.slug, ref, field: 'speakers' })),
    section: '/people/',
    filter: 'person',
    label: 'Person',
    verb: 'Stories quoting',
    schemaType: 'Person',
    list: { heading: 'People', intro: 'People quoted in our stories, by number of stories.' },
    nav: { label: 'People', position: 3 },
    registry: 'people.yaml',
  },
  countries: {
    field: 'location',
    refs: ({ location }) => (location ? [{ key: location.country.slug, ref: location.country, field: 'location' }] : []),
    section: '/locations/',
    filter: 'country',
    label: 'Country',
    verb: 'Stories about',
    schemaType: 'Country',
    nav: { label: 'Places', position: 4 },
  },
  places: {
    field: 'location',
    refs: ({ location }) =>
      location?.place ? [{ key: placeKey(location.country, location.place), ref: location.place, field: 'location', country: location.country }] : [],
    section: '/locations/',
    filter: 'place',
    label: 'Place',
    verb: 'Stories about',
    schemaType: 'Place',
  },
  topics: {
    field: 'topics',
    refs: named('topics'),
    section: '/topics/',
    filter: 'topic',
    label: 'Topic',
    verb: 'Stories about',
    schemaType: 'Thing',
    list: { heading: 'Topics', intro: 'Every topic we cover, by number of stories.' },
    nav: { label: 'Topics', position: 1 },
    registry: 'topics.yaml',
  },
  authors: {
    field: 'authors',
    refs: named('authors'),
    section: '/authors/',
    filter: 'author',
    label: 'Author',
    verb: 'Stories by',
    schemaType: 'Person',
    list: { heading: 'Authors', intro: 'Our reporters and their stories.' },
    nav: { label: 'Authors', position: 5 },
    registry: 'authors.yaml',
  },
} as const satisfies Record<string, KindRow>;

type Kinds = typeof KINDS;
export type EntityKind = keyof Kinds;
/** Kinds with a registry file of canonical names. */
export type RegistryKind = { [K in EntityKind]: Kinds[K] extends { registry: string } ? K : never }[EntityKind];
/** Kinds listed on a section page of their own (`/topics/`); countries and places share `/locations/`. */
export type ListedKind = { [K in EntityKind]: Kinds[K] extends { list: object } ? K : never }[EntityKind];

/** Every kind, in the table's order. */
export const ENTITY_KINDS = Object.keys(KINDS) as EntityKind[];
export const REGISTRY_KINDS = ENTITY_KINDS.filter((kind): kind is RegistryKind => 'registry' in KINDS[kind]);
export const LISTED_KINDS = ENTITY_KINDS.filter((kind): kind is ListedKind => 'list' in KINDS[kind]);

/** Every entity an article names, of every kind, in the table's order. */
export function articleRefs(article: NamingFields): (KindRef & { kind: EntityKind })[] {
  return ENTITY_KINDS.flatMap((kind) => KINDS[kind].refs(article).map((ref) => ({ ...ref, kind })));
}

/** The sections in the site navigation, in their order. */
export const NAV_SECTIONS = ENTITY_KINDS.flatMap((kind) => {
  const row: KindRow = KINDS[kind];
  return row.nav ? [{ ...row.nav, path: row.section }] : [];
}).sort((a, b) => a.position - b.position);

/** The section as a route parameter: `organizations` for `/organizations/`. */
export function sectionParam(kind: EntityKind): string {
  return KINDS[kind].section.slice(1, -1);
}
