/**
 * Lighthouse scores of a built site as Lighthouse's default mobile run sees it (phone emulation,
 * simulated slow 4G and CPU): the home page, the first article it links to, the first
 * organization that article links to, and a search with results. Every page is measured `--runs`
 * times, each run in a fresh Chromium. Prints a Markdown table of the median score of each
 * category (0–100), then every audit that scored below 1 in any run, with the pages it did so on,
 * so that the table says how the site does and the list what to fix. Low scores do not fail the
 * command; errors do.
 *
 *   node scripts/lighthouse.ts [--dist dist] [--runs 3] [--query water]
 *
 * The site is served at the root of 127.0.0.1, so it must be built for the root (no SITE_BASE).
 */
import * as cheerio from 'cheerio';
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_FLAGS, chromiumPath, serve } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '3' },
    query: { type: 'string', default: 'water' },
  },
});
const dist = path.resolve(values.dist);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1; found "${values.runs}".`);

/** The path of the first link on the page at `page` (a path) whose path matches `pattern`. */
async function firstLink(origin: string, page: string, pattern: RegExp, what: string): Promise<string> {
  const url = new URL(page, origin);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${page}: HTTP ${response.status}`);
  const $ = cheerio.load(await response.text());
  const found = $('a[href]')
    .toArray()
    .map((a) => new URL($(a).attr('href')!, url))
    .find((link) => link.origin === origin && pattern.test(link.pathname));
  if (!found) throw new Error(`${page} links to no ${what} page. Is the site built under a sub-path? Only a site built for the root (without SITE_BASE) can be measured.`);
  return found.pathname;
}

/** One Lighthouse run of `url` in a Chromium of its own. */
async function measure(url: string): Promise<Result> {
  // With no userDataDir given, chrome-launcher passes a new temporary directory as
  // --user-data-dir and deletes it when Chromium is killed.
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: CHROMIUM_FLAGS, ignoreDefaultFlags: true });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    if (!result) throw new Error(`${url}: Lighthouse returned no result`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    for (const id of CATEGORIES) {
      if (lhr.categories[id]?.score == null) throw new Error(`${url}: no ${id} score`);
    }
    return lhr;
  } finally {
    chrome.kill();
  }
}

const score = (lhr: Result, category: string) => lhr.categories[category]!.score!;

const server = await serve(dist);
const pages: { name: string; path: string; results: Result[] }[] = [];
try {
  const article = await firstLink(server.origin, '/', /^\/\d{4}\/\d{2}\/[^/]+\/$/, 'article');
  const organization = await firstLink(server.origin, article, /^\/organizations\/[^/]+\/$/, 'organization');
  const search = `/search/?${new URLSearchParams({ q: values.query })}`;
  for (const [name, page] of [['home', '/'], ['article', article], ['organization', organization], ['search', search]] as const) {
    pages.push({ name, path: page, results: [] });
  }
  for (let run = 1; run <= runs; run++) {
    for (const page of pages) {
      const lhr = await measure(`${server.origin}${page.path}`);
      page.results.push(lhr);
      console.error(`run ${run}/${runs} ${page.path}: ${CATEGORIES.map((id) => `${id} ${Math.round(score(lhr, id) * 100)}`).join(', ')}`);
    }
  }
} finally {
  await server.close();
}

const first = pages[0]!.results[0]!;
console.log(`Lighthouse ${first.lighthouseVersion}, ${first.configSettings.formFactor}, median of ${runs} run${runs === 1 ? '' : 's'}, ${dist}\n`);
console.log(`| page | ${CATEGORIES.map((id) => first.categories[id]!.title).join(' | ')} |`);
console.log(`| --- | ${CATEGORIES.map(() => '---:').join(' | ')} |`);
for (const page of pages) {
  const medians = CATEGORIES.map((id) => Math.round(median(page.results.map((lhr) => score(lhr, id))) * 100));
  console.log(`| ${page.name} \`${page.path}\` | ${medians.join(' | ')} |`);
}

/**
 * Audits of the four categories that scored below 1, each with its category, its weight in that
 * category's score and its lowest result on every page.
 */
const failing = new Map<string, { title: string; category: string; weight: number; pages: Map<string, { score: number; displayValue?: string }> }>();
for (const page of pages) {
  for (const lhr of page.results) {
    for (const id of CATEGORIES) {
      const category = lhr.categories[id]!;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id]!;
        if (audit.score === null || audit.score >= 1) continue;
        const entry = failing.get(audit.id) ?? { title: audit.title, category: category.title, weight: ref.weight, pages: new Map() };
        failing.set(audit.id, entry);
        const lowest = entry.pages.get(page.name);
        if (!lowest || audit.score < lowest.score) {
          entry.pages.set(page.name, { score: audit.score, displayValue: audit.displayValue });
        }
      }
    }
  }
}
if (failing.size === 0) {
  console.log('\nEvery audit scored 1 on every page.');
} else {
  console.log('\nAudits below 1, with the lowest score over the runs on each page (weight 0: not part of the category score):\n');
  for (const [id, { title, category, weight, pages: on }] of failing) {
    const where = [...on].map(([name, lowest]) => `${name} ${lowest.score.toFixed(2)}${lowest.displayValue ? ` (${lowest.displayValue})` : ''}`);
    console.log(`- \`${id}\` ${title} (${category}, weight ${weight}): ${where.join(', ')}`);
  }
}
