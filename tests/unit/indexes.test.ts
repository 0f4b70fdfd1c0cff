import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Registries } from '../../src/lib/model/article.ts';
import { buildNewsroom, isPublished } from '../../src/lib/model/indexes.ts';
import { parseRegistry } from '../../src/lib/content/registry.ts';

const registries: Registries = {
  organizations: parseRegistry('organizations', '- name: United Nations\n  description: The UN.\n', 'o.yaml').registry,
  people: parseRegistry('people', '- name: Aida Musina\n  role: Minister of Energy\n', 'p.yaml').registry,
  topics: parseRegistry('topics', '- name: Energy\n  description: Power, oil and gas.\n', 't.yaml').registry,
  authors: parseRegistry('authors', '- name: Dana Serikova\n  role: Energy correspondent\n', 'a.yaml').registry,
};

function article(slug: string, date: string, extra: Partial<ArticleRecord> = {}) {
  const d = new Date(date);
  const data: ArticleRecord = {
    file: `${slug}.md`,
    path: `/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slug}/`,
    slug,
    title: slug,
    summary: slug,
    date: d,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    organizations: [],
    speakers: [],
    topics: [],
    authors: [{ name: 'Staff Reporter', slug: 'staff-reporter' }],
    draft: false,
    featured: false,
    readingMinutes: 1,
    bodyDigest: '',
    aliases: [],
    legacyAliases: [],
    corrections: [],
    ...extra,
  };
  return { id: slug, data };
}

const un = { name: 'United Nations', slug: 'united-nations' };
const osh = { text: 'Osh, Kyrgyzstan', country: { name: 'Kyrgyzstan', slug: 'kyrgyzstan' }, place: { name: 'Osh', slug: 'osh' } };

describe('buildNewsroom', () => {
  const a = article('a', '2025-06-01T10:00:00Z', { organizations: [un], location: osh });
  const b = article('b', '2025-07-01T10:00:00Z', {
    organizations: [un],
    speakers: [{ name: 'Aida Musina', slug: 'aida-musina' }],
    topics: [{ name: 'Energy', slug: 'energy' }],
    authors: [{ name: 'Dana Serikova', slug: 'dana-serikova' }],
  });
  const c = article('c', '2025-07-20T10:00:00Z', {
    speakers: [{ name: 'Timur Rahimov', slug: 'timur-rahimov', role: 'Analyst' }],
    location: { text: 'Kyrgyzstan', country: osh.country },
  });
  const newsroom = buildNewsroom([a, c, b], registries);

  it('lists articles newest first', () => {
    expect(newsroom.articles.map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('indexes each entity with its articles newest first and its registry entry', () => {
    const entity = newsroom.entities.organizations.get('united-nations');
    expect(entity?.articles.map((x) => x.id)).toEqual(['b', 'a']);
    expect(entity?.record?.description).toBe('The UN.');
  });

  it('gives people their registry role, else the role of their latest quote', () => {
    expect(newsroom.entities.people.get('aida-musina')?.role).toBe('Minister of Energy');
    expect(newsroom.entities.people.get('timur-rahimov')?.role).toBe('Analyst');
  });

  it('gives topics and authors their registry entries, and authors their registry role', () => {
    expect(newsroom.entities.topics.get('energy')?.record?.description).toBe('Power, oil and gas.');
    expect(newsroom.entities.authors.get('dana-serikova')?.role).toBe('Energy correspondent');
    expect(newsroom.entities.authors.get('staff-reporter')?.record).toBeUndefined();
  });

  it('indexes places within their country, and the country itself', () => {
    expect(newsroom.entities.places.get('kyrgyzstan/osh')?.country).toEqual(osh.country);
    expect(newsroom.entities.countries.get('kyrgyzstan')?.articles.map((x) => x.id)).toEqual(['c', 'a']);
  });

  it('builds the archive by year and month', () => {
    expect([...newsroom.archive.get(2025)!.keys()]).toEqual([7, 6]);
    expect(
      newsroom.archive
        .get(2025)!
        .get(7)!
        .map((x) => x.id),
    ).toEqual(['c', 'b']);
  });

  it('relates articles through shared entities, newer first on a tie', () => {
    // a shares the UN with b and Kyrgyzstan with c: one entity each, of equal rarity.
    expect(newsroom.related(a).map((x) => x.id)).toEqual(['c', 'b']);
    expect(newsroom.related(b).map((x) => x.id)).toEqual(['a', 'c']);
  });
});

describe('isPublished', () => {
  const now = new Date('2025-08-01T00:00:00Z');

  it('keeps drafts and future articles off the site', () => {
    expect(isPublished(article('x', '2025-07-01T00:00:00Z').data, now)).toBe(true);
    expect(isPublished(article('x', '2025-07-01T00:00:00Z', { draft: true }).data, now)).toBe(false);
    expect(isPublished(article('x', '2025-08-01T00:00:01Z').data, now)).toBe(false);
  });
});
