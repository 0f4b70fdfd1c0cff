import { describe, expect, it } from 'vitest';
import { readSearchState, resultsLine, writeSearchState } from '../../src/lib/site/search-state.ts';

describe('resultsLine', () => {
  it('says there is nothing', () => {
    expect(resultsLine(0, 0, 'digital')).toBe('No results for “digital”');
  });

  it('states a single result without a range', () => {
    expect(resultsLine(1, 1, 'guterres')).toBe('Showing 1 of 1 result for “guterres”');
  });

  it('states the range shown and the total', () => {
    expect(resultsLine(10, 37, 'digital')).toBe('Showing 1–10 of 37 results for “digital”');
    expect(resultsLine(37, 37, 'digital')).toBe('Showing 1–37 of 37 results for “digital”');
  });

  it('never shows more than there is', () => {
    expect(resultsLine(10, 3, 'x')).toBe('Showing 1–3 of 3 results for “x”');
  });

  it('leaves out the query when only filters are set', () => {
    expect(resultsLine(10, 12, '')).toBe('Showing 1–10 of 12 results');
  });
});

describe('search state in the URL', () => {
  it('reads the query and repeated filters, ignoring unknown parameters', () => {
    const state = readSearchState(new URLSearchParams('q=+guterres+&organization=United+Nations&topic=Water&topic=Energy&utm_source=x'));
    expect(state).toEqual({ query: 'guterres', filters: { organization: ['United Nations'], topic: ['Water', 'Energy'] } });
  });

  it('writes a stable query string that reads back the same', () => {
    const state = { query: 'water deal', filters: { topic: ['Water'], organization: ['United Nations'] } };
    const written = writeSearchState(state);
    expect(written).toBe('?q=water+deal&organization=United+Nations&topic=Water');
    expect(readSearchState(new URLSearchParams(written))).toEqual({ query: 'water deal', filters: { organization: ['United Nations'], topic: ['Water'] } });
  });

  it('writes nothing for an empty search', () => {
    expect(writeSearchState({ query: '', filters: {} })).toBe('');
  });
});
