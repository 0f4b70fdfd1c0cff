/**
 * How readers and machines find stories: feeds, sitemaps, robots.txt, page metadata,
 * structured data and the search index, asserted on a built fixture site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Facets, FACETS_FILE } from '../../src/lib/site/search-facets.ts';
import { xmlProblem } from '../../src/lib/verify/verify.ts';
import { fixtureSite, SCO_STORIES } from '../support/fixture.ts';

const ORIGIN = 'https://news.example.org';
const MIDNIGHT = '/2025/08/midnight-filing/';
const SCO = '/organizations/shanghai-cooperation-organization/';
const built = fixtureSite();

const read = (file: string) => readFileSync(path.join(built.site.outDir, file), 'utf8');
const xml = (file: string) =>
  new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap', 'category', 'dc:creator'].includes(name) }).parse(read(file));
const files = (ext: string) => readdirSync(built.site.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext));
/** Published articles: the bulletins, the midnight story, the fresh one and the one with markup. */
const PUBLISHED = SCO_STORIES + 2;

describe('feeds', () => {
  it('are all well-formed XML', () => {
    const feeds = files('feed.xml');
    expect(feeds.length).toBeGreaterThan(10);
    for (const feed of feeds) expect(xmlProblem(read(feed)), feed).toBeUndefined();
  });

  it('give the latest 50 stories in the site feed, with every field', () => {
    const channel = xml('feed.xml').rss.channel;
    expect(channel.item).toHaveLength(PUBLISHED);
    const midnight = channel.item.find((item: { link: string }) => item.link === `${ORIGIN}${MIDNIGHT}`);
    expect(midnight).toMatchObject({
      title: 'Water talks run past midnight in Tashkent',
      description: 'Negotiators agreed on reservoir releases just after midnight.',
      guid: { '#text': `${ORIGIN}${MIDNIGHT}`, '@_isPermaLink': 'true' },
      pubDate: 'Thu, 31 Jul 2025 19:30:00 GMT',
      category: ['Water', 'Diplomacy'],
      'dc:creator': ['Staff Reporter'],
    });
    const dates = channel.item.map((item: { pubDate: string }) => Date.parse(item.pubDate));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('give each entity its latest 20 stories', () => {
    expect(xml(`${SCO}feed.xml`).rss.channel.item).toHaveLength(20);
    for (const feed of [
      '/people/antonio-guterres/',
      '/locations/uzbekistan/',
      '/locations/uzbekistan/tashkent/',
      '/topics/water/',
      '/authors/staff-reporter/',
    ]) {
      expect(
        xml(`${feed}feed.xml`).rss.channel.item.map((i: { link: string }) => i.link),
        feed,
      ).toContain(`${ORIGIN}${MIDNIGHT}`);
    }
  });

  it('are announced by the pages they belong to', () => {
    const alternates = (page: string) =>
      built.site
        .page(page)('link[rel="alternate"][type="application/rss+xml"]')
        .map((_, l) => built.site.page(page)(l).attr('href'))
        .get();
    expect(alternates('/')).toEqual(['/feed.xml']);
    expect(alternates(SCO)).toEqual([`${SCO}feed.xml`, '/feed.xml']);
  });
});

describe('sitemaps and robots.txt', () => {
  it('list every page with the date it last changed', () => {
    const index = xml('sitemap-index.xml').sitemapindex.sitemap;
    const urls = index.flatMap((s: { loc: string }) => xml(new URL(s.loc).pathname).urlset.url) as { loc: string; lastmod?: string }[];
    const listed = new Set(urls.map((u) => new URL(u.loc).pathname));
    const pages = built.site.pages().filter((p) => p !== '/404.html');
    expect(pages.filter((p) => !listed.has(p))).toEqual([]);
    expect(urls.find((u) => u.loc === `${ORIGIN}${MIDNIGHT}`)?.lastmod).toBe('2025-08-02T07:00:00.000Z');
    expect(urls.find((u) => u.loc === `${ORIGIN}/2025/01/`)?.lastmod).toBe('2025-01-31T05:00:00.000Z');
    expect(urls.filter((u) => u.loc !== `${ORIGIN}/search/` && !u.lastmod)).toEqual([]);
  });

  it('give news search engines the stories of the last two days', () => {
    expect(xmlProblem(read('news-sitemap.xml'))).toBeUndefined();
    const urls = xml('news-sitemap.xml').urlset.url;
    expect(urls).toHaveLength(1);
    expect(urls[0]['news:news']).toMatchObject({
      'news:publication': { 'news:name': 'Steppe Dispatch', 'news:language': 'en' },
      'news:title': 'Border crossing reopens after overnight talks',
    });
  });

  it('name both sitemaps in robots.txt', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${ORIGIN}/sitemap-index.xml`);
    expect(read('robots.txt')).toContain(`Sitemap: ${ORIGIN}/news-sitemap.xml`);
  });
});

describe('page metadata', () => {
  it('gives every page a title, description, canonical URL and language', () => {
    for (const page of built.site.pages()) {
      const $ = built.site.page(page);
      expect($('title').text(), page).not.toBe('');
      expect($('meta[name="description"]').attr('content'), page).toBeTruthy();
      expect($('html').attr('lang'), page).toBe('en');
      if (page !== '/404.html') expect($('link[rel="canonical"]').attr('href'), page).toBe(`${ORIGIN}${page}`);
    }
  });

  it('gives articles OpenGraph and Twitter cards with their image', () => {
    const $ = built.site.page(MIDNIGHT);
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
    expect(meta('og:type')).toBe('article');
    expect(meta('og:title')).toBe('Water talks run past midnight in Tashkent');
    expect(meta('og:image')).toBe(`${ORIGIN}/images/amu-darya.svg`);
    expect(meta('twitter:card')).toBe('summary_large_image');
  });
});

describe('structured data', () => {
  const jsonLd = (page: string) =>
    built.site
      .page(page)('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse(cheerio.load(s).text()))
      .get();

  it('describes an article as a NewsArticle matching its frontmatter', () => {
    const [article, crumbs] = jsonLd(MIDNIGHT);
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Water talks run past midnight in Tashkent',
      description: 'Negotiators agreed on reservoir releases just after midnight.',
      datePublished: '2025-07-31T19:30:00.000Z',
      dateModified: '2025-08-02T07:00:00.000Z',
      author: [{ '@type': 'Person', name: 'Staff Reporter', url: `${ORIGIN}/authors/staff-reporter/` }],
      publisher: { name: 'Steppe Dispatch', logo: { url: `${ORIGIN}/logo.png` } },
      image: [`${ORIGIN}/images/amu-darya.svg`],
      dateline: 'Tashkent, Uzbekistan',
      contentLocation: { '@type': 'Place', name: 'Tashkent, Uzbekistan', url: `${ORIGIN}/locations/uzbekistan/tashkent/` },
      about: [
        { name: 'Water', url: `${ORIGIN}/topics/water/` },
        { name: 'Diplomacy', url: `${ORIGIN}/topics/diplomacy/` },
      ],
    });
    expect(article.mentions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@type': 'Organization', name: 'Shanghai Cooperation Organization', url: `${ORIGIN}${SCO}` }),
        expect.objectContaining({ '@type': 'Person', name: 'António Guterres', url: `${ORIGIN}/people/antonio-guterres/` }),
      ]),
    );
    expect(crumbs['@type']).toBe('BreadcrumbList');
    expect(crumbs.itemListElement.at(-1)).toMatchObject({ position: 3, item: `${ORIGIN}${MIDNIGHT}` });
  });

  it('describes entities, with sameAs from the registry', () => {
    expect(jsonLd(SCO)[0]).toMatchObject({
      '@type': 'Organization',
      name: 'Shanghai Cooperation Organization',
      alternateName: ['SCO'],
      sameAs: ['https://example.org/sco'],
    });
    expect(jsonLd('/people/antonio-guterres/')[0]).toMatchObject({ '@type': 'Person', jobTitle: 'Secretary-General of the United Nations' });
    expect(jsonLd('/locations/uzbekistan/tashkent/')[0]).toMatchObject({ '@type': 'Place', containedInPlace: { name: 'Uzbekistan' } });
  });
});

describe('search index', () => {
  /** The page records of a Pagefind bundle (`pagefind/` or `pagefind/recent/`). */
  const bundleRecords = (bundle: string) => {
    const fragments = path.join(built.site.outDir, bundle, 'fragment');
    return readdirSync(fragments).map((name) => {
      const record = JSON.parse(
        gunzipSync(readFileSync(path.join(fragments, name)))
          .subarray(12)
          .toString('utf8'),
      );
      return { id: name.replace(/\.pf_fragment$/, ''), url: record.url as string, filters: record.filters as Record<string, string[]> };
    });
  };
  const dateOf = (url: string) => built.site.page(url)('[data-search-date]').attr('data-search-date')!;

  it('is written by the build and holds the articles only, the last months’ in a small index of their own', () => {
    expect(built.site.exists('/pagefind/pagefind.js')).toBe(true);
    const recent = bundleRecords('pagefind/recent');
    const archive = bundleRecords('pagefind');
    expect(recent.length + archive.length).toBe(PUBLISHED);
    expect(recent.length).toBeGreaterThan(0);
    expect(archive.length).toBeGreaterThan(0);
    // Every recent story is newer than every story of the archive.
    const oldestRecent = recent.map(({ url }) => dateOf(url)).sort()[0]!;
    expect(archive.every(({ url }) => dateOf(url) < oldestRecent)).toBe(true);
  });

  it('writes the facet table: every indexed page, newest first, with the filters Pagefind recorded for it', () => {
    const recent = bundleRecords('pagefind/recent');
    const records = [...recent, ...bundleRecords('pagefind')];
    const facets = new Facets(gunzipSync(readFileSync(path.join(built.site.outDir, 'pagefind', FACETS_FILE))));
    expect([...facets.pages].sort()).toEqual(records.map((record) => record.id).sort());
    // The recent index's pages are the first rows.
    expect(facets.recent).toBe(recent.length);
    expect(facets.pages.slice(0, facets.recent).toSorted()).toEqual(recent.map((record) => record.id).sort());
    const dates = facets.pages.map((id) => dateOf(records.find((record) => record.id === id)!.url));
    expect(dates).toEqual([...dates].sort().reverse());
    const midnight = records.find((record) => record.url === MIDNIGHT)!;
    expect(facets.count([facets.row(midnight.id)!])).toMatchObject(
      Object.fromEntries(Object.entries(midnight.filters).map(([name, values]) => [name, Object.fromEntries(values.map((value) => [value, 1]))])),
    );
    const counted = Object.values(facets.count([facets.row(midnight.id)!])).flatMap((values) => Object.keys(values));
    expect(counted).toHaveLength(Object.values(midnight.filters).flat().length);
    expect(midnight.filters.organization).toContain('United Nations');
  });

  it('links entity pages to a search within them', () => {
    expect(built.site.page(SCO)('a:contains("Search within")').attr('href')).toBe('/search/?organization=Shanghai+Cooperation+Organization');
  });

  it('puts a search form in the header of every page but the search page', () => {
    expect(built.site.page(MIDNIGHT)('header form[role="search"]').attr('action')).toBe('/search/');
    expect(built.site.page(MIDNIGHT)('header form[role="search"] input[name="q"]')).toHaveLength(1);
    expect(built.site.page('/search/')('header form[role="search"]')).toHaveLength(0);
  });
});
