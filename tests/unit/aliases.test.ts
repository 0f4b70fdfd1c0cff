import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aliasFile, aliasOwners, aliasProblem, expandPermalinks, normalizeAlias, type AliasedArticle } from '../../src/lib/model/aliases.ts';
import { validatePages } from '../../src/lib/verify/html-validation.ts';
import type { ArticleFields } from '../../src/lib/model/article.ts';
import { publishedRedirects, redirectPage, redirectsLines } from '../../src/lib/site/redirects.ts';

describe('aliasProblem and normalizeAlias', () => {
  it.each([
    ['/2014/03/19/osh-bazaar-fire/', '/2014/03/19/osh-bazaar-fire/'],
    ['/2014/03/19/osh-bazaar-fire', '/2014/03/19/osh-bazaar-fire/'],
    ['  /old//bazaar.html ', '/old/bazaar.html'],
    ['/old/bazaar/index.html', '/old/bazaar/'],
    ['/news/%D0%BF%D0%BE%D0%B6%D0%B0%D1%80/', '/news/пожар/'],
    ['/2014/03/19/v1.2', '/2014/03/19/v1.2/'],
    ['/OLD/Story.HTM', '/OLD/Story.HTM'],
  ])('accepts %s as %s', (value, normalized) => {
    expect(aliasProblem(value)).toBeUndefined();
    expect(normalizeAlias(value)).toBe(normalized);
  });

  it.each([
    ['https://old.example.org/2014/03/19/x/', /not a full web address/],
    ['//old.example.org/x/', /not a full web address/],
    ['2014/03/19/x/', /starting with \//],
    ['/story.php?id=12', /without \? or #/],
    ['/x/#top', /without \? or #/],
    ['/old story/', /without spaces/],
    ['/bad%zz/', /percent escape/],
    ['/a/../b/', /\. or \.\. segments/],
    ['/', /not the home page/],
    ['/index.html', /not the home page/],
    ['/old/story.php', /ending in \/ or \.html/],
  ])('rejects %s', (value, problem) => {
    expect(aliasProblem(value)).toMatch(problem);
  });
});

describe('aliasFile', () => {
  it('puts a folder address in its index.html and keeps an .html address as the file', () => {
    expect(aliasFile('/2014/03/19/x/')).toBe('2014/03/19/x/index.html');
    expect(aliasFile('/old/x.html')).toBe('old/x.html');
  });
});

describe('expandPermalinks', () => {
  const values = { year: '2014', month: '03', day: '09', slug: 'osh-bazaar-fire' };

  it('fills in every token', () => {
    expect(expandPermalinks(['/:year/:month/:day/:slug/', '/archives/:slug.html', '/:year/:slug'], values)).toEqual([
      '/2014/03/09/osh-bazaar-fire/',
      '/archives/osh-bazaar-fire.html',
      '/2014/osh-bazaar-fire/',
    ]);
  });

  it('names an unknown token or a pattern that gives no site path', () => {
    expect(() => expandPermalinks(['/:year/:title/'], values)).toThrow(/unknown token :title in \/:year\/:title\/; use :year :month :day :slug/);
    expect(() => expandPermalinks([':year/:slug/'], values)).toThrow(/gives 2014\/osh-bazaar-fire\/, which expected a path from the site root/);
  });
});

describe('aliasOwners', () => {
  const article = (file: string, aliases: string[], legacyAliases: string[] = []): AliasedArticle => ({
    file,
    path: `/2015/02/${file}/`,
    aliases,
    legacyAliases,
  });

  it('reports two articles that list one old address, and not an article that lists its own address', () => {
    const a = article('a', ['/old/x/']);
    const b = article('b', ['/old/y/', '/old/x/']);
    const own = article('c', ['/2015/02/c/']);
    const { owners, conflicts } = aliasOwners([a, b, own]);
    expect(owners.get('/old/x/')).toEqual({ article: a, index: 0 });
    expect(owners.has('/2015/02/c/')).toBe(false);
    expect(conflicts).toEqual([{ alias: '/old/x/', claim: { article: b, index: 1 }, owner: { article: a, index: 0 } }]);
  });

  it('gives an address a pattern made to the article that lists it, whatever the order', () => {
    const byPattern = article('a', [], ['/2014/03/19/fire/']);
    const listed = article('b', ['/2014/03/19/fire/']);
    const { owners, conflicts } = aliasOwners([byPattern, listed]);
    expect(owners.get('/2014/03/19/fire/')?.article).toBe(listed);
    expect(conflicts).toEqual([]);
  });

  it('reports one address a pattern makes for two articles', () => {
    const a = article('a', [], ['/fire/']);
    const b = article('b', [], ['/fire/']);
    expect(aliasOwners([a, b]).conflicts).toEqual([{ alias: '/fire/', claim: { article: b }, owner: { article: a } }]);
  });
});

describe('redirect pages and _redirects', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'redirects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const redirect = { from: '/2014/03/19/fire/', to: '/2014/03/osh-bazaar-fire/', title: 'Fire at the "Osh" bazaar & <market>' };
  const site = { url: 'https://news.example.org', base: '/news/', lang: 'en' };

  it('sends readers and search engines on to the article, with valid HTML and no script', async () => {
    const html = redirectPage(redirect, site);
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/news/2014/03/osh-bazaar-fire/">');
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/news/2014/03/osh-bazaar-fire/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/news/2014/03/osh-bazaar-fire/">Fire at the &quot;Osh&quot; bazaar &amp; &lt;market&gt;</a>');
    expect(html).toMatch(/<title>Moved: Fire at the/);
    expect(html).not.toMatch(/<script/i);
    const file = path.join(dir, 'redirect.html');
    writeFileSync(file, html);
    const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as Record<string, unknown>;
    const reports = await validatePages([{ file }], config);
    expect(reports[0]!.messages).toEqual([]);
  });

  it('writes one 301 line a redirect, with the base and escaped paths', () => {
    expect(redirectsLines([redirect, { from: '/old/пожар.html', to: '/2014/03/fire/', title: 'x' }], '/news/')).toBe(
      '/news/2014/03/19/fire/ /news/2014/03/osh-bazaar-fire/ 301\n/news/old/%D0%BF%D0%BE%D0%B6%D0%B0%D1%80.html /news/2014/03/fire/ 301\n',
    );
    expect(redirectsLines([redirect], '/')).toBe('/2014/03/19/fire/ /2014/03/osh-bazaar-fire/ 301\n');
  });
});

describe('publishedRedirects', () => {
  const article = (slug: string, fields: Partial<ArticleFields>) =>
    ({
      file: `${slug}.md`,
      path: `/2014/03/${slug}/`,
      title: slug,
      date: new Date('2014-03-19'),
      draft: false,
      aliases: [],
      legacyAliases: [],
      ...fields,
    }) as ArticleFields;

  it('leads each old address of a published article to it, a listed address over a pattern’s, in address order', () => {
    const fire = article('fire', { aliases: ['/old/fire.html'], legacyAliases: ['/2014/03/19/fire/'] });
    const photos = article('photos', { legacyAliases: ['/old/fire.html', '/2014/03/19/photos/'] });
    const draft = article('draft', { draft: true, aliases: ['/old/draft/'] });
    const scheduled = article('later', { date: new Date('2030-01-01'), aliases: ['/old/later/'] });
    expect(publishedRedirects([photos, fire, draft, scheduled], new Date('2026-01-01'))).toEqual([
      { from: '/2014/03/19/fire/', to: '/2014/03/fire/', title: 'fire' },
      { from: '/2014/03/19/photos/', to: '/2014/03/photos/', title: 'photos' },
      { from: '/old/fire.html', to: '/2014/03/fire/', title: 'fire' },
    ]);
  });
});
