/**
 * The Pagefind search index of a built site, through Pagefind's Node API. Only article pages are
 * indexed: they alone mark their article element with `data-pagefind-body`. Pagefind cannot
 * update an index, so the site has two: the recent stories' and the archive's, which the search
 * page merges, and a publish re-indexes only the one whose stories changed.
 *
 * Pagefind numbers pages in the order they arrive, and the numbers are in its index files, so
 * pages are always handed over in one fixed order, the order of Astro's static paths, whoever
 * hands them over: `astro build` as it renders them (src/integrations/search-index.ts), or the
 * merge of a sharded build, reading the merged site from disk. The same pages in the same order
 * make the same index.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { encodeFacets, FACETS_FILE, RECENT_FOLDER, type FacetPage } from '../site/search-facets.ts';
import { SEARCH_FILTERS } from '../site/search-state.ts';
import { cachedOutput } from './output-cache.ts';
import type { ArticleFields } from '../model/article.ts';
import { isPublished } from '../model/indexes.ts';
import { fileIdentity } from '../verify/verification-cache.ts';

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

/** An article's date (ISO 8601, UTC) as its page states it for the facet table and the recent index (`src/pages/[year]/[month]/[slug].astro`). */
const SEARCH_DATE = /data-search-date="([^"]*)"/;

/** The two indexes: the archive (the primary bundle, `pagefind/`) and the recent stories (`pagefind/recent/`). */
export type SearchBucket = 'archive' | 'recent';

/** Calendar months of stories, before the newest story's month, that the recent index holds besides that month. */
const RECENT_MONTHS = 2;

/**
 * Where the recent index starts: the first day (UTC) of the month `RECENT_MONTHS` before the
 * newest story published at `now`. A new story or an edit to one of the last months re-indexes
 * only the recent stories; the archive is indexed again when an older story changes, or once a
 * month, when a story of a new month moves this date. Undefined (one index) when nothing is published.
 */
export function recentIndexSince(articles: readonly Pick<ArticleFields, 'date' | 'draft'>[], now: Date): string | undefined {
  const published = articles.filter((fields) => isPublished(fields, now));
  if (published.length === 0) return undefined;
  const newest = new Date(Math.max(...published.map(({ date }) => date.getTime())));
  return new Date(Date.UTC(newest.getUTCFullYear(), newest.getUTCMonth() - RECENT_MONTHS, 1)).toISOString();
}

/**
 * What the indexes took of one page: a digest of its indexed part (empty for a page that is not a
 * search result) and its date. Kept between builds with the page file's identity (`fileIdentity`),
 * so a publish reads and digests only the pages written anew, not every page of the site.
 */
interface PageRecord {
  digest: string;
  date: string | undefined;
}

/** The page records of the last build, by output file, in the cache beside the indexes' copies. */
const PAGE_RECORDS = 'pages.json';

interface StoredRecords {
  /** What the records were made with (`writeSearchIndex`'s common key): other code, other records. */
  key: string;
  pages: Record<string, [identity: string, digest: string, date: string]>;
}

interface Bucket {
  /** Pagefind's index, started when the first page arrives. */
  index?: Promise<pagefind.PagefindIndex>;
  pending: Promise<string[]>[];
  /** The pages of this bucket, in order (kept only when indexing is deferred). */
  files: string[];
  digest: ReturnType<typeof createHash>;
  count: number;
}

/**
 * The Pagefind indexes of a site, fed page by page, in the order of `order`: a small one of the
 * recent stories and the archive's (`recentIndexSince`). Every call to Pagefind is a message to
 * its process; the answers are awaited only when the index is written, so whoever feeds it never
 * waits for indexing. A page given out of turn (`addRendered` at a later position) first brings
 * in the pages before it, read from disk.
 *
 * `deferred`: pages are only read and digested as they come; an index is made at `write`, and
 * only when its pages differ from the copy kept in the cache (a publish that changes one story
 * leaves the archive's index as it was, and Pagefind never sees the archive).
 */
export class SearchIndexer {
  private readonly buckets: Record<SearchBucket, Bucket>;
  /** Site-relative files of the HTML pages, in the order of Astro's static paths. */
  private order: string[] = [];
  private position = new Map<string, number>();
  /** Pages before this position in `order` have been handed over. */
  private next = 0;
  private counts = { rendered: 0, read: 0, kept: 0 };
  /** What each page handed over gave, by output file. */
  private readonly records = new Map<string, PageRecord>();
  /** Each indexed page's date (ISO 8601, UTC), by its URL as Pagefind states it. */
  private readonly dates = new Map<string, string>();

  private readonly language: string;
  /** The output folder. */
  private readonly site: string;
  private readonly options: { recentSince: string | undefined; deferred?: boolean };

  constructor(language: string, site: string, options: { recentSince: string | undefined; deferred?: boolean }) {
    this.language = language;
    this.site = site;
    this.options = options;
    const bucket = (): Bucket => ({ pending: [], files: [], digest: createHash('sha256'), count: 0 });
    this.buckets = { archive: bucket(), recent: bucket() };
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
   * indexed as rendered, how many were read from disk and how many were taken from `known`, the
   * records of the last build, for a page file that is still the one they were made from (a
   * publish keeps unchanged pages as hard links). With deferred indexing only.
   */
  async handOverRest(known?: StoredRecords['pages']): Promise<{ rendered: number; read: number; kept: number }> {
    await this.handOverUpTo(this.order.length, known);
    return this.counts;
  }

  /** The records of every page handed over, with each file's identity on disk now, for the next build's `handOverRest`. */
  async pageRecords(key: string): Promise<StoredRecords> {
    const pages: StoredRecords['pages'] = {};
    for (const [file, { digest, date }] of this.records) {
      const info = await stat(path.join(this.site, file)).catch(() => undefined);
      if (info) pages[file] = [fileIdentity(info), digest, date ?? ''];
    }
    return { key, pages };
  }

  /** A digest of the pages of `bucket`, each file and what Pagefind reads of it, in order. */
  pagesDigest(bucket: SearchBucket): string {
    return this.buckets[bucket].digest.copy().digest('hex');
  }

  /** How many pages `bucket` holds. */
  size(bucket: SearchBucket): number {
    return this.buckets[bucket].count;
  }

  /** Writes the index of `bucket` into `outDir`, without Pagefind's prebuilt interfaces. */
  async write(bucket: SearchBucket, outDir: string): Promise<void> {
    const { files } = this.buckets[bucket];
    if (this.options.deferred) {
      for (const file of files) this.send(bucket, file, indexedPart(await readFile(path.join(this.site, file), 'utf8'))!);
    }
    const state = this.buckets[bucket];
    const errors = (await Promise.all(state.pending)).flat();
    if (errors.length) throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
    const index = await this.indexOf(bucket);
    const written = await index.writeFiles({ outputPath: outDir });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    await Promise.all(UNUSED_BUNDLES.map((file) => rm(path.join(outDir, file), { force: true })));
  }

  /**
   * Writes the search page's facet table (src/lib/site/search-facets.ts) into the primary bundle:
   * every page of both indexes with the filters Pagefind recorded for it, the recent index's
   * first when it is a bundle of its own (`separateRecent`), newest first. Read from Pagefind's page records (`fragment/<page id>.pf_fragment`:
   * gzip, a 12-byte signature, then JSON), the one place that holds both a page's id and its
   * filters as Pagefind counts them. Synchronous reads: thousands of small files and nothing else
   * to do meanwhile.
   */
  async writeFacets(separateRecent: boolean): Promise<void> {
    const bundle = path.join(this.site, 'pagefind');
    const recent = separateRecent ? this.facetPages(path.join(bundle, RECENT_FOLDER)) : [];
    const archive = this.facetPages(bundle);
    await writeFile(path.join(bundle, FACETS_FILE), gzipSync(encodeFacets([...recent, ...archive], SEARCH_FILTERS, recent.length), { level: 9 }));
  }

  private facetPages(bundle: string): FacetPage[] {
    const dir = path.join(bundle, 'fragment');
    // Pagefind writes no record folder for an index of no page.
    if (!existsSync(dir)) return [];
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

  /**
   * Reads from disk the pages before position `end` that were not handed over as rendered; a page
   * whose file is the one a record of `known` was made from is taken from the record instead.
   */
  private async handOverUpTo(end: number, known?: StoredRecords['pages']): Promise<void> {
    for (; this.next < end; this.next++) {
      const file = this.order[this.next]!;
      const kept = known?.[file];
      if (kept && this.options.deferred) {
        const info = await stat(path.join(this.site, file)).catch(() => undefined);
        if (info && fileIdentity(info) === kept[0]) {
          this.record(file, { digest: kept[1], date: kept[2] || undefined }, 'kept');
          continue;
        }
      }
      this.add(file, await readFile(path.join(this.site, file), 'utf8'), 'read');
    }
  }

  private add(file: string, page: string, source: 'rendered' | 'read'): void {
    const html = indexedPart(page);
    const record = { digest: html === undefined ? '' : createHash('sha256').update(html).digest('base64url'), date: html && SEARCH_DATE.exec(html)?.[1] };
    const bucket = this.record(file, record, source);
    if (bucket && !this.options.deferred) this.send(bucket, file, html!);
  }

  /** Counts a page into its index by its record; returns the index, or undefined for a page that is not a search result. */
  private record(file: string, record: PageRecord, source: 'rendered' | 'read' | 'kept'): SearchBucket | undefined {
    this.records.set(file, record);
    if (record.digest === '') return undefined;
    this.counts[source]++;
    const { date } = record;
    if (date) this.dates.set(pageUrl(file), date);
    const since = this.options.recentSince;
    const bucket: SearchBucket = since !== undefined && date !== undefined && date >= since ? 'recent' : 'archive';
    const state = this.buckets[bucket];
    state.count++;
    state.digest.update(`${file}\0${record.digest}\0`);
    if (this.options.deferred) state.files.push(file);
    return bucket;
  }

  private send(bucket: SearchBucket, file: string, html: string): void {
    this.buckets[bucket].pending.push(
      this.indexOf(bucket)
        .then((index) => index.addHTMLFile({ sourcePath: file, content: html }))
        .then(
          (added) => added.errors,
          (error: unknown) => [`${file}: ${error instanceof Error ? error.message : String(error)}`],
        ),
    );
  }

  private indexOf(bucket: SearchBucket): Promise<pagefind.PagefindIndex> {
    const state = this.buckets[bucket];
    if (!state.index) {
      // One language for the whole site: an article with `lang: ru` stays findable from the same
      // search page instead of landing in a separate Russian index.
      state.index = pagefind.createIndex({ forceLanguage: this.language }).then(({ index, errors }) => {
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        return index;
      });
      // Until `write` awaits it, a failed start must not count as an unhandled rejection.
      state.index.catch(() => {});
    }
    return state.index;
  }
}

/** The URL Pagefind gives the page of an output file (`2025/08/x/index.html` → `/2025/08/x/`). */
function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * What Pagefind reads of a page: its `<html>` tag (the language) and the element marked
 * `data-pagefind-body`, or undefined for a page without one (not a search result). Pagefind
 * indexes only that element, so the index is the same as from the whole page, but the head
 * (every page carries the stylesheet inline), the masthead and what follows the story (its
 * related stories, which a new story changes on many pages) are neither sent to Pagefind's process
 * nor part of the digest that says whether an index must be made again.
 */
export function indexedPart(page: string): string | undefined {
  const marker = page.indexOf(INDEXED);
  if (marker < 0) return undefined;
  const start = page.lastIndexOf('<', marker);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(page.slice(start))?.[1]?.toLowerCase() ?? 'div';
  const html = /<html[\s>][^>]*>|<html>/i.exec(page)?.[0] ?? '<html>';
  return `<!DOCTYPE html>${html}<head><meta charset="utf-8"></head><body>${page.slice(start, elementEnd(page, start, tag))}</body></html>`;
}

/** Where the element of `tag` opening at `start` ends (after its closing tag), counting nested elements of the same tag. */
function elementEnd(page: string, start: number, tag: string): number {
  const tags = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(page); match; match = tags.exec(page)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return page.indexOf('>', match.index) + 1;
  }
  return page.length;
}

/**
 * Finishes the indexes of `indexer` (every page handed over, in order) and writes them into
 * `<site>/pagefind/` (the archive, and the recent stories in `recent/`) with the facet table. An
 * index whose pages are those of the copy kept in `cacheDir` (and the installed packages,
 * `lockfile`, unchanged) is put back instead of written. Stops Pagefind's process in any case.
 */
export async function writeSearchIndex(
  indexer: SearchIndexer,
  options: { language: string; site: string; cacheDir: string; lockfile: string },
): Promise<{ outcome: 'reused' | 'generated'; rendered: number; read: number; kept: number; generated: SearchBucket[]; reused: SearchBucket[] }> {
  try {
    const common = createHash('sha256')
      .update(JSON.stringify({ language: options.language, UNUSED_BUNDLES }))
      .update(await readFile(options.lockfile).catch(() => ''))
      // How pages reach Pagefind is part of what the index is made from.
      .update(await readFile(fileURLToPath(import.meta.url)))
      .digest('hex');
    const recordsFile = path.join(options.cacheDir, PAGE_RECORDS);
    const stored = await readFile(recordsFile, 'utf8').then(JSON.parse as (text: string) => StoredRecords, () => undefined);
    const pages = await indexer.handOverRest(stored?.key === common ? stored.pages : undefined);
    const bundle = path.join(options.site, 'pagefind');
    await rm(bundle, { recursive: true, force: true });
    // Only the two indexes' copies and the page records are kept (an earlier layout's files would be carried on for ever).
    for (const entry of await readdir(options.cacheDir).catch(() => [])) {
      if (entry !== 'archive' && entry !== 'recent' && entry !== PAGE_RECORDS) await rm(path.join(options.cacheDir, entry), { recursive: true, force: true });
    }
    const generated: SearchBucket[] = [];
    const reused: SearchBucket[] = [];
    // The archive is the primary bundle, the folder the recent one goes in, and is written first;
    // a site whose stories are all recent has the recent index alone, as its primary bundle.
    const alone = indexer.size('archive') === 0 && indexer.size('recent') > 0;
    const written: [SearchBucket, string][] = alone
      ? [['recent', bundle]]
      : [['archive', bundle], ...(indexer.size('recent') > 0 ? [['recent', path.join(bundle, RECENT_FOLDER)] as [SearchBucket, string]] : [])];
    for (const [bucket, outDir] of written) {
      const outcome = await cachedOutput({
        cacheDir: path.join(options.cacheDir, bucket),
        key: `${common}:${outDir === bundle ? 'primary' : 'merged'}:${indexer.pagesDigest(bucket)}`,
        outDir,
        generate: () => indexer.write(bucket, outDir),
      });
      (outcome === 'generated' ? generated : reused).push(bucket);
    }
    await indexer.writeFacets(written.length === 2);
    // A new file renamed into place: the cache may be the published one in hard links.
    const draft = `${recordsFile}.${process.pid}`;
    await mkdir(options.cacheDir, { recursive: true });
    await writeFile(draft, JSON.stringify(await indexer.pageRecords(common)));
    await rename(draft, recordsFile);
    return { outcome: generated.length ? 'generated' : 'reused', generated, reused, ...pages };
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
