/**
 * The search page in the browser: searches for the query and filters in the URL, shows results
 * ten at a time with a truthful count line, and facets with exact counts. Pagefind and the facet
 * table run in a worker (src/client/search-worker.ts), which the page starts at once, so the
 * index is loaded before the reader has finished typing, and whose searches never hold up the page.
 * Every change is written to the URL, so a search can be shared, reloaded and navigated with Back.
 */
import {
  FILTER_LABELS,
  hasFilters,
  readSearchState,
  resultsLine,
  SEARCH_FILTERS,
  writeSearchState,
  type SearchFilter,
  type SearchState,
} from '../lib/site/search-state.ts';
import { expandAliases, type AliasMap } from '../lib/model/search-aliases.ts';
import type { FilterCounts } from '../lib/site/search-facets.ts';
import type { ResultFragment, SearchReply, SearchRequest } from './search-worker.ts';

const FACET_VISIBLE = 8;
const TYPING_DELAY_MS = 250;

export function startSearch(app: HTMLElement): void {
  const form = app.querySelector<HTMLFormElement>('#search-form')!;
  const input = app.querySelector<HTMLInputElement>('#search-q')!;
  const line = app.querySelector<HTMLElement>('#results-line')!;
  const list = app.querySelector<HTMLOListElement>('#results')!;
  const more = app.querySelector<HTMLButtonElement>('#load-more')!;
  const facets = app.querySelector<HTMLElement>('#facets')!;
  // Filters start folded (phones); on a wide screen, beside the results, they start open.
  app.querySelector<HTMLDetailsElement>('#facets-panel')!.open = matchMedia('(min-width: 60rem)').matches;

  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
  const send = (request: SearchRequest) => worker.postMessage(request);
  send({ type: 'setup', bundle: app.dataset.bundle!, base: app.dataset.base!, facets: app.dataset.facets! });

  // Without the map (a failed request), aliases are searched as the words they are.
  let aliasMap: AliasMap = {};
  const aliases: Promise<AliasMap> = fetch(app.dataset.aliases!)
    .then((response) => (response.ok ? (response.json() as Promise<AliasMap>) : {}))
    .catch(() => ({}))
    .then((map) => (aliasMap = map));

  let state: SearchState = readSearchState(new URLSearchParams(location.search));
  let total = 0;
  let shown = 0;
  /** Where the next page of results starts, while it is on its way. */
  let loadingFrom: number | undefined;
  // Each search gets a number; the answer to an older one is dropped.
  let generation = 0;

  async function run(): Promise<void> {
    const current = ++generation;
    input.value = state.query;
    loadingFrom = undefined;
    const words = state.query ? expandAliases(state.query, await aliases) : null;
    if (current !== generation) return;
    send({ type: 'search', id: current, words, filters: state.filters });
  }

  worker.addEventListener('message', (event: MessageEvent<SearchReply>) => {
    const reply = event.data;
    if (reply.type === 'failed') {
      line.textContent = 'Search could not load. Reload the page to try again.';
      return;
    }
    if (reply.id !== generation) return;
    if (reply.type === 'results') {
      total = reply.total;
      shown = 0;
      list.replaceChildren();
      renderFacets(reply.counts);
      if (!state.query && !hasFilters(state)) {
        more.hidden = true;
        line.textContent = 'Type a word, or pick a filter, to find stories.';
        return;
      }
      show(reply.results);
    } else if (loadingFrom === shown) {
      show(reply.results);
      list.children[loadingFrom]?.querySelector('a')?.focus();
      loadingFrom = undefined;
    }
  });

  function show(results: ResultFragment[]): void {
    list.append(...results.map(renderResult));
    shown += results.length;
    line.textContent = resultsLine(shown, total, state.query);
    more.hidden = shown >= total;
  }

  function renderResult(fragment: ResultFragment): HTMLLIElement {
    const item = document.createElement('li');
    const article = document.createElement('article');
    article.className = 'teaser';
    const heading = document.createElement('h3');
    heading.className = 'teaser-title';
    const link = document.createElement('a');
    link.href = fragment.url;
    link.textContent = fragment.meta.title ?? fragment.url;
    heading.append(link);
    const excerpt = document.createElement('p');
    excerpt.className = 'teaser-summary';
    // Pagefind escapes the page text and adds only <mark> around the matched words.
    if (state.query) excerpt.innerHTML = fragment.excerpt;
    else excerpt.textContent = fragment.meta.summary ?? '';
    const meta = document.createElement('p');
    meta.className = 'meta';
    if (fragment.meta.dateline) {
      const dateline = document.createElement('span');
      dateline.className = 'dateline';
      dateline.textContent = fragment.meta.dateline;
      meta.append(dateline);
    }
    if (fragment.meta.date) {
      const date = document.createElement('span');
      date.textContent = fragment.meta.date;
      meta.append(date);
    }
    article.append(heading, excerpt, meta);
    item.append(article);
    return item;
  }

  function renderFacets(counts: FilterCounts): void {
    const focused =
      document.activeElement instanceof HTMLInputElement && facets.contains(document.activeElement)
        ? `${document.activeElement.name}=${document.activeElement.value}`
        : undefined;
    const active = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
    app.querySelector('#facets-active')!.textContent = active ? `${active} selected` : '';
    facets.replaceChildren(...SEARCH_FILTERS.map((key) => renderFacet(key, counts[key] ?? {})).filter((f): f is HTMLFieldSetElement => f !== null));
    if (focused) facets.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  function renderFacet(key: SearchFilter, counts: Record<string, number>): HTMLFieldSetElement | null {
    const selected = new Set(state.filters[key] ?? []);
    const values = Object.entries(counts)
      .filter(([value, count]) => count > 0 || selected.has(value))
      .sort(([a, x], [b, y]) => (key === 'year' ? b.localeCompare(a) : y - x || a.localeCompare(b)));
    for (const value of selected) if (!(value in counts)) values.unshift([value, 0]);
    if (values.length === 0) return null;
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = FILTER_LABELS[key];
    fieldset.append(legend);
    const options = values.map(([value, count]) => renderOption(key, value, count, selected.has(value)));
    fieldset.append(...options.slice(0, FACET_VISIBLE));
    if (options.length > FACET_VISIBLE) {
      const rest = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${options.length - FACET_VISIBLE} more`;
      rest.append(summary, ...options.slice(FACET_VISIBLE));
      rest.open = options.slice(FACET_VISIBLE).some((option) => option.querySelector('input')!.checked);
      fieldset.append(rest);
    }
    return fieldset;
  }

  function renderOption(key: SearchFilter, value: string, count: number, checked: boolean): HTMLLabelElement {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = key;
    box.value = value;
    box.checked = checked;
    box.dataset.key = `${key}=${value}`;
    box.addEventListener('change', () => {
      const values = new Set(state.filters[key] ?? []);
      if (box.checked) values.add(value);
      else values.delete(value);
      const filters = { ...state.filters, [key]: [...values] };
      if (values.size === 0) delete filters[key];
      navigate({ ...state, filters }, 'push');
    });
    const name = document.createElement('span');
    name.textContent = value;
    const number = document.createElement('span');
    number.className = 'count';
    number.textContent = String(count);
    number.setAttribute('aria-label', `${count} ${count === 1 ? 'result' : 'results'}`);
    label.append(box, name, number);
    return label;
  }

  function navigate(next: SearchState, mode: 'push' | 'replace'): void {
    state = next;
    const url = `${location.pathname}${writeSearchState(state)}`;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    void run();
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    const query = input.value.trim();
    // The index chunks for the words load while the reader pauses.
    if (query) send({ type: 'preload', words: expandAliases(query, aliasMap) });
    typing = setTimeout(() => navigate({ ...state, query }, 'replace'), TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    navigate({ ...state, query: input.value.trim() }, 'push');
  });
  more.addEventListener('click', () => {
    if (loadingFrom !== undefined) return;
    loadingFrom = shown;
    send({ type: 'more', id: generation, from: shown });
  });
  window.addEventListener('popstate', () => {
    state = readSearchState(new URLSearchParams(location.search));
    void run();
  });

  void run();
}
