import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/lib/model/article.ts';
import { breadcrumbs, jsonLdText, newsArticle } from '../../src/lib/site/structured-data.ts';

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
  featured: false,
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

  it('gives each correction as a CorrectionComment, and the latest correction or update as the modification date', () => {
    const corrected = {
      ...article,
      updated: new Date('2025-08-01T06:00:00Z'),
      corrections: [
        { date: new Date('2025-07-31T10:00:00Z'), text: 'The dam holds 2 km³, not 20.' },
        { date: new Date('2025-08-02T09:15:00Z'), text: 'The minister’s name was misspelt.' },
      ],
    };
    expect(newsArticle(corrected, publisher, absolute)).toMatchObject({
      dateModified: '2025-08-02T09:15:00.000Z',
      correction: [
        { '@type': 'CorrectionComment', datePublished: '2025-07-31T10:00:00.000Z', text: 'The dam holds 2 km³, not 20.' },
        { '@type': 'CorrectionComment', datePublished: '2025-08-02T09:15:00.000Z', text: 'The minister’s name was misspelt.' },
      ],
    });
    const earlier = { ...corrected, corrections: corrected.corrections.slice(0, 1) };
    expect(newsArticle(earlier, publisher, absolute).dateModified).toBe('2025-08-01T06:00:00.000Z');
    expect(newsArticle(article, publisher, absolute)).not.toHaveProperty('correction');
  });

  it('keeps an image that is already an absolute URL', () => {
    const withImage = { ...article, image: { src: 'https://cdn.example.org/a.jpg', alt: 'A' } };
    expect(newsArticle(withImage, publisher, absolute).image).toEqual(['https://cdn.example.org/a.jpg']);
  });
});

describe('breadcrumbs', () => {
  it('numbers the trail from 1', () => {
    expect(
      breadcrumbs([
        ['Home', 'https://x/'],
        ['Story', 'https://x/s/'],
      ]).itemListElement,
    ).toEqual([
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
