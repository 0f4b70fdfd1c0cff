/**
 * The search page in the browser: runs Pagefind for the query and filters in the URL, shows
 * results ten at a time with a truthful count line, and facets with Pagefind's own counts.
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

const PAGE_SIZE = 10;
const FACET_VISIBLE = 8;
const TYPING_DELAY_MS = 250;

type Counts = Record<string, Record<string, number>>;
interface Fragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface Result {
  data(): Promise<Fragment>;
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  search(term: string | null, options: { filters?: object; sort?: object }): Promise<{ results: Result[]; filters: Counts }>;
  filters(): Promise<Counts>;
}

export function startSearch(app: HTMLElement): void {
  const form = app.querySelector<HTMLFormElement>('#search-form')!;
  const input = app.querySelector<HTMLInputElement>('#search-q')!;
  const line = app.querySelector<HTMLElement>('#results-line')!;
  const list = app.querySelector<HTMLOListElement>('#results')!;
  const more = app.querySelector<HTMLButtonElement>('#load-more')!;
  const facets = app.querySelector<HTMLElement>('#facets')!;
  // Filters start folded (phones); on a wide screen, beside the results, they start open.
  app.querySelector<HTMLDetailsElement>('#facets-panel')!.open = matchMedia('(min-width: 60rem)').matches;

  let pagefind: Promise<Pagefind> | undefined;
  // Without the map (a failed request), aliases are searched as the words they are.
  const aliases: Promise<AliasMap> = fetch(app.dataset.aliases!)
    .then((response) => (response.ok ? (response.json() as Promise<AliasMap>) : {}))
    .catch(() => ({}));
  const load = () =>
    (pagefind ??= import(/* @vite-ignore */ app.dataset.bundle!).then(async (module: Pagefind) => {
      await module.options({ baseUrl: app.dataset.base! });
      // Loads every filter's index: without it, search results count only the filters in use.
      await module.filters();
      return module;
    }));

  let state: SearchState = readSearchState(new URLSearchParams(location.search));
  let results: Result[] = [];
  let shown = 0;
  // Each run gets a number; a slower, older run never overwrites a newer one.
  let generation = 0;

  async function run(): Promise<void> {
    const current = ++generation;
    input.value = state.query;
    const engine = await load();
    if (!state.query && !hasFilters(state)) {
      const counts = await engine.filters();
      if (current !== generation) return;
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      line.textContent = 'Type a word, or pick a filter, to find stories.';
      renderFacets(counts);
      return;
    }
    // No words but filters: newest first, as readers browsing a filter expect.
    const sort = state.query ? undefined : { date: 'desc' };
    const words = state.query ? expandAliases(state.query, await aliases) : null;
    const search = await engine.search(words, { filters: state.filters, sort });
    if (current !== generation) return;
    results = search.results;
    shown = 0;
    list.replaceChildren();
    renderFacets(search.filters);
    await showMore(current);
  }

  async function showMore(current: number): Promise<void> {
    const next = results.slice(shown, shown + PAGE_SIZE);
    const fragments = await Promise.all(next.map((result) => result.data()));
    if (current !== generation) return;
    const items = fragments.map(renderResult);
    list.append(...items);
    shown += next.length;
    line.textContent = resultsLine(shown, results.length, state.query);
    more.hidden = shown >= results.length;
  }

  function renderResult(fragment: Fragment): HTMLLIElement {
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

  function renderFacets(counts: Counts): void {
    const focused = document.activeElement instanceof HTMLInputElement && facets.contains(document.activeElement)
      ? `${document.activeElement.name}=${document.activeElement.value}`
      : undefined;
    const active = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
    app.querySelector('#facets-active')!.textContent = active ? `${active} selected` : '';
    facets.replaceChildren(
      ...SEARCH_FILTERS.map((key) => renderFacet(key, counts[key] ?? {})).filter((f): f is HTMLFieldSetElement => f !== null),
    );
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
    typing = setTimeout(() => navigate({ ...state, query: input.value.trim() }, 'replace'), TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    navigate({ ...state, query: input.value.trim() }, 'push');
  });
  more.addEventListener('click', async () => {
    const firstNew = shown;
    await showMore(generation);
    list.children[firstNew]?.querySelector('a')?.focus();
  });
  window.addEventListener('popstate', () => {
    state = readSearchState(new URLSearchParams(location.search));
    void run();
  });

  void run();
}
