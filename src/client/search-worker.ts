/**
 * The search page's worker: runs Pagefind and the facet table (src/lib/site/search-facets.ts) off
 * the page's thread, and sends the page only what it shows: the number of results, the facet
 * counts and ten results at a time. Pagefind's search of a common word at 10,000 articles takes
 * hundreds of milliseconds of WebAssembly, and its result list (every matching page with every
 * place the words occur) is large; both stay here.
 *
 * Words go to Pagefind without filters, and the table filters and counts its results; filters
 * alone are answered from the table, newest first, without Pagefind's search (which would fetch
 * every chunk of the word index).
 *
 * The site has two Pagefind indexes (src/lib/build/search-index.ts): the archive's, the primary
 * bundle, and the recent stories', which Pagefind merges in (`mergeIndex`) when the table says
 * there are any. Results of both come ranked together; the table counts pages of both.
 */
import { Facets, RECENT_FOLDER, type FilterCounts, type SelectedFilters } from '../lib/site/search-facets.ts';

/** What the page shows of a result. */
export interface ResultFragment {
  url: string;
  /** The text around the words, Pagefind's HTML with `<mark>` (empty for a search by filters alone). */
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export type SearchRequest =
  | { type: 'setup'; bundle: string; base: string; facets: string }
  /** Fetches what a search for `words` needs while the reader is still typing. */
  | { type: 'preload'; words: string }
  /** No words and no filters: only the counts of the whole site. */
  | { type: 'search'; id: number; words: string | null; filters: SelectedFilters }
  | { type: 'more'; id: number; from: number };

export type SearchReply =
  | { type: 'results'; id: number; total: number; counts: FilterCounts; results: ResultFragment[] }
  | { type: 'more'; id: number; results: ResultFragment[] }
  | { type: 'failed'; message: string };

interface PagefindResult {
  id: string;
  data(): Promise<ResultFragment>;
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  mergeIndex(bundle: string, options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  preload(term: string): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
}

const PAGE_SIZE = 10;
/** Pagefind's page records start with this signature once unzipped. */
const SIGNATURE = 'pagefind_dcd';

let engine: Promise<Pagefind>;
let table: Promise<Facets>;
let bundleDir = '';
let baseUrl = '/';
/** The newest search asked for: an older one stops at its next step. */
let latest = 0;
/** The results of the newest search that finished, as loaders of what the page shows. */
let current: { id: number; results: (() => Promise<ResultFragment>)[] } = { id: 0, results: [] };

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'setup':
      bundleDir = request.bundle.replace(/[^/]*$/, '');
      baseUrl = request.base;
      table = fetch(request.facets, { cache: 'no-cache' }).then(async (response) => {
        if (!response.ok || !response.body) throw new Error(`${request.facets}: ${response.status}`);
        return new Facets(await unzip(response.body));
      });
      engine = import(/* @vite-ignore */ request.bundle).then(async (pagefind: Pagefind) => {
        await pagefind.options({ baseUrl });
        await pagefind.init();
        if ((await table).recent > 0) await pagefind.mergeIndex(`${bundleDir}${RECENT_FOLDER}/`, { baseUrl });
        return pagefind;
      });
      // Reported with the first search that needs them.
      engine.catch(() => {});
      table.catch(() => {});
      break;
    case 'preload':
      void engine.then((pagefind) => pagefind.preload(request.words)).catch(() => {});
      break;
    case 'search':
      latest = request.id;
      search(request).catch(fail);
      break;
    case 'more':
      if (request.id === current.id) more(request.id, request.from).catch(fail);
      break;
  }
});

async function search({ id, words, filters }: Extract<SearchRequest, { type: 'search' }>): Promise<void> {
  const facets = await table;
  if (id !== latest) return;
  let rows: number[];
  let results: (() => Promise<ResultFragment>)[];
  if (words !== null) {
    const found = (await (await engine).search(words)).results;
    if (id !== latest) return;
    const matches = facets.matcher(filters);
    rows = [];
    const kept = found.filter((result) => {
      const row = facets.row(result.id);
      // A page the table lacks (a table older than the index) is listed but counted nowhere.
      if (row === undefined) return !matches;
      if (matches && !matches(row)) return false;
      rows.push(row);
      return true;
    });
    results = kept.map((result) => () => result.data());
  } else if (Object.keys(filters).length > 0) {
    rows = facets.rowsWith(filters);
    results = rows.map((row) => () => fragment(facets.pages[row]!, row < facets.recent ? `${bundleDir}${RECENT_FOLDER}/` : bundleDir));
  } else {
    rows = facets.pages.map((_, row) => row);
    results = [];
  }
  const counts = facets.count(rows);
  const first = await Promise.all(results.slice(0, PAGE_SIZE).map(load));
  if (id !== latest) return;
  current = { id, results };
  post({ type: 'results', id, total: results.length, counts, results: first });
}

async function more(id: number, from: number): Promise<void> {
  const next = await Promise.all(current.results.slice(from, from + PAGE_SIZE).map(load));
  post({ type: 'more', id, results: next });
}

/** Only what the page shows: Pagefind's records also carry the page's whole text. */
async function load(result: () => Promise<ResultFragment>): Promise<ResultFragment> {
  const { url, excerpt, meta } = await result();
  return { url, excerpt, meta };
}

/** A page's record read directly from its bundle, for a result Pagefind's search did not give (filters alone). */
async function fragment(id: string, bundle: string): Promise<ResultFragment> {
  const response = await fetch(`${bundle}fragment/${id}.pf_fragment`);
  if (!response.ok || !response.body) throw new Error(`${id}: ${response.status}`);
  const bytes = await unzip(response.body);
  const text = new TextDecoder().decode(bytes);
  if (!text.startsWith(SIGNATURE)) throw new Error(`${id}: not a Pagefind record`);
  const record = JSON.parse(text.slice(SIGNATURE.length)) as { url: string; meta: ResultFragment['meta'] };
  // As Pagefind's own results give it: the site's sub-path, then the page's path.
  return { url: `${baseUrl}/${record.url}`.replace(/\/+/g, '/'), excerpt: '', meta: record.meta };
}

async function unzip(body: ReadableStream<BufferSource>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

function fail(error: unknown): void {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}

function post(reply: SearchReply): void {
  // The worker's global scope; the project's types describe a window's.
  (self as unknown as Worker).postMessage(reply);
}
