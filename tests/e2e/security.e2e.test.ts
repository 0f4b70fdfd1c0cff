/**
 * The messy archive's hostile content (tests/support/messy-archive/security.part.ts) in a real
 * browser, served as a host that ignores public/_headers would serve it, so only the policy in
 * each page's <meta> element protects it: every page is loaded, and nothing in it may open a
 * dialog, set `window.__pwned` or make a request that leaves 127.0.0.1. The search page must
 * keep working under that policy, and with payloads in its URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serve } from '../../scripts/lib/browser.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { BODY_PAYLOAD_STORY } from '../support/messy-archive/security.part.ts';
import { EMBED_PROVIDERS } from '../../src/lib/markdown/sanitize-policy.ts';
import { siteConfig } from '../../src/site.config.ts';

let site: MessyArchiveBuild;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** A page that stays blank, where files' HTML is parsed without running or loading anything. */
let inert: Page;
/** Where the page was when something happened, for the failure messages. */
let current = '';
const dialogs: string[] = [];
const leftTheSite: string[] = [];
const embeds: string[] = [];

beforeAll(async () => {
  site = await messyArchiveBuild();
  expect(site.status, site.output).toBe(0);
  server = await serve(site.outDir, { headers: false });
  browser = await launchBrowser();
  context = await browser.newContext();
  // Policy violations are recorded, so the search page can show it needs nothing the policy forbids.
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  // Nothing may leave 127.0.0.1, except the frame of an embed the story policy allows
  // (src/lib/markdown/sanitize-policy.ts), which a reader's browser loads from its provider. Such frames
  // are recorded and not loaded (this machine has no network).
  const embedHosts = new Set(EMBED_PROVIDERS.map((provider) => provider.publishedHost));
  await context.route(
    (url) => url.origin !== server.origin && /^https?:$/.test(url.protocol),
    (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const isEmbed = request.resourceType() === 'document' && request.frame() !== page?.mainFrame() && embedHosts.has(url.hostname);
      (isEmbed ? embeds : leftTheSite).push(`${current}: ${url.href}`);
      return route.abort();
    },
  );
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(https?:|data:|blob:|about:)/.test(url)) leftTheSite.push(`${current}: ${url}`);
  });
  page = await context.newPage();
  inert = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(`${current}: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page; for a redirect page of an old address, also waits until the browser has followed it. */
async function visit(sitePath: string, redirectsTo?: string): Promise<void> {
  current = sitePath;
  await page.goto(`${server.origin}${sitePath}`, { waitUntil: 'load' });
  if (redirectsTo) await page.waitForURL(`${server.origin}${redirectsTo}`, { waitUntil: 'load' });
}

/** The site's own redirect pages (old addresses, from `_redirects`) and where each leads. */
function siteRedirects(): Map<string, string> {
  const lines = readFileSync(path.join(site.outDir, '_redirects'), 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((line) => line.split(' ') as [string, string]));
}

/** Frames (the page and any frame in it) in which a payload set `window.__pwned`. */
async function pwnedFrames(): Promise<string[]> {
  const hit = async (frame: Frame) => frame.evaluate(() => '__pwned' in window).catch(() => false);
  const frames = await Promise.all(page.frames().map(async (frame) => ((await hit(frame)) ? frame.url() || '(frame)' : undefined)));
  return frames.filter((f): f is string => f !== undefined);
}

/**
 * Markup that could run code, navigate or send data away: what a sanitizer removes. Read from
 * the live page, or from a file's HTML parsed inertly (a page that navigates away at once, as a
 * refresh does, leaves no live document to read).
 */
function dangerousMarkup(file?: { html: string; url: string }): Promise<string[]> {
  const allowedForms = [server.origin, ...(siteConfig.newsletterUrl ? [new URL(siteConfig.newsletterUrl).origin] : [])];
  return (file ? inert : page).evaluate(
    ({ file, allowedForms }) => {
      const html = file?.html;
      const base = file?.url ?? location.href;
      const doc = html === undefined ? document : new DOMParser().parseFromString(html, 'text/html');
      const all = (selector: string) => Array.from(doc.querySelectorAll(selector));
      const found: string[] = [];
      const describe = (el: Element) => el.outerHTML.slice(0, 100);
      // javascript: runs anywhere; a data: document runs where it is opened (links, frames,
      // objects, forms), while a data: image only shows a picture.
      const scheme = (value: string | null) => /^([a-z]+):/i.exec(value?.replace(/[\s\u0000-\u001f]/g, '') ?? '')?.[1]?.toLowerCase();
      const opensDocument = (el: Element) => ['a', 'area', 'iframe', 'frame', 'object', 'embed', 'form', 'button', 'input'].includes(el.localName);
      for (const el of all('*')) {
        if (Array.from(el.attributes).some((attribute) => attribute.name.startsWith('on'))) found.push(`event handler: ${describe(el)}`);
        for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
          const used = scheme(el.getAttribute(name));
          if (used === 'javascript' || used === 'vbscript' || (used === 'data' && opensDocument(el))) found.push(`${name}: ${describe(el)}`);
        }
      }
      for (const el of all('script:not([src]):not([type="application/ld+json"])')) found.push(`inline script: ${describe(el)}`);
      for (const el of all('meta[http-equiv="refresh" i], base, object, embed')) found.push(`element: ${describe(el)}`);
      for (const el of all('form[action]')) {
        if (!allowedForms.includes(new URL(el.getAttribute('action')!, base).origin)) found.push(`form elsewhere: ${describe(el)}`);
      }
      for (const el of all('iframe')) {
        if (/evil\.example/.test(el.getAttribute('src') ?? '')) found.push(`frame from an unknown host: ${describe(el)}`);
      }
      return found;
    },
    { file, allowedForms },
  );
}

describe('hostile content in the messy archive, under the <meta> policy alone', () => {
  it('runs nothing, opens no dialog and loads nothing from elsewhere on any page', async () => {
    const pages = site.pages();
    expect(pages.length).toBeGreaterThan(200);
    expect(pages).toContain(BODY_PAYLOAD_STORY);
    const ran: string[] = [];
    const markup: string[] = [];
    const redirects = siteRedirects();
    expect(redirects.size).toBeGreaterThan(0);
    for (const sitePath of pages) {
      const redirectsTo = redirects.get(sitePath);
      await visit(sitePath, redirectsTo);
      for (const frame of await pwnedFrames()) ran.push(`${sitePath}: window.__pwned set in ${frame}`);
      if (!page.url().startsWith(`${server.origin}/`)) ran.push(`${sitePath}: the page navigated to ${page.url()}`);
      const html = readFileSync(path.join(site.outDir, sitePath, sitePath.endsWith('/') ? 'index.html' : ''), 'utf8');
      // A redirect page's one refresh, to the story that moved, is the site's own.
      let ownRefresh = redirectsTo !== undefined && html.split('http-equiv="refresh"').length === 2 && html.includes(`content="0; url=${redirectsTo}"`);
      for (const found of await dangerousMarkup({ html, url: `${server.origin}${sitePath}` })) {
        if (ownRefresh && found.startsWith('element: <meta http-equiv="refresh"')) ownRefresh = false;
        else markup.push(`${sitePath}: ${found}`);
      }
    }
    expect.soft(ran).toEqual([]);
    expect.soft(dialogs).toEqual([]);
    expect.soft(leftTheSite).toEqual([]);
    expect.soft(markup).toEqual([]);
    // The allowed embeds are the only frames from elsewhere, each from its provider's published host.
    expect(
      embeds.every((embed) => /: https:\/\/www\.youtube-nocookie\.com\/embed\//.test(embed)),
      embeds.join('\n'),
    ).toBe(true);
  }, 1_800_000);

  it('keeps search working: Pagefind and its WebAssembly load, nothing violates the policy', async () => {
    await visit('/search/?q=Abdyrakhmanov');
    await expect.poll(() => page.locator('#results-line').textContent()).toMatch(/^Showing 1/);
    expect(await page.locator('#results h3 a').first().getAttribute('href')).toBe('/2023/05/osh-water-council-vote/');
    await expect.poll(() => page.locator('#facets input').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("'wasm-unsafe-eval'");
  }, 120_000);

  it.each([
    [
      'a query and a filter holding markup',
      `q=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}&organization=${encodeURIComponent('<svg onload=alert(1)>')}`,
    ],
    ['a query that finds the stories holding markup', 'q=onerror'],
    ['a filter naming an organization whose name holds markup', `organization=${encodeURIComponent('Ferghana Traders <svg onload=alert(1)>')}`],
    [
      'a breakout attempt in every parameter',
      `q=${encodeURIComponent('"><script>alert(1)</script>')}&topic=${encodeURIComponent('"><img src=x onerror=alert(1)>')}&page=${encodeURIComponent('javascript:alert(1)')}`,
    ],
  ])(
    'runs nothing from the search URL: %s',
    async (_, query) => {
      const before = { dialogs: dialogs.length, left: leftTheSite.length };
      await visit(`/search/?${query}`);
      await expect.poll(() => page.locator('#results-line').textContent()).not.toBe('');
      expect(await pwnedFrames()).toEqual([]);
      expect(await dangerousMarkup()).toEqual([]);
      expect(dialogs.slice(before.dialogs)).toEqual([]);
      expect(leftTheSite.slice(before.left)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    },
    120_000,
  );
});
