/**
 * Hostile text in the messy archive (tests/support/messy-archive/security.part.ts): links that
 * could run code are refused by the content check with file, line and field; markup in fields
 * is published as text in pages, structured data and feeds; every page carries the site's
 * Content-Security-Policy in a <meta> element.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { headersFor, metaContentSecurityPolicies, parseHeadersFile, styleHash, withStyleSources } from '../../src/lib/site/headers-file.ts';
import type { ContentProblem } from '../../src/lib/content/problems.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import { FIELD_PAYLOAD_STORIES, PAYLOADS, UNSAFE_LINKS } from '../support/messy-archive/security.part.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A page's HTML as written, without its attribute values: within quotes (a quote inside is
 * written &quot;) a `<` is inert text, while anywhere else it would open an element.
 */
const outsideAttributes = (site: MessyArchiveBuild, page: string) =>
  readFileSync(path.join(site.outDir, page, 'index.html'), 'utf8').replace(/="[^"]*"/g, '=""');

describe('the content check on the flawed archive', () => {
  let dir: string;
  let problems: ContentProblem[];

  beforeAll(async () => {
    dir = await writeMessyArchive({ flawed: true });
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), '--format=json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: dir },
    });
    expect(result.status, result.stderr).toBe(1);
    problems = (JSON.parse(result.stdout) as { problems: ContentProblem[] }).problems;
  }, 300_000);

  it.each(UNSAFE_LINKS)('refuses $field = $value in $file, at its line', ({ file, field, value }) => {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes(JSON.stringify(value)) || text.includes(`'${value}'`)) + 1;
    expect(line).toBeGreaterThan(0);
    const problem = problems.find((p) => path.resolve(p.file) === path.join(dir, file) && p.line === line);
    expect(
      problem,
      JSON.stringify(
        problems.filter((p) => p.severity === 'error'),
        null,
        2,
      ),
    ).toMatchObject({
      severity: 'error',
      field: expect.stringMatching(new RegExp(`(^|\\.)${field.replace('.', '\\.')}$`)),
      message: 'has the wrong form.',
      expected: expect.stringContaining('https://'),
      hint: expect.any(String),
    });
  });

  it('refuses a slug holding markup', () => {
    expect(problems.some((p) => p.file.endsWith('2023-09-07-slug-with-markup.md') && p.field === 'slug' && p.severity === 'error')).toBe(true);
  });
});

describe('the messy archive, built', () => {
  let site: MessyArchiveBuild;
  beforeAll(async () => {
    site = await messyArchiveBuild();
    expect(site.status, site.output).toBe(0);
  }, 900_000);

  it("gives every page the site's Content-Security-Policy as its first element after the charset, allowing its inline stylesheet by hash", () => {
    const [policy] = metaContentSecurityPolicies(parseHeadersFile(readFileSync(path.join(root, 'public/_headers'), 'utf8')), '/');
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('frame-ancestors');
    const pages = site.pages();
    expect(pages).toContain('/404.html');
    expect(pages).toContain('/search/');
    const siteStyle = styleHash(site.page('/')('style').text());
    const sitePolicy = withStyleSources(policy!, [siteStyle]);
    for (const page of pages) {
      const $ = site.page(page);
      const hashes = $('style')
        .map((_, style) => styleHash($(style).text()))
        .get();
      const metas = $('meta[http-equiv="Content-Security-Policy"]');
      expect(metas.map((_, m) => $(m).attr('content')).get(), page).toEqual([hashes.length ? withStyleSources(policy!, hashes) : policy]);
      if (hashes.length) expect(withStyleSources(policy!, hashes), page).toBe(sitePolicy);
      expect($('head > *').eq(1).is('meta[http-equiv="Content-Security-Policy"]'), page).toBe(true);
    }
    for (const page of ['/', '/404.html', '/search/']) expect(site.page(page)('head > style').length, page).toBe(1);
    const served = parseHeadersFile(readFileSync(path.join(site.outDir, '_headers'), 'utf8'));
    expect(headersFor(served, '/')['Content-Security-Policy']).toContain(`style-src 'self' ${siteStyle};`);
  });

  it('shows markup in every field as text, never as elements', () => {
    for (const story of FIELD_PAYLOAD_STORIES) {
      const $ = site.page(story);
      expect($('svg, iframe, object, img[src="x"]').length, story).toBe(0);
      expect($('script:not([type="application/ld+json"]):not([src])').length, story).toBe(0);
      const handlers = $('*').filter((_, el) => 'attribs' in el && Object.keys(el.attribs).some((name) => name.startsWith('on')));
      expect(handlers.length, story).toBe(0);
      expect($('[href^="javascript:"], [src^="javascript:"]').length, story).toBe(0);
      expect($.html(), story).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
      expect(outsideAttributes(site, story), story).not.toMatch(/<script>window|<img src=x|<svg onload/);
    }
    const osh = site.page(FIELD_PAYLOAD_STORIES[0]!);
    expect(osh('h1').text()).toBe(`Osh council votes on water quotas ${PAYLOADS.script}`);
  });

  it('keeps structured data intact around a headline that closes the script element', () => {
    const $ = site.page(FIELD_PAYLOAD_STORIES[1]!);
    const data = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse(cheerio.load(s).text()) as { '@type': string; headline?: string })
      .get();
    expect(data.find((d) => d['@type'] === 'NewsArticle')?.headline).toBe(`Border market reopens ${PAYLOADS.jsonLdBreakOut}`);
  });

  it('prints a registry website as the link given, attribute-escaped', () => {
    const page = site.pages().find((p) => p.startsWith('/organizations/osh-water-user'));
    const $ = site.page(page!);
    expect($('a[rel="external"]').attr('href')).toBe('https://owua.example.org/?ref="><script>window.__pwned=1</script>');
    // Every copy of the payload outside attributes (text, structured data) is escaped.
    expect(outsideAttributes(site, page!)).not.toMatch(/<script>window|<img src=x/);
  });

  it('gives feed readers every summary as text: no markup survives in a description', () => {
    const feeds = readdirSync(site.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('feed.xml'));
    const parser = new XMLParser({ processEntities: true });
    let payloadItems = 0;
    for (const feed of feeds) {
      const channel = parser.parse(readFileSync(path.join(site.outDir, feed), 'utf8')).rss.channel as { item?: unknown };
      const items = ([] as { description: string }[]).concat((channel.item ?? []) as { description: string }[]);
      for (const item of items) {
        expect(item.description, feed).not.toMatch(/<[a-z!/]/i);
        if (item.description.includes('&lt;script&gt;') || item.description.includes('&lt;img')) payloadItems++;
      }
    }
    expect(payloadItems).toBeGreaterThan(0);
  });
});
