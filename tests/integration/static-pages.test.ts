/**
 * The newsroom's own pages, the footer and masthead, and corrections, in a built site: a small
 * newsroom with an About page (footer and menu), a Contact page (footer), a page linked nowhere,
 * and a story with an update, two corrections and related stories with images.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, newWorkDir, type BuiltSite } from '../support/build-site.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STORY = '/2025/08/nurek-reservoir-levels/';

function writeNewsroom(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'static-pages-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write(
    'pages/about.md',
    '---\ntitle: About us\nsummary: Who we are and how we work.\nslug: about\nfooter: true\nmenu: true\n---\n\nSteppe Dispatch reports on **Central Asia**.\n\n## How we work\n\nRead the [story on Nurek](../2025/08/2025-08-04-nurek-reservoir-levels.md).\n',
  );
  write('pages/contact.md', '---\r\ntitle: Contact\r\nsummary: How to reach the newsroom.\r\nfooter: true\r\n---\r\nWrite to tips@news.example.org.\r\n');
  write('pages/jobs.md', '---\ntitle: Jobs\nsummary: Work with us.\nupdated: 2025-06-01\n---\nNo openings at the moment.\n');
  const story = (file: string, fields: string, body: string) => write(`articles/2025/08/${file}`, `---\n${fields}\n---\n\n${body}\n`);
  story(
    '2025-08-04-nurek-reservoir-levels.md',
    [
      'title: Nurek reservoir falls to its lowest August level in a decade',
      'summary: Tajikistan’s largest reservoir is eight metres below normal, and winter power cuts are likely.',
      'date: 2025-08-04T09:00',
      'updated: 2025-08-05T10:00',
      'corrections:',
      '  - date: 2025-08-04T18:30',
      '    text: An earlier version gave the dam’s height as 300 metres. It is 300 metres from its base, 320 with the crest.',
      '  - date: 2025-08-06T08:00',
      '    text: The reservoir is eight metres below normal, not eighteen.',
      'location: Nurek, Tajikistan',
      'topics: [Water, Energy]',
    ].join('\n'),
    'The level of the Nurek reservoir fell to its lowest August mark in a decade, the operator said.',
  );
  for (const [slug, title] of [
    ['rogun-turbine-two', 'Rogun’s second turbine starts turning'],
    ['vakhsh-cascade-repairs', 'Repairs on the Vakhsh cascade finish early'],
  ]) {
    story(
      `2025-08-0${(slug.length % 3) + 1}-${slug}.md`,
      `title: ${title}\nsummary: A water and energy story.\ndate: 2025-08-01T09:00\ntopics: [Water, Energy]\nimage: { src: /images/amu-darya.svg, alt: A river across a plain }`,
      'The turbines of the cascade turn again.',
    );
  }
  return dir;
}

let contentDir: string;
let work: string;
let site: BuiltSite;
beforeAll(() => {
  contentDir = writeNewsroom();
  work = newWorkDir();
  site = buildSite(contentDir, {}, work);
  if (site.status !== 0) throw new Error(`build failed:\n${site.output}`);
}, 300_000);
afterAll(() => {
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('a static page', () => {
  it('is published at /<slug>/ with its Markdown rendered, and is no story for the search index', () => {
    const $ = site.page('/about/');
    expect($('h1').text()).toBe('About us');
    expect($('title').text()).toBe('About us · Steppe Dispatch');
    expect($('meta[name="description"]').attr('content')).toBe('Who we are and how we work.');
    expect($('.site-page strong').text()).toBe('Central Asia');
    // The stories' pipeline: heading ids, and links to article files written as their addresses.
    expect($('.site-page h2').attr('id')).toBe('how-we-work');
    expect($('.site-page a[href="/2025/08/nurek-reservoir-levels/"]').text()).toBe('story on Nurek');
    expect($('[data-pagefind-body]')).toHaveLength(0);
    expect(site.page('/contact/')('h1').text()).toBe('Contact');
    expect(site.page('/jobs/')('.site-page .meta time').attr('datetime')).toBe('2025-06-01T00:00:00+05:00');
  });

  it('is in the sitemap, and in no feed and not in the news sitemap', () => {
    const read = (file: string) => readFileSync(path.join(site.outDir, file), 'utf8');
    const sitemaps = read('sitemap-0.xml');
    expect(sitemaps).toContain('/about/</loc>');
    expect(sitemaps).toContain('/jobs/</loc><lastmod>2025-05-31T19:00:00.000Z</lastmod>');
    expect(read('news-sitemap.xml')).not.toContain('/about/');
    expect(read('feed.xml')).not.toContain('/about/');
  });
});

describe('every page’s frame', () => {
  it('links the footer pages in the footer, the menu pages after the sections, and the masthead name home', () => {
    for (const page of ['/', STORY, '/topics/water/', '/about/']) {
      const $ = site.page(page);
      const footer = $('.site-footer nav a')
        .map((_, a) => `${$(a).text()} ${$(a).attr('href')}`)
        .get();
      expect(footer, page).toEqual(expect.arrayContaining(['About us /about/', 'Contact /contact/', 'RSS feed /feed.xml']));
      expect(footer.join(), page).not.toContain('Jobs');
      expect($('.sections li a').last().text(), page).toBe('About us');
      expect($('.masthead a.brand').attr('href'), page).toBe('/');
    }
    expect(site.page('/about/')('.sections a[aria-current="page"]').text()).toBe('About us');
  });

  it('carries the configured social links and the newsletter form', () => {
    const $ = site.page('/about/');
    expect(
      $('.site-footer a[rel="me"]')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['https://mastodon.example.org/@steppedispatch', 'https://bsky.example.org/profile/steppedispatch', 'https://t.example.org/steppedispatch']);
    expect($('.site-footer .newsletter form').attr('action')).toBe('https://newsletter.example.org/subscribe');
    // One form per page: the article page no longer has one of its own.
    expect(site.page(STORY)('#newsletter-email')).toHaveLength(1);
  });
});

describe('a corrected story', () => {
  it('shows the update under the headline and the corrections at its end, oldest first', () => {
    const $ = site.page(STORY);
    expect($('.story-header .meta').text()).toContain('Updated 5 August 2025, 10:00 Almaty time');
    const items = $('.corrections li')
      .map((_, li) => [[$(li).find('time').attr('datetime'), $(li).find('span').text()]])
      .get();
    expect($('.corrections h2').text()).toBe('Corrections');
    expect(items).toEqual([
      ['2025-08-04T18:30:00+05:00', 'An earlier version gave the dam’s height as 300 metres. It is 300 metres from its base, 320 with the crest.'],
      ['2025-08-06T08:00:00+05:00', 'The reservoir is eight metres below normal, not eighteen.'],
    ]);
  });

  it('gives the corrections in its structured data, modified at the latest of them', () => {
    const $ = site.page(STORY);
    const article = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get()
      .find((data: { '@type': string }) => data['@type'] === 'NewsArticle');
    expect(article.dateModified).toBe('2025-08-06T03:00:00.000Z');
    expect(article.correction).toEqual([
      expect.objectContaining({ '@type': 'CorrectionComment', datePublished: '2025-08-04T13:30:00.000Z' }),
      { '@type': 'CorrectionComment', datePublished: '2025-08-06T03:00:00.000Z', text: 'The reservoir is eight metres below normal, not eighteen.' },
    ]);
  });

  it('mentions the correction in its feed item', () => {
    const feed = readFileSync(path.join(site.outDir, 'feed.xml'), 'utf8');
    const item = feed.split('<item>').find((i) => i.includes(STORY))!;
    expect(item).toContain('Correction (6 Aug 2025): The reservoir is eight metres below normal, not eighteen.');
  });

  it('shows its related stories with thumbnails', () => {
    const $ = site.page(STORY);
    const thumbs = $('.related img.story-image-thumb');
    expect(thumbs).toHaveLength(2);
    expect(thumbs.first().attr('alt')).toBe('A river across a plain');
    expect(thumbs.first().attr('loading')).toBe('lazy');
  });
});

describe('a rebuild after a footer page is renamed', () => {
  it('shows the new title on pages copied from the previous build too', () => {
    const file = path.join(contentDir, 'pages/contact.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Contact', 'title: Contact the newsroom'));
    site = buildSite(contentDir, {}, work);
    expect(site.status, site.output).toBe(0);
    for (const page of ['/', STORY, '/topics/water/', '/about/']) {
      expect(site.page(page)('.site-footer nav a[href="/contact/"]').text(), page).toBe('Contact the newsroom');
    }
  }, 300_000);
});

describe('npm run check', () => {
  it('fails on a page whose address clashes with a section or another page, naming both', () => {
    const clashing = writeNewsroom();
    try {
      writeFileSync(path.join(clashing, 'pages/topics.md'), '---\ntitle: Our topics\nsummary: What we cover.\n---\nText.\n');
      writeFileSync(path.join(clashing, 'pages/about-us.md'), '---\ntitle: About\nsummary: Us.\nslug: about\n---\nText.\n');
      const result = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CONTENT_DIR: clashing },
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('topics.md:1:1  error  slug: This page would be published at /topics/, which is the section /topics/ of the site.');
      expect(result.stdout).toMatch(/about(-us)?\.md:1:1 {2}error {2}slug: This page and \S+about(-us)?\.md would both be published at \/about\/\./);
    } finally {
      rmSync(clashing, { recursive: true, force: true });
    }
  }, 120_000);
});
