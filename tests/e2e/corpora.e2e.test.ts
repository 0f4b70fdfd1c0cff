/**
 * The reader-facing checks on real-looking sites: the sample newsroom in content/ and a
 * 1,000-article synthetic corpus. Pages are found by following the site's own links, so the
 * checks hold for any content. Screenshots go to test-results/screenshots/<corpus>/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/generate-corpus.ts';
import { launchBrowser, serve, watchErrors } from '../../scripts/lib/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const corpora = [
  { name: 'sample', contentDir: () => path.resolve('content') },
  {
    name: 'synthetic-1000',
    contentDir: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'corpus-1000-'));
      generateCorpus(dir, 1000, 7);
      return dir;
    },
  },
];

describe.each(corpora)('the $name site', ({ name, contentDir }) => {
  let content: string;
  let site: BuiltSite;
  let server: Awaited<ReturnType<typeof serve>>;
  const errors: string[] = [];
  const pages: Record<'home' | 'article' | 'entity' | 'list' | 'search', string> = {
    home: '/',
    article: '',
    entity: '',
    list: '/organizations/',
    search: '',
  };

  beforeAll(async () => {
    content = contentDir();
    site = buildSite(content);
    if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
    server = await serve(site.outDir);
    pages.article = site.page('/')('.lead a').first().attr('href')!;
    pages.entity = site.page('/organizations/')('.entity-index a').first().attr('href')!;
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    rmSync(path.dirname(site.outDir), { recursive: true, force: true });
    if (name !== 'sample') rmSync(content, { recursive: true, force: true });
  });

  async function open(sitePath: string, viewport = { width: 1280, height: 900 }, bypassCSP = false): Promise<Page> {
    const context = await browser.newContext({ viewport, bypassCSP });
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${server.origin}${sitePath}`, { waitUntil: 'networkidle' });
    return page;
  }
  const close = (page: Page) => page.context().close();
  const line = (page: Page) => page.locator('#results-line').textContent();

  it("finds the lead story by a quoted person's name", async () => {
    const article = site.page(pages.article);
    const speaker = article('.quoted li a').first().text() || article('.byline a').first().text();
    const page = await open(`/search/?q=${encodeURIComponent(speaker)}`);
    await expect.poll(() => line(page)).toMatch(/^Showing 1(–\d+)? of \d+ results? for “.+”$/);
    // Load every result, ten at a time, then look for the story.
    const total = Number((await line(page))!.match(/of (\d+)/)![1]);
    const links = page.locator('#results h3 a');
    for (let shown = await links.count(); shown < total; shown = await links.count()) {
      await page.locator('#load-more').click();
      await expect.poll(() => links.count()).toBeGreaterThan(shown);
    }
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(total);
    expect(hrefs).toContain(pages.article);
    await close(page);
  });

  it('narrows search with the organization facet to exactly its count, and keeps it in the URL', async () => {
    const page = await open('/search/?q=the');
    await expect.poll(() => line(page)).toMatch(/results for “the”$/);
    const option = page.locator('#facets fieldset', { hasText: 'Organization' }).locator('label').first();
    const value = await option.locator('input').getAttribute('value');
    const count = Number(await option.locator('.count').textContent());
    await option.locator('input').check();
    const shown = Math.min(10, count);
    const expected = count === 1 ? 'Showing 1 of 1 result for “the”' : `Showing 1–${shown} of ${count} results for “the”`;
    await expect.poll(() => line(page)).toBe(expected);
    expect(new URL(page.url()).searchParams.getAll('organization')).toEqual([value]);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => line(page)).toBe(expected);
    pages.search = new URL(page.url()).pathname + new URL(page.url()).search;
    await close(page);
  });

  it("shows Pagefind's own facet counts and totals: words, words and a filter, a filter alone, nothing", async () => {
    type Counts = Record<string, Record<string, number>>;
    const shownCounts = (page: Page) =>
      page.locator('#facets input').evaluateAll((boxes) => {
        const counts: Counts = {};
        for (const box of boxes as HTMLInputElement[]) (counts[box.name] ??= {})[box.value] = Number(box.parentElement!.querySelector('.count')!.textContent);
        return counts;
      });
    // Pagefind asked directly, in the page, with every filter loaded: the counts it would give. A
    // string, so the test runner leaves its `import()` alone.
    const pagefindCounts = (page: Page, words: string | null, filters: Record<string, string[]>): Promise<{ counts: Counts; total: number }> =>
      page.evaluate(`(async () => {
        const pagefind = (await import('/pagefind/pagefind.js')).createInstance({ noWorker: true });
        // The recent stories' index, when the site has one, as the search page merges it.
        if ((await fetch('/pagefind/recent/pagefind-entry.json')).ok) await pagefind.mergeIndex('/pagefind/recent/');
        const all = await pagefind.filters();
        const words = ${JSON.stringify(words)}, filters = ${JSON.stringify(filters)};
        const search = words === null && Object.keys(filters).length === 0 ? { filters: all, results: [] } : await pagefind.search(words, { filters });
        const counts = {};
        for (const [name, values] of Object.entries(search.filters)) {
          for (const [value, count] of Object.entries(values)) if (count > 0) (counts[name] ??= {})[value] = count;
        }
        return { counts, total: search.results.length };
      })()`);
    const first = await open('/search/?q=the');
    await expect.poll(() => line(first)).toMatch(/results for “the”$/);
    const topic = (await first.locator('#facets input[name="topic"]').first().getAttribute('value'))!;
    await close(first);
    const cases: [string | null, Record<string, string[]>][] = [
      ['the', {}],
      ['the', { topic: [topic] }],
      [null, { topic: [topic] }],
      [null, {}],
    ];
    for (const [words, filters] of cases) {
      const params = new URLSearchParams([...(words ? [['q', words]] : []), ...Object.entries(filters).flatMap(([k, v]) => v.map((x) => [k, x]))]);
      const page = await open(`/search/?${params}`);
      await expect.poll(() => line(page)).toMatch(words || Object.keys(filters).length ? /^(Showing|No results)/ : /^Type a word/);
      await expect.poll(() => page.locator('#facets input').count()).toBeGreaterThan(0);
      const expected = await pagefindCounts(page, words, filters);
      const shown = await shownCounts(page);
      // The page also lists a selected value Pagefind counts no result for, at 0.
      expect(
        Object.fromEntries(Object.entries(shown).map(([name, values]) => [name, Object.fromEntries(Object.entries(values).filter(([, count]) => count > 0))])),
        params.toString(),
      ).toEqual(expected.counts);
      if (expected.total) expect(await line(page), params.toString()).toMatch(new RegExp(`of ${expected.total} results?`));
      await close(page);
    }
  });

  it('has no WCAG 2.2 A or AA violation that axe-core can find', async () => {
    for (const [kind, sitePath] of Object.entries(pages)) {
      // axe-core is injected as an inline script, which the site's own policy rightly refuses.
      const page = await open(sitePath, undefined, true);
      if (kind === 'search') await expect.poll(() => page.locator('#results h3 a').count()).toBeGreaterThan(0);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async (tags) => {
        const { axe } = window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
        const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, WCAG);
      expect(violations, `${kind} ${sitePath}`).toEqual([]);
      await close(page);
    }
  });

  it('saves screenshots of home, article, entity and search at 390 and 1280 pixels wide', async () => {
    const dir = path.resolve('test-results/screenshots', name);
    mkdirSync(dir, { recursive: true });
    for (const width of [390, 1280]) {
      for (const kind of ['home', 'article', 'entity', 'search'] as const) {
        const page = await open(pages[kind], { width, height: 900 });
        if (kind === 'search') await expect.poll(() => page.locator('#results h3 a').count()).toBeGreaterThan(0);
        await page.screenshot({ path: path.join(dir, `${kind}-${width}.png`), fullPage: true });
        await close(page);
      }
    }
  });

  it('logged no console error on any page visited', () => {
    expect(errors).toEqual([]);
  });
});
