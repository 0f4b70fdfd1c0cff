import { describe, expect, it } from 'vitest';
import { articleRefs, ENTITY_KINDS, KINDS, LISTED_KINDS, NAV_SECTIONS, REGISTRY_KINDS, sectionParam } from '../../src/lib/entity-kinds.ts';
import { FILTER_LABELS, FILTER_OF_KIND, SEARCH_FILTERS } from '../../src/lib/site/search-state.ts';
import { entityThing } from '../../src/lib/site/structured-data.ts';
import { entityPath } from '../../src/lib/model/urls.ts';

// URLs, filter names and labels are contracts: links and search URLs out in the world use them.
describe('the entity kinds table', () => {
  it('keeps every section URL', () => {
    expect(Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entityPath({ kind, key: 'x' })]))).toEqual({
      organizations: '/organizations/x/',
      people: '/people/x/',
      countries: '/locations/x/',
      places: '/locations/x/',
      topics: '/topics/x/',
      authors: '/authors/x/',
    });
    expect(LISTED_KINDS.map(sectionParam)).toEqual(['organizations', 'people', 'topics', 'authors']);
  });

  it('keeps the search filters, their order and their labels', () => {
    expect(SEARCH_FILTERS).toEqual(['organization', 'person', 'country', 'place', 'topic', 'author', 'year']);
    expect(FILTER_OF_KIND).toEqual({
      organizations: 'organization',
      people: 'person',
      countries: 'country',
      places: 'place',
      topics: 'topic',
      authors: 'author',
    });
    expect(FILTER_LABELS).toEqual({
      organization: 'Organization',
      person: 'Person',
      country: 'Country',
      place: 'Place',
      topic: 'Topic',
      author: 'Author',
      year: 'Year',
    });
  });

  it('lists the sections in the navigation in their order', () => {
    expect(NAV_SECTIONS.map(({ label, path }) => [label, path])).toEqual([
      ['Topics', '/topics/'],
      ['Organizations', '/organizations/'],
      ['People', '/people/'],
      ['Places', '/locations/'],
      ['Authors', '/authors/'],
    ]);
  });

  it('says how each entity page heads its stories', () => {
    expect(KINDS.people.verb).toBe('Stories quoting');
    expect(KINDS.authors.verb).toBe('Stories by');
    expect(KINDS.topics.verb).toBe('Stories about');
  });

  it('names the registry file of each kind that has one', () => {
    expect(REGISTRY_KINDS.map((kind) => KINDS[kind].registry)).toContain('organizations.yaml');
    expect(REGISTRY_KINDS.map((kind) => KINDS[kind].registry)).toContain('people.yaml');
    expect('registry' in KINDS.countries || 'registry' in KINDS.places).toBe(false);
  });

  it('reads every entity an article names, with its field and key', () => {
    const refs = articleRefs({
      organizations: [{ name: 'UN', slug: 'un' }],
      speakers: [{ name: 'Aida Musina', slug: 'aida-musina', role: 'Minister' }],
      topics: [{ name: 'Water', slug: 'water' }],
      authors: [{ name: 'Dana Serikova', slug: 'dana-serikova' }],
      location: { text: 'Osh, Kyrgyzstan', country: { name: 'Kyrgyzstan', slug: 'kyrgyzstan' }, place: { name: 'Osh', slug: 'osh' } },
    });
    expect(refs.map(({ kind, key, field }) => `${kind} ${key} ${field}`)).toEqual([
      'organizations un organizations',
      'people aida-musina speakers',
      'countries kyrgyzstan location',
      'places kyrgyzstan/osh location',
      'topics water topics',
      'authors dana-serikova authors',
    ]);
    expect(refs.find((ref) => ref.kind === 'places')?.country).toEqual({ name: 'Kyrgyzstan', slug: 'kyrgyzstan' });
  });

  it('gives each entity page its schema.org type', () => {
    const thing = (kind: (typeof ENTITY_KINDS)[number]) =>
      entityThing({ kind, key: 'x', slug: 'x', name: 'X', articles: [] }, 'https://example.org/x/')['@type'];
    expect(ENTITY_KINDS.map(thing)).toEqual(['Organization', 'Person', 'Country', 'Place', 'Thing', 'Person']);
  });
});
