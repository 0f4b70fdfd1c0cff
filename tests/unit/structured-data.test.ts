import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/lib/article.ts';
import { breadcrumbs, jsonLdText, newsArticle } from '../../src/lib/structured-data.ts';

const absolute = (path: string) => (path.startsWith('http') ? path : `https://news.example.org${path}`);
const publisher = { name: 'Desk', url: 'https://news.example.org/', logo: 'https://news.example.org/logo.png' };
const article: ArticleRecord = {
  file: 'a.md',
  path: '/2025/07/a/',
  slug: 'a',
  title: 'Title',
  summary: 'Summary.',
  date: new Date('2025-07-31T04:30:00Z'),
  year: 2025,
  month: 7,
  organizations: [],
  speakers: [],
  topics: [],
  authors: [{ name: 'Dana Serikova', slug: 'dana-serikova' }],
  draft: false,
  readingMinutes: 2,
  bodyDigest: '',
  aliases: [],
  legacyAliases: [],
  corrections: [],
};

describe('newsArticle', () => {
  it('uses the publication date as the modification date when there is no update', () => {
    expect(newsArticle(article, publisher, absolute)).toMatchObject({
      datePublished: '2025-07-31T04:30:00.000Z',
      dateModified: '2025-07-31T04:30:00.000Z',
    });
  });

  it('leaves out dateline, place and image when the article has none', () => {
    const data = newsArticle(article, publisher, absolute);
    expect(data).not.toHaveProperty('dateline');
    expect(data).not.toHaveProperty('contentLocation');
    expect(data).not.toHaveProperty('image');
  });

  it('keeps an image that is already an absolute URL', () => {
    const withImage = { ...article, image: { src: 'https://cdn.example.org/a.jpg', alt: 'A' } };
    expect(newsArticle(withImage, publisher, absolute).image).toEqual(['https://cdn.example.org/a.jpg']);
  });
});

describe('breadcrumbs', () => {
  it('numbers the trail from 1', () => {
    expect(breadcrumbs([['Home', 'https://x/'], ['Story', 'https://x/s/']]).itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://x/' },
      { '@type': 'ListItem', position: 2, name: 'Story', item: 'https://x/s/' },
    ]);
  });
});

describe('jsonLdText', () => {
  it('escapes "<" so a headline cannot close the script element', () => {
    const text = jsonLdText({ headline: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('</script>');
    expect(JSON.parse(text).headline).toBe('</script><script>alert(1)</script>');
  });
});
