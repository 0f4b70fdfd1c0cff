/**
 * schema.org structured data (JSON-LD) for articles and entity pages, so search engines know
 * the headline, dates, authors, dateline and the people and organizations a story mentions.
 * Pure functions: every URL they need is passed in as an absolute URL.
 */
import { lastChanged, type ArticleRecord } from '../model/article.ts';
import { KINDS, placeKey } from '../entity-kinds.ts';
import type { Entity } from '../model/indexes.ts';
import { entityPath } from '../model/urls.ts';

export interface Publisher {
  name: string;
  /** Absolute URL of the home page. */
  url: string;
  /** Absolute URL of the logo image. */
  logo: string;
}

type JsonLd = Record<string, unknown>;

/** `NewsArticle` for one article; `absolute` turns a site path into an absolute URL. */
export function newsArticle(
  article: Omit<ArticleRecord, 'image'> & { image?: { src: string } },
  publisher: Publisher,
  absolute: (path: string) => string,
): JsonLd {
  const url = absolute(article.path);
  const place = article.location && {
    '@type': 'Place',
    name: article.location.text,
    url: absolute(
      article.location.place
        ? entityPath({ kind: 'places', key: placeKey(article.location.country, article.location.place) })
        : entityPath({ kind: 'countries', key: article.location.country.slug }),
    ),
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.title,
    description: article.summary,
    datePublished: article.date.toISOString(),
    dateModified: lastChanged(article).toISOString(),
    ...(article.lang ? { inLanguage: article.lang } : {}),
    author: article.authors.map((author) => ({
      '@type': KINDS.authors.schemaType,
      name: author.name,
      url: absolute(entityPath({ kind: 'authors', key: author.slug })),
    })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: publisher.name,
      url: publisher.url,
      logo: { '@type': 'ImageObject', url: publisher.logo },
    },
    ...(article.corrections.length
      ? {
          correction: article.corrections.map((correction) => ({
            '@type': 'CorrectionComment',
            datePublished: correction.date.toISOString(),
            text: correction.text,
          })),
        }
      : {}),
    ...(article.image ? { image: [absolute(article.image.src)] } : {}),
    ...(article.location ? { dateline: article.location.text, contentLocation: place } : {}),
    about: article.topics.map((topic) => ({
      '@type': KINDS.topics.schemaType,
      name: topic.name,
      url: absolute(entityPath({ kind: 'topics', key: topic.slug })),
    })),
    mentions: [
      ...article.organizations.map((org) => ({
        '@type': KINDS.organizations.schemaType,
        name: org.name,
        url: absolute(entityPath({ kind: 'organizations', key: org.slug })),
      })),
      ...article.speakers.map((person) => ({
        '@type': KINDS.people.schemaType,
        name: person.name,
        url: absolute(entityPath({ kind: 'people', key: person.slug })),
        ...(person.role ? { jobTitle: person.role } : {}),
      })),
    ],
  };
}

/** `BreadcrumbList` from (name, absolute URL) pairs, outermost first. */
export function breadcrumbs(trail: readonly (readonly [string, string])[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map(([name, item], i) => ({ '@type': 'ListItem', position: i + 1, name, item })),
  };
}

/** `Person`, `Organization`, `Place`… for an entity page, with `sameAs` when the registry gives a website or links. */
export function entityThing(entity: Entity, url: string): JsonLd {
  const sameAs = [entity.record?.url, ...(entity.record?.links ?? []).map((link) => link.url)].filter((u) => u !== undefined);
  return {
    '@context': 'https://schema.org',
    '@type': KINDS[entity.kind].schemaType,
    name: entity.name,
    url,
    ...(entity.record?.aliases.length ? { alternateName: entity.record.aliases } : {}),
    ...(entity.record?.description ? { description: entity.record.description } : {}),
    ...(entity.role ? { jobTitle: entity.role } : {}),
    ...(sameAs.length ? { sameAs } : {}),
    ...(entity.country ? { containedInPlace: { '@type': 'Country', name: entity.country.name } } : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the script. */
export function jsonLdText(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
