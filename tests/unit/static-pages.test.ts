import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articlePageKey, entityPageKey, sitePageKey } from '../../src/lib/build/cache-keys.ts';
import { checkContent } from '../../src/lib/content/content-check.ts';
import { loadContentDir } from '../../src/lib/build/snapshot.ts';
import { pageClashes, pageLinks, pageLinksDigest } from '../../src/lib/content/static-pages.ts';
import { checkSiteLinks, siteConfig } from '../../src/site.config.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter', url: 'https://news.example.org', base: '/' };
let dir: string;
const options = () => ({ site, publicDir: path.join(dir, 'public'), now: new Date('2025-08-10T12:00:00Z') });

function write(file: string, text: string | Uint8Array) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

const story = '---\ntitle: Osh water deal\nsummary: A deal.\ndate: 2025-07-31\ntopics: [Water]\n---\nBody.\n';

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'static-pages-'));
  write('articles/2025-07-31-osh-water-deal.md', story);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading pages', () => {
  it('publishes a page at its file name, or at its slug, with footer and menu off unless asked', async () => {
    write('pages/about.md', '---\ntitle: About us\nsummary: Who we are.\nfooter: true\nmenu: true\n---\nWe report.\n');
    write('pages/legal/privacy-notice.md', '---\ntitle: Privacy &amp; cookies\nsummary: None.\nslug: privacy\nupdated: 2025-06-01\n---\nNo cookies.\n');
    const { pages, problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([]);
    const byPath = Object.fromEntries(pages.map(({ fields }) => [fields.path, fields]));
    expect(byPath['/about/']).toMatchObject({ slug: 'about', title: 'About us', footer: true, menu: true });
    expect(byPath['/privacy/']).toMatchObject({ title: 'Privacy & cookies', footer: false, menu: false, updated: new Date('2025-05-31T19:00:00Z') });
    expect(pages.find(({ fields }) => fields.slug === 'about')!.body.trim()).toBe('We report.');
  });

  it('reads Windows line endings and a byte-order mark, and names the line of a byte that is not UTF-8', async () => {
    write('pages/contact.md', '\uFEFF---\r\ntitle: Contact\r\nsummary: Write to us.\r\n---\r\nTips welcome.\r\n');
    write('pages/old.md', Buffer.concat([Buffer.from('---\ntitle: Old\nsummary: '), Buffer.from([0xe9]), Buffer.from('\n---\n')]));
    const { pages, problems } = await loadContentDir(dir, site);
    expect(pages.map(({ fields }) => fields.title)).toEqual(['Contact']);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', file: expect.stringContaining('old.md'), line: 3, expected: 'UTF-8' })]);
  });

  it('is strict like an article: unknown fields with the nearest known one, wrong types, with file, line and field', async () => {
    write('pages/about.md', '---\ntitle: About\nsummary: Who we are.\nfootr: true\nmenu: "yes"\n---\nText.\n');
    const { pages, problems } = await loadContentDir(dir, site);
    expect(pages).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('about.md'),
        line: 4,
        field: 'footr',
        message: 'Unknown field "footr".',
        hint: 'Did you mean "footer"?',
      }),
      expect.objectContaining({ line: 5, field: 'menu', message: 'has the wrong type.', expected: 'true or false', found: '"yes"' }),
    ]);
  });

  it('reports a file in the pages folder that is not Markdown instead of skipping it silently', async () => {
    write('pages/about.html', '<p>About</p>');
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', file: expect.stringContaining('about.html') })]);
  });

  it('needs no pages folder', async () => {
    const { pages, problems } = await loadContentDir(dir, site);
    expect({ pages, problems }).toEqual({ pages: [], problems: [] });
  });
});

describe('page addresses', () => {
  const page = (file: string, slug: string) => ({ file, slug, path: `/${slug}/` });

  it('may not be a section, the search page or a year, whatever the content', () => {
    const problems = pageClashes([page('topics.md', 'topics'), page('search.md', 'search'), page('archive.md', '2031'), page('about.md', 'about')], new Set());
    expect(problems.map((p) => [p.file, p.field, p.message])).toEqual([
      ['topics.md', 'slug', 'This page would be published at /topics/, which is the section /topics/ of the site.'],
      ['search.md', 'slug', 'This page would be published at /search/, which is the search page.'],
      ['archive.md', 'slug', 'This page would be published at /2031/, which is the archive of the year 2031.'],
    ]);
  });

  it('names both pages when two claim one address', () => {
    const problems = pageClashes([page('pages/about.md', 'about'), page('pages/team/about.md', 'about')], new Set());
    expect(problems).toEqual([
      expect.objectContaining({ file: 'pages/team/about.md', message: 'This page and pages/about.md would both be published at /about/.' }),
    ]);
  });

  it('the content check reports a page at a year’s, another page’s or a story’s old address, naming the other file', async () => {
    write('pages/water.md', '---\ntitle: Water\nsummary: Our water coverage.\nslug: osh-water-deal\n---\nText.\n');
    write('pages/2025.md', '---\ntitle: Our year\nsummary: A review.\n---\nText.\n');
    write('pages/about.md', '---\ntitle: About\nsummary: Who we are.\n---\nText.\n');
    write('pages/team/about.md', '---\ntitle: About the team\nsummary: Who we are.\n---\nText.\n');
    const clashes = (await checkContent(dir, options())).filter((p) => p.field === 'slug');
    expect(clashes.map((p) => `${path.basename(p.file)}: ${p.message}`).sort()).toEqual([
      '2025.md: This page would be published at /2025/, which is the archive of the year 2025.',
      `about.md: This page and ${path.join(dir, 'pages/about.md')} would both be published at /about/.`,
    ]);
    // A page's slug is one segment, so a story (/yyyy/mm/slug/) never shares its address; its old addresses may.
    write('articles/2025-07-31-osh-water-deal.md', story.replace('topics: [Water]', 'topics: [Water]\naliases: [/water-deal/]'));
    write('pages/water.md', '---\ntitle: Water\nsummary: Our water coverage.\nslug: water-deal\n---\nText.\n');
    const alias = (await checkContent(dir, options())).find((p) => p.file.endsWith('water.md'));
    expect(alias?.message).toBe(
      `This page would be published at /water-deal/, which is an old address (redirect) of ${path.join(dir, 'articles/2025-07-31-osh-water-deal.md')}.`,
    );
  });

  it('a page’s body gets the stories’ checks: links to nowhere, images without alt text, file links', async () => {
    write(
      'pages/about.md',
      '---\ntitle: About\nsummary: Who we are.\n---\nRead [our story](../articles/2025-07-31-osh-water-deal.md).\n\n![](/images/team.jpg)\n\nSee [the archive](/archive/).\n',
    );
    const problems = (await checkContent(dir, options())).filter((p) => p.file.endsWith('about.md'));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [7, 'The image /images/team.jpg has no alt text.'],
      [7, 'The link /images/team.jpg points to no page or file of the site.'],
      [9, 'The link /archive/ points to no page or file of the site.'],
    ]);
  });

  it('stories may link to a page', async () => {
    write('pages/about.md', '---\ntitle: About\nsummary: Who we are.\n---\nText.\n');
    write('articles/2025-07-31-osh-water-deal.md', story.replace('Body.', 'See [who we are](/about/) and [nothing](/abut/).'));
    const links = (await checkContent(dir, options())).filter((p) => p.message.startsWith('The link'));
    expect(links.map((p) => p.message)).toEqual(['The link /abut/ points to no page or file of the site.']);
  });
});

describe('page links in the footer and the masthead', () => {
  const pages = [
    { title: 'Privacy', path: '/privacy/', footer: true, menu: false },
    { title: 'About us', path: '/about/', footer: true, menu: true },
    { title: 'Jobs', path: '/jobs/', footer: false, menu: false },
  ];

  it('links footer pages and menu pages, each in title order', () => {
    expect(pageLinks(pages)).toEqual({
      footer: [
        { title: 'About us', path: '/about/' },
        { title: 'Privacy', path: '/privacy/' },
      ],
      menu: [{ title: 'About us', path: '/about/' }],
    });
  });

  it('has a digest that changes with a linked page’s title, and only with what is linked', () => {
    const digest = pageLinksDigest(pageLinks(pages));
    expect(pageLinksDigest(pageLinks(pages.map((p) => (p.path === '/about/' ? { ...p, title: 'About' } : p))))).not.toBe(digest);
    expect(pageLinksDigest(pageLinks(pages.map((p) => (p.path === '/jobs/' ? { ...p, title: 'Careers' } : p))))).toBe(digest);
  });
});

describe('page cache keys', () => {
  it('change with the page links every page shows, so a renamed footer page renders every page again', () => {
    const [before, after] = ['a', 'b'].map((title) => pageLinksDigest(pageLinks([{ title, path: '/about/', footer: true, menu: false }])));
    const article = { id: 'x', digest: 'd1', data: { topics: [], organizations: [], speakers: [], authors: [] } } as never;
    const entities = { organizations: new Map(), people: new Map(), topics: new Map(), authors: new Map() } as never;
    expect(articlePageKey(article, [], entities, before!)).not.toBe(articlePageKey(article, [], entities, after!));
    const entity = { kind: 'topics', key: 'water', slug: 'water', name: 'Water', articles: [] } as never;
    const page = { data: [], currentPage: 1, lastPage: 1 };
    expect(entityPageKey(entity, page, before!)).not.toBe(entityPageKey(entity, page, after!));
    expect(sitePageKey({ digest: 'p1', data: {} }, before!)).not.toBe(sitePageKey({ digest: 'p1', data: {} }, after!));
    expect(sitePageKey({ digest: 'p1', data: {} }, before!)).not.toBe(sitePageKey({ digest: 'p2', data: {} }, before!));
  });
});

describe('social links in the site configuration', () => {
  it('takes web addresses with a label, and refuses any other kind of link', () => {
    const social = [{ label: 'Mastodon', url: 'https://mastodon.example.org/@desk' }];
    expect(checkSiteLinks({ ...siteConfig, social }).social).toEqual(social);
    expect(() => checkSiteLinks({ ...siteConfig, social: [...social, { label: 'X', url: 'javascript:alert(1)' }] })).toThrow(
      /social\[1\]\.url in src\/site\.config\.ts has the wrong form\. Expected an address starting with https:\/\//,
    );
    expect(() => checkSiteLinks({ ...siteConfig, social: [{ label: ' ', url: 'https://example.org/' }] })).toThrow(/social\[0\]\.label/);
  });
});
