import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/lib/model/article.ts';
import rss from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { escapeXml, feedItem, feedOptions, htmlText } from '../../src/lib/site/feeds.ts';
import { newsSitemap } from '../../src/lib/site/news-sitemap.ts';

const absolute = (path: string) => `https://news.example.org${path}`;
function article(slug: string, date: string, extra: Partial<ArticleRecord> = {}) {
  const data: ArticleRecord = {
    file: `${slug}.md`,
    path: `/2025/07/${slug}/`,
    slug,
    title: `Title ${slug}`,
    summary: 'Summary.',
    date: new Date(date),
    year: 2025,
    month: 7,
    organizations: [],
    speakers: [],
    topics: [{ name: 'Water', slug: 'water' }],
    authors: [{ name: 'Tom & Jerry', slug: 'tom-jerry' }],
    draft: false,
    featured: false,
    readingMinutes: 1,
    bodyDigest: '',
    aliases: [],
    legacyAliases: [],
    corrections: [],
    ...extra,
  };
  return { id: slug, data };
}

describe('feedItem', () => {
  it('carries link, date, summary, topics and escaped authors', () => {
    expect(feedItem(article('a', '2025-07-31T04:30:00Z'), absolute, 'Asia/Almaty')).toEqual({
      title: 'Title a',
      link: 'https://news.example.org/2025/07/a/',
      pubDate: new Date('2025-07-31T04:30:00Z'),
      description: 'Summary.',
      categories: ['Water'],
      customData: '<dc:creator>Tom &amp; Jerry</dc:creator>',
    });
  });
});

describe('feed descriptions', () => {
  const summary = 'Deal <b>signed</b> & <script>window.__pwned=1</script> <img src=x onerror="alert(1)">';

  it('carry the summary as HTML that reads as the text, so readers never run markup in it', () => {
    expect(feedItem(article('m', '2025-07-31T04:30:00Z', { summary }), absolute, 'Asia/Almaty').description).toBe(
      'Deal &lt;b&gt;signed&lt;/b&gt; &amp; &lt;script&gt;window.__pwned=1&lt;/script&gt; &lt;img src=x onerror="alert(1)"&gt;',
    );
    expect(htmlText('Tom & Jerry <3')).toBe('Tom &amp; Jerry &lt;3');
  });

  it('survive the feed XML: a reader decoding the XML, then the HTML, gets the summary back', async () => {
    const options = feedOptions(
      { title: 'T', description: 'D', site: 'https://x/', lang: 'en', timeZone: 'Asia/Almaty' },
      [article('m', '2025-07-31T04:30:00Z', { summary })],
      1,
      absolute,
    );
    const xml = await (await rss(options)).text();
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    const description = new XMLParser({ processEntities: true }).parse(xml).rss.channel.item.description as string;
    const decoded = description.replace(/&(lt|gt|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name]!);
    expect(decoded).toBe(summary);
    expect(description).not.toMatch(/<[a-z]/i);
  });

  it('add each correction as a line of text after the summary, dated in the site time zone', async () => {
    const corrections = [{ date: new Date('2025-08-01T20:30:00Z'), text: 'The <b>dam</b> holds 2 km³ & not 20.' }];
    const item = feedItem(article('m', '2025-07-31T04:30:00Z', { corrections }), absolute, 'Asia/Almaty');
    // 20:30 UTC is already Aug 2 in Almaty.
    expect(item.description).toBe('Summary.\n\nCorrection (2 Aug 2025): The &lt;b&gt;dam&lt;/b&gt; holds 2 km³ &amp; not 20.');
    const options = feedOptions(
      { title: 'T', description: 'D', site: 'https://x/', lang: 'en', timeZone: 'Asia/Almaty' },
      [article('m', '2025-07-31T04:30:00Z', { corrections })],
      1,
      absolute,
    );
    const xml = await (await rss(options)).text();
    expect(new XMLParser({ processEntities: true }).parse(xml).rss.channel.item.description).toContain('Correction (2 Aug 2025): The &lt;b&gt;dam');
  });

  it('carry no article body', () => {
    expect(feedItem(article('m', '2025-07-31T04:30:00Z'), absolute, 'Asia/Almaty')).not.toHaveProperty('content');
  });
});

describe('feedOptions', () => {
  it('keeps only the newest items up to the limit', () => {
    const articles = ['c', 'b', 'a'].map((slug, i) => article(slug, `2025-07-0${3 - i}T00:00:00Z`));
    const options = feedOptions({ title: 'T', description: 'D', site: 'https://x/', lang: 'en', timeZone: 'Asia/Almaty' }, articles, 2, absolute);
    expect((options.items as { title: string }[]).map((item) => item.title)).toEqual(['Title c', 'Title b']);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('newsSitemap', () => {
  const now = new Date('2025-08-01T12:00:00Z');

  it('lists the stories of the last two days only, with the article language', () => {
    const xml = newsSitemap(
      [article('new', '2025-08-01T00:00:00Z', { lang: 'ru' }), article('edge', '2025-07-30T12:00:00Z'), article('old', '2025-07-30T11:59:59Z')],
      { name: 'Desk & Co', lang: 'en' },
      now,
      absolute,
    );
    expect(xml).toContain('<loc>https://news.example.org/2025/07/new/</loc>');
    expect(xml).toContain('<news:language>ru</news:language>');
    expect(xml).toContain('<loc>https://news.example.org/2025/07/edge/</loc>');
    expect(xml).not.toContain('/old/');
    expect(xml).toContain('<news:name>Desk &amp; Co</news:name>');
  });

  it('lists at most 1,000 stories', () => {
    const many = Array.from({ length: 1005 }, (_, i) => article(`s${i}`, '2025-08-01T00:00:00Z'));
    expect(newsSitemap(many, { name: 'D', lang: 'en' }, now, absolute).match(/<url>/g)).toHaveLength(1000);
  });
});
