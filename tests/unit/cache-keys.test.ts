import { describe, expect, it } from 'vitest';
import { articlePageKey, entityListKey, entityPageKey, monthPageKey, yearPageKey } from '../../src/lib/build/cache-keys.ts';
import { parseRegistry } from '../../src/lib/content/registry.ts';
import type { ArticleRecord, Registries } from '../../src/lib/model/article.ts';
import { buildNewsroom } from '../../src/lib/model/indexes.ts';
import { articleRecord } from '../support/article-record.ts';

const registries: Registries = {
  organizations: parseRegistry('organizations', '- name: United Nations\n', 'o.yaml').registry,
  people: parseRegistry('people', '', 'p.yaml').registry,
  topics: parseRegistry('topics', '', 't.yaml').registry,
  authors: parseRegistry('authors', '', 'a.yaml').registry,
};

const un = { name: 'United Nations', slug: 'united-nations' };

function article(slug: string, digest: string, extra: Partial<ArticleRecord> = {}) {
  const { id, data } = articleRecord(slug, '2025-06-01T10:00:00Z', {
    title: `Story ${slug}`,
    summary: `Summary of ${slug}`,
    organizations: [un],
    bodyDigest: digest,
    ...extra,
  });
  return { id, data, digest };
}

/** Every key the pages that show `changed` use, with `other` beside it. */
function keys(changed: ReturnType<typeof article>, other = article('other', 'o')) {
  const newsroom = buildNewsroom([changed, other], registries);
  const entity = newsroom.entities.organizations.get('united-nations')!;
  const months = new Map([[6, [changed, other]]]);
  return {
    own: articlePageKey(changed, [], newsroom.entities, 'frame'),
    relatedOf: articlePageKey(other, [changed], newsroom.entities, 'frame'),
    entity: entityPageKey(entity, { data: entity.articles, currentPage: 1, lastPage: 1 }, 'frame'),
    month: monthPageKey(2025, 6, [changed, other], 'frame'),
    year: yearPageKey(2025, months, [2025], 'frame'),
    list: entityListKey('organizations', [entity], 'frame'),
  };
}

describe('cache keys', () => {
  const before = keys(article('a', 'body-1'));

  it('render only the story’s own page again when its body changes', () => {
    const after = keys(article('a', 'body-2', { readingMinutes: 3 }));
    expect(after.own).not.toBe(before.own);
    expect({ ...after, own: undefined }).toEqual({ ...before, own: undefined });
  });

  it('render the pages that list a story when what its teaser shows changes', () => {
    for (const change of [{ title: 'A new headline' }, { summary: 'A new standfirst' }, { date: new Date('2025-06-02T10:00:00Z') }, { lang: 'ru' }]) {
      const after = keys(article('a', 'body-1', change));
      expect(after.relatedOf, JSON.stringify(change)).not.toBe(before.relatedOf);
      expect(after.entity, JSON.stringify(change)).not.toBe(before.entity);
      expect(after.month, JSON.stringify(change)).not.toBe(before.month);
    }
  });

  it('render the year and list pages only when counts, names or roles change', () => {
    const headline = keys(article('a', 'body-1', { title: 'A new headline' }));
    expect(headline.year).toBe(before.year);
    expect(headline.list).toBe(before.list);
    const renamed = keys(article('a', 'body-1'), article('other', 'o', { organizations: [{ name: 'UNICEF', slug: 'unicef' }] }));
    expect(renamed.list).not.toBe(before.list);
  });

  it('change with the frame every page shows', () => {
    const newsroom = buildNewsroom([article('a', 'body-1')], registries);
    const entity = newsroom.entities.organizations.get('united-nations')!;
    expect(entityListKey('organizations', [entity], 'frame')).not.toBe(entityListKey('organizations', [entity], 'other frame'));
    expect(monthPageKey(2025, 6, entity.articles, 'frame')).not.toBe(monthPageKey(2025, 6, entity.articles, 'other frame'));
  });
});
