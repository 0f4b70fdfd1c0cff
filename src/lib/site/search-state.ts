/**
 * The search page's state and wording, shared by the pages that link to search and by the
 * browser script that runs it: which filters exist, how a search lives in the URL
 * (`/search/?q=guterres&organization=United+Nations`), and the sentence that says what is shown.
 */
import { ENTITY_KINDS, KINDS, type EntityKind } from '../entity-kinds.ts';

export type SearchFilter = (typeof KINDS)[EntityKind]['filter'] | 'year';

/** The Pagefind filters every article is indexed with, in the order the page shows them: one per kind, then the year. */
export const SEARCH_FILTERS: readonly SearchFilter[] = [...ENTITY_KINDS.map((kind) => KINDS[kind].filter), 'year'];

/** The filter that narrows search to one entity's stories. */
export const FILTER_OF_KIND = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, KINDS[kind].filter])) as {
  [K in EntityKind]: (typeof KINDS)[K]['filter'];
};

export const FILTER_LABELS = Object.fromEntries([...ENTITY_KINDS.map((kind) => [KINDS[kind].filter, KINDS[kind].label]), ['year', 'Year']]) as Record<
  SearchFilter,
  string
>;

export interface SearchState {
  query: string;
  /** Selected values per filter; a filter with no values is absent. */
  filters: Partial<Record<SearchFilter, string[]>>;
}

/** Reads `?q=…&organization=…&organization=…` (unknown parameters are ignored). */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const key of SEARCH_FILTERS) {
    const values = [
      ...new Set(
        params
          .getAll(key)
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length) filters[key] = values;
  }
  return { query: (params.get('q') ?? '').trim(), filters };
}

/** The query string for a state, in a stable order, so equal searches have equal URLs. */
export function writeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const key of SEARCH_FILTERS) for (const value of state.filters[key] ?? []) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(state: SearchState): boolean {
  return Object.keys(state.filters).length > 0;
}

/**
 * "Showing 1–10 of 37 results for “digital”"; `shown` is how many results are on the page
 * (the first `shown`), `total` how many matched.
 */
export function resultsLine(shown: number, total: number, query: string): string {
  const forQuery = query ? ` for “${query}”` : '';
  if (total === 0) return `No results${forQuery}`;
  shown = Math.max(1, Math.min(shown, total));
  const noun = total === 1 ? 'result' : 'results';
  const range = shown === 1 ? '1' : `1–${shown}`;
  return `Showing ${range} of ${total} ${noun}${forQuery}`;
}
