/**
 * The fixture site in a real browser: search as a reader uses it (exact counts, facets, URL
 * state, the no-JavaScript header form), accessibility and console errors.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, PIPELINE_STORIES, SCO_STORIES, UN_BULLETINS } from '../support/fixture.ts';
import { launchBrowser, serve, watchErrors } from '../../scripts/lib/browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MIDNIGHT = '/2025/08/midnight-filing/';
const BULLETINS = SCO_STORIES - 1;

const built = fixtureSite();
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  server = await serve(built.site.outDir);
  browser = await launchBrowser();
  context = await browser.newContext();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(sitePath: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  watchErrors(page, errors);
  await page.goto(`${server.origin}${sitePath}`);
  return page;
}

const resultsLine = (page: Page) => page.locator('#results-line');
const resultLinks = (page: Page) => page.locator('#results h3 a');

describe('search', () => {
  it("finds a story by a quoted speaker's name", async () => {
    const page = await open('/search/?q=Karimov');
    await expect.poll(() => resultsLine(page).textContent()).toBe('Showing 1 of 1 result for “Karimov”');
    expect(await resultLinks(page).first().getAttribute('href')).toBe(MIDNIGHT);
    expect(await page.locator('#results mark').first().textContent()).toBe('Karimov');
    await page.close();
  });

  it('finds an organization by its registry alias, even in a story that never writes it', async () => {
    const page = await open('/search/?q=SCO');
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${SCO_STORIES} results for “SCO”`);
    // The alias is read as the name (the search page's alias map), not found in text hidden in the page.
    const excerpts = await page.locator('#results .teaser-summary').allTextContents();
    expect(excerpts).toHaveLength(10);
    for (const excerpt of excerpts) expect(excerpt).not.toContain('Also known as');
    expect(await page.locator('#results mark').first().textContent()).toMatch(/^(Shanghai|Cooperation|Organization)$/);
    // Search results are a list: their dates are the list's, "1 Aug 2025".
    expect(await page.locator('#results .meta span:not(.dateline)').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await page.close();
  });

  it('states the results line exactly for none, one, a page and more than a page', async () => {
    const page = await open('/search/');
    const search = async (query: string) => {
      await page.locator('#search-q').fill(query);
      await page.locator('#search-q').press('Enter');
    };
    await search('zyxwvutsr');
    await expect.poll(() => resultsLine(page).textContent()).toBe('No results for “zyxwvutsr”');
    expect(await resultLinks(page).count()).toBe(0);

    await search('Karimov');
    await expect.poll(() => resultsLine(page).textContent()).toBe('Showing 1 of 1 result for “Karimov”');

    await search('pipeline');
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–${PIPELINE_STORIES} of ${PIPELINE_STORIES} results for “pipeline”`);
    expect(await page.locator('#load-more').isHidden()).toBe(true);

    await search('delegates');
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${BULLETINS} results for “delegates”`);
    expect(await resultLinks(page).count()).toBe(10);
    await page.locator('#load-more').click();
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–20 of ${BULLETINS} results for “delegates”`);
    expect(await resultLinks(page).count()).toBe(20);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(await resultLinks(page).nth(10).getAttribute('href'));
    await page.close();
  });

  it('narrows results with the organization facet, whose count equals the results', async () => {
    const page = await open('/search/?q=delegates');
    await expect.poll(() => resultsLine(page).textContent()).toContain(`of ${BULLETINS} results`);
    const option = page.locator('#facets label', { has: page.locator('input[name="organization"][value="United Nations"]') });
    const count = Number(await option.locator('.count').textContent());
    expect(count).toBe(UN_BULLETINS);
    await option.locator('input').check();
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${count} results for “delegates”`);
    await page.close();
  });

  it('keeps query and filters in the URL: a reload and Back restore them', async () => {
    const page = await open('/search/?q=delegates');
    await expect.poll(() => resultsLine(page).textContent()).toContain(`of ${BULLETINS} results`);
    await page.locator('input[name="organization"][value="United Nations"]').check();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=delegates&organization=United+Nations');
    await page.reload();
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${UN_BULLETINS} results for “delegates”`);
    expect(await page.locator('input[name="organization"][value="United Nations"]').isChecked()).toBe(true);
    expect(await page.locator('#search-q').inputValue()).toBe('delegates');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=delegates');
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${BULLETINS} results for “delegates”`);
    await page.close();
  });

  it('lists a filter’s stories newest first when there are no words', async () => {
    const page = await open('/search/?organization=United+Nations');
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${UN_BULLETINS + 1} results`);
    expect(await resultLinks(page).first().getAttribute('href')).toBe(MIDNIGHT);
    await page.close();
  });

  it('reaches results from the header form when the page holding it runs no JavaScript', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const article = await open(MIDNIGHT, noScript);
    await article.locator('#site-search-q').fill('Karimov');
    await article.locator('#site-search-q').press('Enter');
    await article.waitForURL(/\/search\/\?q=Karimov$/);
    const target = new URL(article.url());
    await noScript.close();
    const page = await open(`${target.pathname}${target.search}`);
    await expect.poll(() => resultLinks(page).first().getAttribute('href')).toBe(MIDNIGHT);
    await page.close();
  });

  it('links each entity page to a search within it', async () => {
    const page = await open('/organizations/united-nations/');
    await page.getByRole('link', { name: 'Search within United Nations' }).click();
    await expect.poll(() => resultsLine(page).textContent()).toBe(`Showing 1–10 of ${UN_BULLETINS + 1} results`);
    await page.close();
  });
});

describe('pages as a reader meets them', () => {
  const pages = {
    home: '/',
    article: MIDNIGHT,
    entity: '/organizations/shanghai-cooperation-organization/',
    list: '/organizations/',
    search: '/search/?q=delegates&topic=Energy',
  };

  it('loads no JavaScript except on the search page', async () => {
    for (const [name, sitePath] of Object.entries(pages)) {
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
      await page.goto(`${server.origin}${sitePath}`, { waitUntil: 'networkidle' });
      if (name === 'search') expect(scripts.length, name).toBeGreaterThan(0);
      else expect(scripts, name).toEqual([]);
      await page.close();
    }
  });

  it('works under the Content-Security-Policy of public/_headers, with no violation', async () => {
    for (const [name, sitePath] of Object.entries(pages)) {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: string[] = ((window as unknown as { violations: string[] }).violations = []);
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const response = await page.goto(`${server.origin}${sitePath}`, { waitUntil: 'networkidle' });
      expect(response?.headers()['content-security-policy'], name).toContain("default-src 'self'");
      if (name === 'search') await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), name).toEqual([]);
      await page.close();
    }
  });

  it('has no WCAG 2.2 A or AA violation that axe-core can find', async () => {
    // axe-core is injected as an inline script, which the site's own policy rightly refuses.
    const audit = await browser.newContext({ bypassCSP: true });
    for (const [name, sitePath] of Object.entries(pages)) {
      const page = await open(sitePath, audit);
      if (name === 'search') await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(0);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, name).toEqual([]);
      await page.close();
    }
    await audit.close();
  });

  it('logged no console error on any page visited', () => {
    expect(errors).toEqual([]);
  });
});
