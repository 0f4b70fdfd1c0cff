import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/lib/model/article.ts';
import { buildNewsroom } from '../../src/lib/model/indexes.ts';
import { lastModified } from '../../src/lib/model/lastmod.ts';
import { emptyRegistries } from '../../src/lib/content/registry.ts';

const topic = { name: 'Water', slug: 'water' };
function article(i: number, extra: Partial<ArticleRecord> = {}) {
  const date = new Date(Date.UTC(2025, 0, 1 + i));
  const data: ArticleRecord = {
    file: `${i}.md`,
    path: `/2025/01/a${i}/`,
    slug: `a${i}`,
    title: `A${i}`,
    summary: 'S.',
    date,
    year: 2025,
    month: 1,
    organizations: [],
    speakers: [],
    topics: [topic],
    authors: [{ name: 'Staff', slug: 'staff' }],
    draft: false,
    featured: false,
    readingMinutes: 1,
    bodyDigest: '',
    aliases: [],
    legacyAliases: [],
    corrections: [],
    ...extra,
  };
  return { id: data.path, data };
}

describe('lastModified', () => {
  // 25 stories on one topic: page 1 holds the newest 20, page 2 the oldest 5.
  const articles = Array.from({ length: 25 }, (_, i) => article(i));
  articles[2] = article(2, { updated: new Date('2025-03-01T00:00:00Z') });
  const dates = lastModified(buildNewsroom(articles, emptyRegistries()));

  it('dates an article by its update, else its publication', () => {
    expect(dates.get('/2025/01/a2/')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(dates.get('/2025/01/a3/')?.toISOString()).toBe('2025-01-04T00:00:00.000Z');
  });

  it('dates each page of a list by the newest story on it', () => {
    expect(dates.get('/topics/water/')?.toISOString()).toBe('2025-01-25T00:00:00.000Z');
    // Page 2 holds stories 0-4, one of them updated in March.
    expect(dates.get('/topics/water/2/')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('dates the home page and the archives by their newest change', () => {
    expect(dates.get('/')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(dates.get('/2025/01/')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(dates.get('/topics/')?.toISOString()).toBe('2025-01-25T00:00:00.000Z');
  });
});
