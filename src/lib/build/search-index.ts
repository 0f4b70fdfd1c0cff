/**
 * The Pagefind search index of a built site, through Pagefind's Node API. Only article pages are
 * indexed: they alone mark their article element with `data-pagefind-body`.
 *
 * Pagefind numbers pages in the order they arrive, and the numbers are in its index files, so
 * pages are always handed over in one fixed order, the order of Astro's static paths, whoever
 * hands them over: `astro build` as it renders them (src/integrations/search-index.ts), or the
 * merge of a sharded build, reading the merged site from disk. The same pages in the same order
 * make the same index.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { encodeFacets, FACETS_FILE, type FacetPage } from '../site/search-facets.ts';
import { SEARCH_FILTERS } from '../site/search-state.ts';
import { cachedOutput } from './output-cache.ts';

/** Pagefind's prebuilt interfaces, which the site does not use (its search page has its own script). */
const UNUSED_BUNDLES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
  // The search page runs Pagefind inside a worker of its own, where Pagefind starts no other.
  'pagefind-worker.js',
];

/** The attribute that marks what Pagefind indexes; a page without it is not a search result. */
const INDEXED = 'data-pagefind-body';

/** An article's date (ISO 8601, UTC) as its page states it for the facet table (`src/pages/[year]/[month]/[slug].astro`). */
const SEARCH_DATE = /data-search-date="([^"]*)"/;

/**
 * A Pagefind index fed page by page, in the order of `order`. Every call to Pagefind is a message
 * to its process; the answers are awaited only in `handOverRest`, so whoever feeds it never waits
 * for indexing. A page given out of turn (`add` at a later position) first brings in the pages
 * before it, read from disk.
 */
export class SearchIndexer {
  private readonly index: Promise<pagefind.PagefindIndex>;
  private readonly pending: Promise<string[]>[] = [];
  /** Site-relative files of the HTML pages, in the order of Astro's static paths. */
  private order: string[] = [];
  private position = new Map<string, number>();
  /** Pages before this position in `order` have been handed to Pagefind. */
  private next = 0;
  private counts = { rendered: 0, read: 0 };
  private readonly digest = createHash('sha256');
  /** Each indexed page's date (ISO 8601, UTC), by the URL Pagefind gave it. */
  private readonly dates = new Map<string, string>();
  /** The output folder. */
  private readonly site: string;

  constructor(language: string, site: string) {
    this.site = site;
    // One language for the whole site: an article with `lang: ru` stays findable from the same
    // search page instead of landing in a separate Russian index.
    this.index = pagefind.createIndex({ forceLanguage: language }).then(({ index, errors }) => {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return index;
    });
    // Until `write` awaits it, a failed start must not count as an unhandled rejection.
    this.index.catch(() => {});
  }

  /** The pages, as site paths (`/2025/07/slug/`, `/404`), in the order Pagefind takes them. */
  setPages(sitePaths: readonly string[]): void {
    this.order = [...new Set(sitePaths.map(outputFile))];
    this.position = new Map(this.order.map((file, i) => [file, i]));
  }

  /** Where the page of `sitePath` is in the order, or undefined if it is not a page. */
  positionOf(sitePath: string): number | undefined {
    return this.position.get(outputFile(sitePath));
  }

  /**
   * Hands over the page at `at` with the HTML just rendered, after the pages before it; `html` is
   * undefined for a page that rendered with another status than 200, which is not a result.
   */
  async addRendered(at: number, html: string | undefined): Promise<void> {
    await this.handOverUpTo(at);
    if (html !== undefined) this.add(this.order[at]!, html, 'rendered');
    this.next = Math.max(this.next, at + 1);
  }

  /**
   * Hands over, read from disk, the pages after the last one given; says how many articles were
   * indexed as rendered and how many were read from disk.
   */
  async handOverRest(): Promise<{ rendered: number; read: number }> {
    await this.handOverUpTo(this.order.length);
    const errors = (await Promise.all(this.pending)).flat();
    if (errors.length) throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
    return this.counts;
  }

  /** A digest of every indexed page, its file and its HTML, in the order Pagefind took them. */
  pagesDigest(): string {
    return this.digest.digest('hex');
  }

  /**
   * Writes the index into `<site>/pagefind/`, without Pagefind's prebuilt interfaces, and the
   * search page's facet table (src/lib/site/search-facets.ts) beside it.
   */
  async write(): Promise<void> {
    const index = await this.index;
    const bundle = path.join(this.site, 'pagefind');
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    await Promise.all(UNUSED_BUNDLES.map((file) => rm(path.join(bundle, file), { force: true })));
    await writeFile(path.join(bundle, FACETS_FILE), gzipSync(encodeFacets(this.facetPages(bundle), SEARCH_FILTERS), { level: 9 }));
  }

  /**
   * Every page of the index with the filters Pagefind recorded for it, newest first. Read from
   * Pagefind's page records (`fragment/<page id>.pf_fragment`: gzip, a 12-byte signature, then
   * JSON), the one place that holds both a page's id and its filters as Pagefind counts them.
   * Synchronous reads: thousands of small files and nothing else to do meanwhile.
   */
  private facetPages(bundle: string): FacetPage[] {
    const dir = path.join(bundle, 'fragment');
    const pages = readdirSync(dir)
      .filter((name) => name.endsWith('.pf_fragment'))
      .map((name) => {
        const record = JSON.parse(
          gunzipSync(readFileSync(path.join(dir, name)))
            .subarray(12)
            .toString('utf8'),
        ) as {
          url: string;
          filters?: Record<string, string[]>;
        };
        return { id: name.slice(0, -'.pf_fragment'.length), filters: record.filters ?? {}, date: this.dates.get(record.url) ?? '' };
      });
    // Newest first; a page without a date last; the same order on every build.
    return pages.sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? 1 : -1)).map(({ id, filters }) => ({ id, filters }));
  }

  /** Reads from disk the pages before position `end` that were not handed over as rendered. */
  private async handOverUpTo(end: number): Promise<void> {
    for (; this.next < end; this.next++) {
      const file = this.order[this.next]!;
      this.add(file, await readFile(path.join(this.site, file), 'utf8'), 'read');
    }
  }

  private add(file: string, page: string, source: 'rendered' | 'read'): void {
    const html = indexedPart(page);
    if (html === undefined) return;
    this.counts[source]++;
    this.digest.update(`${file}\0${html}\0`);
    this.pending.push(
      this.index
        .then((index) => index.addHTMLFile({ sourcePath: file, content: html }))
        .then(
          (added) => {
            const date = SEARCH_DATE.exec(html)?.[1];
            if (added.file && date) this.dates.set(added.file.url, date);
            return added.errors;
          },
          (error: unknown) => [`${file}: ${error instanceof Error ? error.message : String(error)}`],
        ),
    );
  }
}

/**
 * What Pagefind reads of a page: its `<html>` tag (the language) and everything from the element
 * marked `data-pagefind-body` on, or undefined for a page without one (not a search result).
 * Pagefind indexes only that element, so the index is the same as from the whole page, but the
 * head (every page carries the stylesheet inline) and the masthead are neither sent to Pagefind's
 * process nor parsed there: a fifth of the bytes.
 */
export function indexedPart(page: string): string | undefined {
  const marker = page.indexOf(INDEXED);
  if (marker < 0) return undefined;
  const html = /<html[\s>][^>]*>|<html>/i.exec(page)?.[0] ?? '<html>';
  return `<!DOCTYPE html>${html}<head><meta charset="utf-8"></head><body>${page.slice(page.lastIndexOf('<', marker))}`;
}

/**
 * Finishes the index of `indexer` (every page handed over, in order) and writes it into
 * `<site>/pagefind/`; when no indexed page changed since the index kept in `cacheDir` was made
 * (nor the installed packages, `lockfile`), that one is put back instead. Stops Pagefind's
 * process in any case.
 */
export async function writeSearchIndex(
  indexer: SearchIndexer,
  options: { language: string; site: string; cacheDir: string; lockfile: string },
): Promise<{ outcome: 'reused' | 'generated'; rendered: number; read: number }> {
  try {
    const pages = await indexer.handOverRest();
    const key = createHash('sha256')
      .update(JSON.stringify({ language: options.language, UNUSED_BUNDLES }))
      .update(await readFile(options.lockfile).catch(() => ''))
      // How pages reach Pagefind, and how the facet table is written, are part of what the index is made from.
      .update(await readFile(fileURLToPath(import.meta.url)))
      .update(await readFile(fileURLToPath(new URL('../site/search-facets.ts', import.meta.url))))
      .update(indexer.pagesDigest())
      .digest('hex');
    const outcome = await cachedOutput({
      cacheDir: options.cacheDir,
      key,
      outDir: path.join(options.site, 'pagefind'),
      generate: () => indexer.write(),
    });
    return { outcome, ...pages };
  } finally {
    await pagefind.close();
  }
}

/** The language Pagefind indexes the whole site as: the site language's primary tag (`en` of `en-GB`). */
export function indexLanguage(siteLang: string): string {
  return siteLang.split('-')[0] || 'en';
}

/**
 * The file Astro writes for a page path with `build.format: 'directory'`, relative to the output
 * folder: `/2025/07/slug` and `/2025/07/slug/` → `2025/07/slug/index.html`, `/404` → `404.html`.
 */
function outputFile(pathname: string): string {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  if (name === '') return 'index.html';
  return name === '404' || name === '500' ? `${name}.html` : `${name}/index.html`;
}
