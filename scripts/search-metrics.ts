/**
 * Measures search as a reader meets it, on a built site: the size of the search index, the bytes
 * a first query transfers (everything fetched from /pagefind/ from opening /search/ to the first
 * results) and the time from typing the query to results on screen. Each figure is the median of
 * several runs, each in a fresh browser context (cold cache).
 *
 *   node scripts/search-metrics.ts [--dist dist] [--query water] [--runs 5]
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, serve } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    query: { type: 'string', default: 'water' },
    runs: { type: 'string', default: '5' },
  },
});
const dist = path.resolve(values.dist);
const runs = Number(values.runs);

const indexDir = path.join(dist, 'pagefind');
const indexFiles = readdirSync(indexDir, { recursive: true, encoding: 'utf8' })
  .map((file) => path.join(indexDir, file))
  .filter((file) => statSync(file).isFile());
const indexBytes = indexFiles.reduce((sum, file) => sum + statSync(file).size, 0);

const server = await serve(dist);
const browser = await launchBrowser();
const bytes: number[] = [];
const millis: number[] = [];
let line = '';
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let transferred = 0;
    page.on('response', async (response) => {
      if (!new URL(response.url()).pathname.includes('/pagefind/')) return;
      transferred += (await response.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
    const started = performance.now();
    await page.locator('#search-q').fill(values.query);
    await page.waitForFunction(() => document.querySelector('#results h3 a') !== null, undefined, { timeout: 30_000 });
    millis.push(performance.now() - started);
    await page.waitForLoadState('networkidle');
    bytes.push(transferred);
    line = (await page.locator('#results-line').textContent()) ?? '';
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`site: ${dist}`);
console.log(`search index: ${kib(indexBytes)} in ${indexFiles.length} files`);
console.log(`query "${values.query}": ${line}`);
console.log(`first query transfers: median ${kib(median(bytes))} (min ${kib(Math.min(...bytes))}, max ${kib(Math.max(...bytes))}, ${runs} runs)`);
console.log(`typing to results: median ${median(millis).toFixed(0)} ms (min ${Math.min(...millis).toFixed(0)}, max ${Math.max(...millis).toFixed(0)})`);
