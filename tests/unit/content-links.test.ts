import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent, sitePath, type CheckOptions } from '../../src/lib/content/content-check.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';

let dir: string;
const now = new Date('2026-01-01T00:00:00Z');
const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter', url: 'https://news.example.org', base: '/' };

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function story(date: string, fields: string, body: string) {
  return `---\ntitle: A story\nsummary: What happened.\ndate: ${date}\n${fields}---\n\n${body}\n`;
}

async function check(settings: Partial<CheckOptions['site']> = {}) {
  const problems = await checkContent(dir, { site: { ...site, ...settings }, publicDir: path.join(dir, 'public'), now });
  return problems.map(formatProblem).map((line) => line.replaceAll(`${dir}/`, ''));
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'content-links-'));
  write('public/files/report.pdf', 'pdf');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('old addresses in the content check', () => {
  it('fails two articles listing one old address, naming both files and lines', async () => {
    write('articles/2014/2014-03-19-bazaar-fire.md', story('2014-03-19', 'aliases:\n  - /old/fire.html\n', 'Fire.'));
    write('articles/2014/2014-03-20-bazaar-reopens.md', story('2014-03-20', 'aliases: [/old/reopens/, /old/fire.html]\n', 'Open.'));
    const problems = await check();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^articles\/2014\/2014-03-20-bazaar-reopens\.md:5:26 {2}error {2}aliases\[1\]: The old address \/old\/fire\.html is claimed by this article and by articles\/2014\/2014-03-19-bazaar-fire\.md \(line 6\); it can lead to one story only\./,
    );
  });

  it('fails an old address that is the address of a page of the site', async () => {
    write('articles/2014/2014-03-19-bazaar-fire.md', story('2014-03-19', 'topics: [Trade]\n', 'Fire.'));
    write('articles/2014/2014-03-20-bazaar-reopens.md', story('2014-03-20', 'aliases: [/2014/03/bazaar-fire/, /topics/trade]\n', 'Open.'));
    const problems = await check();
    expect(problems).toEqual([
      expect.stringMatching(
        /aliases\[0\]: The old address \/2014\/03\/bazaar-fire\/ is the address of articles\/2014\/2014-03-19-bazaar-fire\.md; a redirect there would hide that page\./,
      ),
      expect.stringMatching(/aliases\[1\]: The old address \/topics\/trade\/ is the address of a page of the site;/),
    ]);
  });

  it('rejects an old address that is no site path, saying what to write', async () => {
    write('articles/2014-03-19-bazaar-fire.md', story('2014-03-19', 'aliases: ["https://old.example.org/2014/03/19/fire/"]\n', 'Fire.'));
    expect(await check()).toEqual([
      expect.stringMatching(
        /:5:11 {2}error {2}aliases\[0\]: has the wrong form\. Expected a path on this site such as \/2014\/03\/19\/slug\/, not a full web address; found "https:\/\/old/,
      ),
    ]);
  });

  it('accepts links to old addresses, listed or made by legacyPermalinks, and reports one pattern address two articles share', async () => {
    write('articles/2014/2014-03-19-bazaar-fire.md', story('2014-03-19', 'aliases: [/old/fire.html]\n', 'Fire.'));
    write(
      'articles/2014/2014-04-02-inquiry.md',
      story('2014-04-02', '', 'After [the fire](/2014/03/19/bazaar-fire/) ([old page](/old/fire.html)), nothing at [this](/2014/03/20/bazaar-fire/).'),
    );
    expect(await check({ legacyPermalinks: ['/:year/:month/:day/:slug/'] })).toEqual([
      expect.stringMatching(/2014-04-02-inquiry\.md:7:85 {2}error {2}The link \/2014\/03\/20\/bazaar-fire\/ points to no page or file of the site\./),
    ]);
    write('articles/2014/2014-05-01-bazaar-fire.md', story('2014-05-01', '', 'Another fire, in May.'));
    expect(await check({ legacyPermalinks: ['/:year/:slug/', '/:year/:month/:day/:slug/'] })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /aliases: The old address \/2014\/bazaar-fire\/ \(from legacyPermalinks in src\/site\.config\.ts\) is claimed by this article and by articles\/2014\/2014-03-19-bazaar-fire\.md; it can lead to one story only\. Write \/2014\/bazaar-fire\/ in the "aliases" of the story it belonged to/,
        ),
      ]),
    );
  });

  it('reports a link to the old address of a draft as a link to the draft', async () => {
    write('articles/2014-03-19-bazaar-fire.md', story('2014-03-19', 'draft: true\naliases: [/old/fire/]\n', 'Fire.'));
    write('articles/2014-04-02-inquiry.md', story('2014-04-02', '', 'See [the fire](/old/fire/).'));
    expect(await check()).toEqual([expect.stringMatching(/The link \/old\/fire\/ points to a draft/)]);
  });
});

describe('links to article files and relative links in the content check', () => {
  beforeEach(() => {
    write('articles/2015/2015-02-18-agile-workshop.md', story('2015-02-18', '', 'Workshop.'));
    write('articles/2014/summit.md', story('2014-06-01', '', 'Summit one.'));
    write('articles/2016/summit.md', story('2016-06-01', '', 'Summit two.'));
  });

  it('accepts links to article files and relative links that lead to a page or file', async () => {
    write(
      'articles/2015/2015-03-01-follow-up.md',
      story(
        '2015-03-01',
        '',
        [
          'See [the workshop](2015-02-18-agile-workshop.md#day-two), [the first summit](../2014/summit.md).',
          '[The workshop again](../2015-02-18-agile-workshop.md), by its address [relative](../../02/agile-workshop/).',
          '[The report](../../../files/report.pdf) and [this month](../).',
        ].join('\n'),
      ),
    );
    expect(await check()).toEqual([]);
  });

  it('reports a link to no article file, an ambiguous file name and a broken relative link, with line and column', async () => {
    write(
      'articles/2015/2015-03-01-follow-up.md',
      story('2015-03-01', '', ['Intro.', '', 'See [gone](../2013/gone.md) and [which](summit.md).', '', 'And [next](../other-post/).'].join('\n')),
    );
    expect(await check()).toEqual([
      expect.stringMatching(
        /^articles\/2015\/2015-03-01-follow-up\.md:9:5 {2}error {2}The link \.\.\/2013\/gone\.md names no article file\. Expected an article file at .*articles\/2013\/gone\.md, or one article file anywhere called gone\.md; found neither\./,
      ),
      expect.stringMatching(
        /^articles\/2015\/2015-03-01-follow-up\.md:9:33 {2}error {2}The link summit\.md could mean any of 2 articles: .*articles\/2014\/summit\.md, .*articles\/2016\/summit\.md\./,
      ),
      expect.stringMatching(
        /^articles\/2015\/2015-03-01-follow-up\.md:11:5 {2}error {2}The link \.\.\/other-post\/ points to no page or file of the site \(from this story's page it leads to \/2015\/03\/other-post\/\)\./,
      ),
    ]);
  });
});

describe('sitePath', () => {
  it('reads relative links against the page, under the base', () => {
    const news = { url: 'https://news.example.org', base: '/news/' };
    expect(sitePath('../other-post/', news, '/2015/02/x/')).toBe('/2015/02/other-post/');
    expect(sitePath('./photo%20one.jpg', news, '/2015/02/x/')).toBe('/2015/02/x/photo one.jpg');
    expect(sitePath('/news/2015/02/x/#top', news, '/2015/02/x/')).toBe('/2015/02/x/');
    expect(sitePath('https://news.example.org/news/people/a/', news)).toBe('/people/a/');
    expect(sitePath('#top', news, '/2015/02/x/')).toBeUndefined();
    expect(sitePath('//cdn.example.org/x.js', news, '/2015/02/x/')).toBeUndefined();
    expect(sitePath('other/', news)).toBeUndefined();
  });
});
