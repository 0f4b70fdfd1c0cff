/**
 * Lighthouse scores of a built site as Lighthouse's default mobile run sees it (phone emulation,
 * simulated slow 4G and CPU): the home page, the first article it links to, the first
 * organization that article links to, and a search with results. Every page is measured `--runs`
 * times, each run in a fresh Chromium. Prints a Markdown table of the median score of each
 * category (0–100), one of the median metrics, then every audit that scored below 1 in any run,
 * with the pages it did so on, so that the tables say how the site does and the list what to fix.
 * Low scores do not fail the command; errors do (a run that fails is tried again twice first).
 *
 *   node scripts/lighthouse.ts [--dist dist] [--runs 3] [--query water] [--quiet-wait 20] [--save DIR]
 *
 * Lighthouse simulates the phone's CPU by multiplying the time each main-thread task took on this
 * machine by 4, so work of other processes that delays the browser shows up as Total Blocking
 * Time of the page. Before each run the script therefore waits, up to `--quiet-wait` seconds, for
 * the machine to be quiet (at most a quarter of its CPU time busy over a second), and prints how
 * busy it was as each run started, with Lighthouse's benchmark index of the machine at that
 * moment. `--save DIR` writes every run's full report (JSON) there.
 *
 * The site is served at the root of 127.0.0.1, so it must be built for the root (no SITE_BASE).
 */
import * as cheerio from 'cheerio';
import { Launcher, launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CHROMIUM_FLAGS, chromiumPath, serve } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'FCP', 'ms'],
  ['largest-contentful-paint', 'LCP', 'ms'],
  ['total-blocking-time', 'TBT', 'ms'],
  ['cumulative-layout-shift', 'CLS', ''],
  ['speed-index', 'Speed Index', 'ms'],
] as const;
/** A run starts on a quiet machine when at most this share of all CPU time was busy over a second. */
const QUIET = 0.25;
const ATTEMPTS = 3;

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '3' },
    query: { type: 'string', default: 'water' },
    'quiet-wait': { type: 'string', default: '20' },
    save: { type: 'string' },
  },
});
const dist = path.resolve(values.dist);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1; found "${values.runs}".`);
const quietWait = Number(values['quiet-wait']);
if (!(quietWait >= 0)) throw new Error(`--quiet-wait must be a number of seconds; found "${values['quiet-wait']}".`);
const saveDir = values.save && path.resolve(values.save);
if (saveDir) mkdirSync(saveDir, { recursive: true });

/**
 * The flags Lighthouse's own command line starts Chrome with (chrome-launcher's defaults: no
 * extensions, no background networking, no throttling of background renderers…), the project's,
 * and, in the one --disable-features Chromium reads, the omnibox popup: headless Chromium 156
 * still starts its web UI in a renderer of its own, which competed with the page for the CPU
 * during the first second of every run.
 */
function chromeFlags(): string[] {
  const defaults = Launcher.defaultFlags();
  const disabled = defaults.filter((flag) => flag.startsWith('--disable-features=')).flatMap((flag) => flag.slice('--disable-features='.length).split(','));
  return [
    ...defaults.filter((flag) => !flag.startsWith('--disable-features=')),
    ...CHROMIUM_FLAGS.filter((flag) => !defaults.includes(flag)),
    `--disable-features=${[...disabled, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'].join(',')}`,
  ];
}

/** The share of all CPU time (every core) that was busy over `ms`, from /proc/stat; undefined off Linux. */
async function busyShare(ms = 1000): Promise<number | undefined> {
  if (!existsSync('/proc/stat')) return undefined;
  const sample = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user and nice)
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return { total, idle: fields[3]! + fields[4]! };
  };
  const before = sample();
  await sleep(ms);
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}

/** Waits, up to `--quiet-wait` seconds, for a quiet machine; answers how busy it was at the end. */
async function waitForQuiet(): Promise<number | undefined> {
  const deadline = Date.now() + quietWait * 1000;
  let busy = await busyShare();
  while (busy !== undefined && busy > QUIET && Date.now() < deadline) {
    await sleep(1000);
    busy = await busyShare();
  }
  return busy;
}

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
  if (!found)
    throw new Error(
      `${page} links to no ${what} page. Is the site built under a sub-path? Only a site built for the root (without SITE_BASE) can be measured.`,
    );
  return found.pathname;
}

/** One Lighthouse run of `url` in a Chromium of its own. */
async function measure(url: string): Promise<Result> {
  // With no userDataDir given, chrome-launcher passes a new temporary directory as
  // --user-data-dir and deletes it when Chromium is killed.
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: chromeFlags(), ignoreDefaultFlags: true });
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

/** `measure`, tried again when a run fails (Lighthouse times out now and then on a loaded machine). */
async function measureWithRetries(url: string): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measure(url);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      console.error(`${url}: ${(error as Error).message}; trying again`);
    }
  }
}

const score = (lhr: Result, category: string) => lhr.categories[category]!.score!;
const percent = (share: number | undefined) => (share === undefined ? 'unknown' : `${Math.round(share * 100)}%`);

const server = await serve(dist);
const pages: { name: string; path: string; results: Result[] }[] = [];
const busyStarts: (number | undefined)[] = [];
try {
  const article = await firstLink(server.origin, '/', /^\/\d{4}\/\d{2}\/[^/]+\/$/, 'article');
  const organization = await firstLink(server.origin, article, /^\/organizations\/[^/]+\/$/, 'organization');
  const search = `/search/?${new URLSearchParams({ q: values.query })}`;
  for (const [name, page] of [
    ['home', '/'],
    ['article', article],
    ['organization', organization],
    ['search', search],
  ] as const) {
    pages.push({ name, path: page, results: [] });
  }
  for (let run = 1; run <= runs; run++) {
    for (const page of pages) {
      const busy = await waitForQuiet();
      busyStarts.push(busy);
      const lhr = await measureWithRetries(`${server.origin}${page.path}`);
      page.results.push(lhr);
      if (saveDir) writeFileSync(path.join(saveDir, `${page.name}-${run}.json`), JSON.stringify(lhr));
      const tbt = Math.round(lhr.audits['total-blocking-time']!.numericValue!);
      console.error(
        `run ${run}/${runs} ${page.path}: ${CATEGORIES.map((id) => `${id} ${Math.round(score(lhr, id) * 100)}`).join(', ')}; ` +
          `TBT ${tbt} ms; machine ${percent(busy)} busy at the start, benchmark index ${Math.round(lhr.environment.benchmarkIndex)}`,
      );
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

console.log(`\n| page | ${METRICS.map(([, label, unit]) => (unit ? `${label} (${unit})` : label)).join(' | ')} |`);
console.log(`| --- | ${METRICS.map(() => '---:').join(' | ')} |`);
for (const page of pages) {
  const medians = METRICS.map(([id, , unit]) => {
    const value = median(page.results.map((lhr) => lhr.audits[id]!.numericValue!));
    return unit ? String(Math.round(value)) : value.toFixed(3);
  });
  console.log(`| ${page.name} | ${medians.join(' | ')} |`);
}

const busyRuns = busyStarts.filter((busy) => busy !== undefined && busy > QUIET).length;
const known = busyStarts.filter((busy) => busy !== undefined) as number[];
console.log(
  known.length === 0
    ? '\nHow busy the machine was is unknown (no /proc/stat).'
    : `\nMachine busy at the start of a run: median ${percent(median(known))}, highest ${percent(Math.max(...known))}; ` +
        `${busyRuns} of ${busyStarts.length} runs started on a busy machine (over ${percent(QUIET)}), where other work ` +
        'inflates the main-thread time that Lighthouse multiplies into Total Blocking Time.',
);

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
