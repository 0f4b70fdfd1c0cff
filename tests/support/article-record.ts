import type { ArticleRecord } from '../../src/lib/model/article.ts';

/** A published article's stored record with every field at its default, dated `date` (UTC). */
export function articleRecord(slug: string, date: string, extra: Partial<ArticleRecord> = {}): { id: string; data: ArticleRecord } {
  const d = new Date(date);
  const data: ArticleRecord = {
    file: `${slug}.md`,
    path: `/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slug}/`,
    slug,
    title: slug,
    summary: slug,
    date: d,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    organizations: [],
    speakers: [],
    topics: [],
    authors: [{ name: 'Staff Reporter', slug: 'staff-reporter' }],
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
