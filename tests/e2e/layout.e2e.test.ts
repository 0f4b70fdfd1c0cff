/**
 * Layout at every width a reader brings, with the longest names a newsroom meets: a ministry's
 * full title, a 40-letter word, a long web address. On each page and width: the page never
 * scrolls sideways, no two items of a list overlap (lists in columns included), and each item's
 * count, role and meta stay inside the item. Screenshots go to test-results/screenshots/layout/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serve } from '../../scripts/lib/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

const MINISTRY = 'Ministry of Energy and Natural Resources of the Republic of Kazakhstan';
/** One unbroken word of 40 letters, as a compound name or a transliteration can be. */
const LONG_WORD = 'Kazakhenergostroymontazhinvestkompleksy';
const LONG_URL = 'https://www.example.org/reports/2025/energy/the-annual-report-of-the-ministry-on-grid-investment-and-tariffs.pdf';
const WIDTHS = [320, 390, 768, 1280, 1440];

function writeLongNames(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-layout-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write(
    'organizations.yaml',
    `- name: ${MINISTRY}
  aliases: [Energy Ministry]
  description: The ministry that sets tariffs and licenses power plants.
  url: ${LONG_URL}
- name: ${LONG_WORD} Holding
- name: United Nations
  aliases: [UN]
`,
  );
  write(
    'people.yaml',
    `- name: Aliya ${LONG_WORD}ova
  role: Deputy Minister of Energy and Natural Resources of the Republic of Kazakhstan for Grid Investment
`,
  );
  write(
    'authors.yaml',
    `- name: Madina Seitkali-${LONG_WORD}
  role: Energy and technology correspondent, Almaty
  bio: Madina covers power grids, oil and gas. Her reports are at ${LONG_URL} and elsewhere.
  photo:
    src: /favicon.svg
    alt: Portrait of Madina
  email: madina.seitkali.${LONG_WORD.toLowerCase()}@news.example.org
  links:
    - ${LONG_URL}
    - label: Mastodon
      url: https://mastodon.example/@madina
`,
  );
  const day = 86_400_000;
  for (let i = 0; i < 8; i++) {
    const date = new Date(Date.now() - (i + 1) * day).toISOString();
    write(
      `articles/story-${i}.md`,
      `---
title: ${i % 2 ? `${LONG_WORD} wins the grid tender` : `${MINISTRY} raises tariffs for the ${i}th time this year`}
summary: The decision is published at ${LONG_URL} with ${LONG_WORD} named as contractor.
date: ${date}
location: ${LONG_WORD} Industrial Zone, Kazakhstan
organizations: [${MINISTRY}, ${LONG_WORD} Holding${i % 3 ? '' : ', UN'}]
speakers:
  - Aliya ${LONG_WORD}ova
topics: [Energy tariffs and the reform of the ${LONG_WORD} grid, Energy]
authors: [Madina Seitkali-${LONG_WORD}]
---

The ministry published its decision at ${LONG_URL} on the morning of the vote.

${LONG_WORD} said the work would start in spring.
`,
    );
  }
  return dir;
}

let contentDir: string;
let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  contentDir = writeLongNames();
  site = buildSite(contentDir);
  if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
  server = await serve(site.outDir);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  if (site) rmSync(path.dirname(site.outDir), { recursive: true, force: true });
});

/** What went wrong on the page in the browser: sideways scroll, overlapping items, a count outside its item. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    // Half a pixel of grace: adjacent boxes may share an edge after subpixel rounding.
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
    const lists = [...document.querySelectorAll('main ul, main ol, .facets fieldset, .facets details')].filter(visible);
    for (const list of lists) {
      const items = [...list.children].filter((el) => (el.tagName === 'LI' || el.tagName === 'LABEL') && visible(el));
      const boxes = items.map((el) => el.getBoundingClientRect());
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (overlap(boxes[i]!, boxes[j]!)) problems.push(`${name(items[i]!)} overlaps ${name(items[j]!)}`);
        }
        for (const part of items[i]!.querySelectorAll('.count, .role, .meta, .meta > *')) {
          if (visible(part) && !inside(part.getBoundingClientRect(), boxes[i]!)) problems.push(`${name(part)} leaves ${name(items[i]!)}`);
        }
      }
    }
    // Anything in the page wider than the screen, even where a box clips it.
    for (const el of document.querySelectorAll('main *')) {
      const box = el.getBoundingClientRect();
      if (visible(el) && (box.right > window.innerWidth + 0.5 || box.left < -0.5) && !el.closest('.visually-hidden')) {
        problems.push(`${name(el)} is outside the screen (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return problems;
  });
}

describe('layout with long names at every width', () => {
  const pages: Record<string, string> = {
    organizations: '/organizations/',
    people: '/people/',
    topics: '/topics/',
    authors: '/authors/',
    places: '/locations/',
    entity: '/organizations/ministry-of-energy-and-natural-resources-of-the-republic-of-kazakhstan/',
    author: `/authors/madina-seitkali-${LONG_WORD.toLowerCase()}/`,
    home: '/',
    search: `/search/?q=${LONG_WORD}`,
  };

  it('finds an article and the archives to check among the built pages', () => {
    const article = site.pages().find((file) => /^\/\d{4}\/\d{2}\/[^/]+\/$/.test(file));
    const month = site.pages().find((file) => /^\/\d{4}\/\d{2}\/$/.test(file));
    const year = site.pages().find((file) => /^\/\d{4}\/$/.test(file));
    expect(article && month && year).toBeTruthy();
    Object.assign(pages, { article: article!, month: month!, year: year! });
  });

  for (const width of WIDTHS) {
    it(`keeps every list apart and inside the screen at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const dir = path.resolve('test-results/screenshots/layout');
      mkdirSync(dir, { recursive: true });
      const found: string[] = [];
      for (const [kind, sitePath] of Object.entries(pages)) {
        const page = await context.newPage();
        await page.goto(`${server.origin}${sitePath}`, { waitUntil: 'networkidle' });
        if (kind === 'search') {
          await expect.poll(() => page.locator('#results li').count()).toBeGreaterThan(0);
          // The filters are folded on a phone: open them, they must fit too.
          await page.evaluate(() => {
            for (const details of document.querySelectorAll('.facets, .facets details')) (details as HTMLDetailsElement).open = true;
          });
        }
        await page.screenshot({ path: path.join(dir, `${kind}-${width}.png`), fullPage: true });
        found.push(...(await layoutProblems(page)).map((problem) => `${kind} (${sitePath}): ${problem}`));
        await page.close();
      }
      await context.close();
      expect(found).toEqual([]);
    }, 300_000);
  }
});
