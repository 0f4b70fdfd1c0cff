import { describe, expect, it } from 'vitest';
import { encodeFacets, Facets, type FacetPage } from '../../src/lib/site/search-facets.ts';

const ORDER = ['organization', 'topic', 'year'];

// Newest first, as the build gives them.
const PAGES: FacetPage[] = [
  { id: 'en_aaa', filters: { organization: ['United Nations', 'SCO'], topic: ['Water'], year: ['2025'] } },
  { id: 'en_bbb', filters: { organization: ['SCO'], topic: ['Energy', 'Water'], year: ['2025'] } },
  { id: 'en_ccc', filters: { topic: ['Energy'], year: ['2024'] } },
  { id: 'en_ddd', filters: { organization: ['United Nations'], year: ['2023'], place: ['Osh'] } },
];

const facets = new Facets(encodeFacets(PAGES, ORDER));

describe('facet table', () => {
  it('keeps every page, newest first, and finds each by its Pagefind id', () => {
    expect(facets.pages).toEqual(['en_aaa', 'en_bbb', 'en_ccc', 'en_ddd']);
    expect(PAGES.map((page) => facets.row(page.id))).toEqual([0, 1, 2, 3]);
    expect(facets.row('en_zzz')).toBeUndefined();
  });

  it('says how many of the first rows are in the recent stories’ index (none unless told)', () => {
    expect(facets.recent).toBe(0);
    expect(new Facets(encodeFacets(PAGES, ORDER, 2)).recent).toBe(2);
  });

  it('counts each value over the rows given, leaving out values no row carries', () => {
    expect(facets.count([0, 1, 2, 3])).toEqual({
      organization: { SCO: 2, 'United Nations': 2 },
      topic: { Energy: 2, Water: 2 },
      year: { 2023: 1, 2024: 1, 2025: 2 },
      place: { Osh: 1 },
    });
    expect(facets.count([2])).toEqual({ organization: {}, topic: { Energy: 1 }, year: { 2024: 1 }, place: {} });
  });

  it('filters as Pagefind does: a page must carry every selected value', () => {
    expect(facets.rowsWith({ organization: ['SCO'] })).toEqual([0, 1]);
    expect(facets.rowsWith({ organization: ['SCO', 'United Nations'] })).toEqual([0]);
    expect(facets.rowsWith({ organization: ['SCO'], topic: ['Energy'] })).toEqual([1]);
    expect(facets.rowsWith({ topic: ['Health'] })).toEqual([]);
    expect(facets.rowsWith({ author: ['Nobody'] })).toEqual([]);
    expect(facets.rowsWith({})).toEqual([0, 1, 2, 3]);
    expect(facets.matcher({})).toBeUndefined();
  });

  it('gives a count that equals the results of ticking it', () => {
    const selected = { topic: ['Water'] };
    const counts = facets.count(facets.rowsWith(selected));
    for (const [name, values] of Object.entries(counts)) {
      for (const [value, count] of Object.entries(values)) {
        const ticked = { ...selected, [name]: [...new Set([...(name === 'topic' ? selected.topic : []), value])] };
        expect(facets.rowsWith(ticked), `${name}: ${value}`).toHaveLength(count);
      }
    }
    expect(counts.organization).toEqual({ SCO: 2, 'United Nations': 1 });
  });

  it('writes the same bytes for the same pages, whatever order their values came in', () => {
    const shuffled = PAGES.map((page) => ({
      id: page.id,
      filters: Object.fromEntries(
        Object.entries(page.filters)
          .reverse()
          .map(([k, v]) => [k, [...v].reverse()]),
      ),
    }));
    expect(encodeFacets(shuffled, ORDER)).toEqual(encodeFacets(PAGES, ORDER));
  });

  it('reads back rows far apart (several bytes a number) across many pages', () => {
    const many: FacetPage[] = Array.from({ length: 40_000 }, (_, i) => ({
      id: `en_${i.toString(16)}`,
      filters: { year: [String(2000 + (i % 7))], ...(i % 20_000 === 0 ? { topic: ['Rare'] } : {}) },
    }));
    const table = new Facets(encodeFacets(many, ORDER));
    expect(table.rowsWith({ topic: ['Rare'] })).toEqual([0, 20_000]);
    expect(table.count(table.rowsWith({ year: ['2003'] })).year).toEqual({ 2003: 5714 });
    expect(table.row('en_9c3f')).toBe(0x9c3f);
  });
});
