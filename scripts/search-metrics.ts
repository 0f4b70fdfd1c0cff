/**
 * Measures search as a reader meets it, on a built site: the size of the search index, the bytes
 * a first query transfers (every file the search fetches, from Pagefind's folder and the page's
 * scripts, from opening /search/ to the first results) and the time from typing the query to
 * results on screen. Each figure is the median of several runs, each in a fresh browser context
 * (cold cache). The test server sends files uncompressed; the bytes are also given as a CDN
 * sends them, scripts and JSON gzipped (Pagefind's own files are compressed already).
 *
 *   node scripts/search-metrics.ts [--dist dist] [--query water] [--runs 5] [--breakdown]
 *
 * `--breakdown` adds, per kind of file, how many were fetched, their bytes and when the first
 * started and the last finished, in milliseconds from typing (negative: before, while the page
 * loaded): the time between the last index chunk and the first result fragment is the search.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';
import { launchBrowser, serve } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    query: { type: 'string', default: 'water' },
    runs: { type: 'string', default: '5' },
    breakdown: { type: 'boolean', default: false },
  },
});
const dist = path.resolve(values.dist);
const runs = Number(values.runs);

const indexDir = path.join(dist, 'pagefind');
const indexFiles = readdirSync(indexDir, { recursive: true, encoding: 'utf8' })
  .map((file) => path.join(indexDir, file))
  .filter((file) => statSync(file).isFile());
const indexBytes = indexFiles.reduce((sum, file) => sum + statSync(file).size, 0);

/** The kinds of file a search fetches, by path. */
const KINDS: [string, RegExp][] = [
  ['page scripts', /\/_astro\/.*\.js$/],
  ['pagefind.js', /\/pagefind\/pagefind\.js$/],
  ['pagefind-worker.js', /\/pagefind\/pagefind-worker\.js$/],
  ['entry', /\/pagefind-entry\.json$/],
  ['metadata', /\.pf_meta$/],
  ['WebAssembly', /\/wasm\.[^/]+\.pagefind$/],
  ['facet table', /\/pagefind\/facets\.bin$/],
  ['filters', /\.pf_filter$/],
  ['index chunks', /\.pf_index$/],
  ['fragments', /\.pf_fragment$/],
];
const kindOf = (pathname: string) => KINDS.find(([, pattern]) => pattern.test(pathname))?.[0];

interface Fetched {
  kind: string;
  /** Milliseconds from typing. */
  start: number;
  end: number;
  bytes: number;
  /** As a CDN sends it: text gzipped, compressed files as they are. */
  sent: number;
}

const server = await serve(dist);
const browser = await launchBrowser();
const bytes: number[] = [];
const sent: number[] = [];
const millis: number[] = [];
const fetchedRuns: Fetched[][] = [];
let line = '';
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Times are taken as they happen and made relative to typing at the end.
    const starts = new Map<Request, number>();
    const pending: Promise<Fetched>[] = [];
    page.on('request', (request) => starts.set(request, performance.now()));
    page.on('requestfinished', (request) => {
      const end = performance.now();
      const kind = kindOf(new URL(request.url()).pathname);
      if (!kind) return;
      pending.push(
        (async () => {
          const response = await request.response();
          const body = (await response?.body().catch(() => undefined)) ?? Buffer.alloc(0);
          const text = /javascript|json|text/.test(response?.headers()['content-type'] ?? '');
          return { kind, start: starts.get(request)!, end, bytes: body.length, sent: text ? gzipSync(body).length : body.length };
        })(),
      );
    });
    await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
    const typed = performance.now();
    await page.locator('#search-q').fill(values.query);
    await page.waitForFunction(() => document.querySelector('#results h3 a') !== null, undefined, { timeout: 30_000 });
    millis.push(performance.now() - typed);
    await page.waitForLoadState('networkidle');
    const fetched = (await Promise.all(pending)).map((f) => ({ ...f, start: f.start - typed, end: f.end - typed }));
    fetchedRuns.push(fetched);
    bytes.push(fetched.reduce((sum, f) => sum + f.bytes, 0));
    sent.push(fetched.reduce((sum, f) => sum + f.sent, 0));
    line = (await page.locator('#results-line').textContent()) ?? '';
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const range = (list: number[], unit: (n: number) => string) =>
  `median ${unit(median(list))} (min ${unit(Math.min(...list))}, max ${unit(Math.max(...list))}, ${runs} runs)`;
console.log(`site: ${dist}`);
console.log(`search index: ${kib(indexBytes)} in ${indexFiles.length} files`);
console.log(`query "${values.query}": ${line}`);
console.log(`first query transfers: ${range(bytes, kib)}; as a CDN sends it: ${range(sent, kib)}`);
console.log(`typing to results: ${range(millis, (n) => `${n.toFixed(0)} ms`)}`);
if (values.breakdown) {
  console.log('\nkind                 files      bytes  CDN bytes  first start  last end  (ms from typing, medians)');
  for (const [kind] of KINDS) {
    const per = fetchedRuns.map((fetched) => fetched.filter((f) => f.kind === kind));
    if (per.every((list) => list.length === 0)) continue;
    const stat = (pick: (list: Fetched[]) => number) => median(per.map(pick));
    console.log(
      [
        kind.padEnd(18),
        String(stat((l) => l.length)).padStart(7),
        kib(stat((l) => l.reduce((s, f) => s + f.bytes, 0))).padStart(10),
        kib(stat((l) => l.reduce((s, f) => s + f.sent, 0))).padStart(10),
        stat((l) => Math.min(...l.map((f) => f.start)))
          .toFixed(0)
          .padStart(12),
        stat((l) => Math.max(...l.map((f) => f.end)))
          .toFixed(0)
          .padStart(9),
      ].join(' '),
    );
  }
  console.log(`results shown${median(millis).toFixed(0).padStart(58)}`);
}
