/**
 * Writes the Pagefind search index as part of `astro build`, through Pagefind's Node API, so
 * `dist/pagefind/` is complete when the build exits. Only article pages are indexed: they alone
 * mark their article element with `data-pagefind-body`.
 *
 * Pagefind runs as a process of its own. Each page is handed to it the moment Astro has rendered
 * it, so Pagefind parses and indexes on the second core while Astro renders the next pages,
 * instead of reading the whole site back from disk once Astro is done. Pages that an incremental
 * build copied from its cache were not rendered; they are read from disk, in the order Astro would
have rendered them. When no page
 * changed since the previous build (and neither did the dependencies), the previous index is put
 * back from Astro's cache folder instead.
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { cachedOutput } from '../lib/build/output-cache.ts';
import { encodeFacets, FACETS_FILE, type FacetPage } from '../lib/site/search-facets.ts';
import { SEARCH_FILTERS } from '../lib/site/search-state.ts';

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

export function searchIndex(options: { language: string }): AstroIntegration {
  let cacheDir = '';
  let lockfile = '';
  let base = '/';
  let outDir = '';
  let indexer: StreamingIndexer | undefined;
  return {
    name: 'newsroom-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(new URL('search-index/', config.cacheDir));
        lockfile = fileURLToPath(new URL('package-lock.json', config.root));
        base = config.base;
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ setPrerenderer }) => {
        const current = new StreamingIndexer(options.language, base, outDir);
        indexer = current;
        setPrerenderer((astro) => current.wrap(astro));
      },
      'astro:build:done': async ({ logger }) => {
        const started = performance.now();
        const streamed = indexer;
        indexer = undefined;
        try {
          if (!streamed) throw new Error('The search index was not started with the build.');
          const pages = await streamed.handOverRest();
          const key = createHash('sha256')
            .update(JSON.stringify({ options, UNUSED_BUNDLES }))
            .update(await readFile(lockfile).catch(() => ''))
            // How pages reach Pagefind, and how the facet table is written, are part of what the index is made from.
            .update(await readFile(fileURLToPath(import.meta.url)))
            .update(await readFile(fileURLToPath(new URL('../lib/site/search-facets.ts', import.meta.url))))
            .update(streamed.pagesDigest())
            .digest('hex');
          const outcome = await cachedOutput({
            cacheDir,
            key,
            outDir: path.join(outDir, 'pagefind'),
            generate: () => streamed.write(),
          });
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          logger.info(
            outcome === 'reused'
              ? `Search index written in ${seconds}s (no page changed: the previous build's index, reused)`
              : `Search index written in ${seconds}s after the pages (${pages.rendered} articles indexed as they were rendered, ${pages.read} read from the incremental cache)`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

/**
 * A Pagefind index fed page by page during rendering. Every call to Pagefind is a message to its
 * process; the answers are awaited only in `handOverRest`, so rendering never waits for indexing.
 *
 * Pagefind numbers pages in the order they arrive, and the numbers are in its index files, so
 * pages are handed over in one fixed order, the order of Astro's static paths: a page the
 * incremental build copied is read from disk when rendering reaches the next rendered page (Astro
 * renders one page at a time, in that order), and a rebuild writes the same index as a clean build.
 */
class StreamingIndexer {
  private readonly index: Promise<pagefind.PagefindIndex>;
  private readonly pending: Promise<string[]>[] = [];
  /** Site-relative files of the HTML pages, in the order of Astro's static paths. */
  private order: string[] = [];
  private position = new Map<string, number>();
  /** The site's sub-path without its trailing slash (`/news`, or empty at the root). */
  private readonly prefix: string;
  /** Pages before this position in `order` have been handed to Pagefind. */
  private next = 0;
  private counts = { rendered: 0, read: 0 };
  private readonly digest = createHash('sha256');
  /** Each indexed page's date (ISO 8601, UTC), by the URL Pagefind gave it. */
  private readonly dates = new Map<string, string>();

  constructor(
    language: string,
    base: string,
    /** The output folder. */
    private readonly site: string,
  ) {
    this.prefix = base.replace(/\/$/, '');
    // One language for the whole site: an article with `lang: ru` stays findable from the same
    // search page instead of landing in a separate Russian index.
    this.index = pagefind.createIndex({ forceLanguage: language }).then(({ index, errors }) => {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return index;
    });
    // Until `write` awaits it, a failed start must not count as an unhandled rejection.
    this.index.catch(() => {});
  }

  /** Astro's prerenderer, with every rendered HTML page also handed to Pagefind. */
  wrap(astro: AstroPrerenderer): AstroPrerenderer {
    return {
      ...astro,
      name: 'newsroom-search-index',
      getStaticPaths: async () => {
        const paths = await astro.getStaticPaths();
        // A path that two routes share is rendered once, by the first (Astro's rule too).
        this.order = [...new Set(paths.filter(({ route }) => route.type === 'page').map(({ pathname }) => outputFile(pathname)))];
        this.position = new Map(this.order.map((file, i) => [file, i]));
        return paths;
      },
      render: async (request, renderOptions) => {
        const result = await astro.render(request, renderOptions);
        const at = this.position.get(outputFile(decodeURI(new URL(request.url).pathname).slice(this.prefix.length)));
        if (at === undefined) return result;
        const { response, metadata } = result instanceof Response ? { response: result } : result;
        const html = await response.text();
        await this.handOverUpTo(at);
        if (response.status === 200) this.add(this.order[at]!, html, 'rendered');
        this.next = Math.max(this.next, at + 1);
        const copy = new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
        return metadata ? { response: copy, metadata } : copy;
      },
    };
  }

  /**
   * Hands over the pages the build copied after the last rendered one; says how many articles
   * were indexed as rendered and how many were read from disk.
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
   * search page's facet table beside it.
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
        const record = JSON.parse(gunzipSync(readFileSync(path.join(dir, name))).subarray(12).toString('utf8')) as {
          url: string;
          filters?: Record<string, string[]>;
        };
        return { id: name.slice(0, -'.pf_fragment'.length), filters: record.filters ?? {}, date: this.dates.get(record.url) ?? '' };
      });
    // Newest first; a page without a date last; the same order on every build.
    return pages
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? 1 : -1))
      .map(({ id, filters }) => ({ id, filters }));
  }

  /** Reads from disk the pages before position `end` that were copied rather than rendered. */
  private async handOverUpTo(end: number): Promise<void> {
    for (; this.next < end; this.next++) {
      const file = this.order[this.next]!;
      this.add(file, await readFile(path.join(this.site, file), 'utf8'), 'read');
    }
  }

  private add(file: string, html: string, source: 'rendered' | 'read'): void {
    if (!html.includes(INDEXED)) return;
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
 * The file Astro writes for a page path with `build.format: 'directory'`, relative to the output
 * folder: `/2025/07/slug` and `/2025/07/slug/` → `2025/07/slug/index.html`, `/404` → `404.html`.
 */
function outputFile(pathname: string): string {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  if (name === '') return 'index.html';
  return name === '404' || name === '500' ? `${name}.html` : `${name}/index.html`;
}
