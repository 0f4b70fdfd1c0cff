import { describe, expect, it } from 'vitest';
import { buildArticle, dateline, type Registries } from '../../src/lib/article.ts';
import { parseMarkdown } from '../../src/lib/frontmatter.ts';
import { emptyRegistry, parseRegistry } from '../../src/lib/registry.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
const registries: Registries = {
  organizations: parseRegistry(
    'organizations',
    '- name: Shanghai Cooperation Organization\n  aliases: [SCO]\n',
    'organizations.yaml',
  ).registry,
  people: parseRegistry('people', '- name: Zhaslan Madiyev\n  role: Minister of Digital Development\n', 'people.yaml')
    .registry,
  topics: parseRegistry('topics', '- name: Open data\n  aliases: [Open government data]\n', 'topics.yaml').registry,
  authors: parseRegistry('authors', '- name: Staff Reporter\n  aliases: [Staff]\n- name: Dana Serikova\n  aliases: [D. Serikova]\n', 'authors.yaml')
    .registry,
};

function build(frontmatter: string, file = 'content/articles/2025-07-31-corridor.md') {
  return buildArticle(file, parseMarkdown(`---\n${frontmatter}\n---\nBody text.\n`, file), registries, site);
}

const valid = 'title: Corridor agreed\nsummary: Ministers agreed.\ndate: 2025-07-31T09:30';

describe('buildArticle', () => {
  it('derives the URL from the date in the site time zone and the file name', () => {
    const { article } = build('title: Late filing\nsummary: Filed after midnight.\ndate: 2025-08-01T00:30');
    expect(article?.path).toBe('/2025/08/corridor/');
  });

  it('prefers the slug field to the file name', () => {
    expect(build(`${valid}\nslug: digital-corridor`).article?.path).toBe('/2025/07/digital-corridor/');
  });

  it('resolves an alias to the canonical organization', () => {
    const { article } = build(`${valid}\norganizations: [SCO, sco, Astana Hub]`);
    expect(article?.organizations).toEqual([
      { name: 'Shanghai Cooperation Organization', slug: 'shanghai-cooperation-organization' },
      { name: 'Astana Hub', slug: 'astana-hub' },
    ]);
  });

  it('takes a speaker’s role from the article, else from the registry', () => {
    const { article } = build(`${valid}\nspeakers:\n  - Zhaslan Madiyev\n  - name: Aigerim Sadykova\n    role: Analyst`);
    expect(article?.speakers).toEqual([
      { name: 'Zhaslan Madiyev', slug: 'zhaslan-madiyev', role: 'Minister of Digital Development' },
      { name: 'Aigerim Sadykova', slug: 'aigerim-sadykova', role: 'Analyst' },
    ]);
  });

  it('resolves topics and authors through their registries, in any letter case', () => {
    const { article } = build(`${valid}\ntopics: [open government data, Water]\nauthors: [d. serikova, Ainur Bekova]`);
    expect(article?.topics).toEqual([
      { name: 'Open data', slug: 'open-data' },
      { name: 'Water', slug: 'water' },
    ]);
    expect(article?.authors).toEqual([
      { name: 'Dana Serikova', slug: 'dana-serikova' },
      { name: 'Ainur Bekova', slug: 'ainur-bekova' },
    ]);
  });

  it('uses the default byline when no author is named', () => {
    expect(build(valid).article?.authors).toEqual([{ name: 'Staff Reporter', slug: 'staff-reporter' }]);
  });

  it('defaults the lists and draft flag', () => {
    const { article } = build(valid);
    expect(article).toMatchObject({ organizations: [], speakers: [], topics: [], draft: false });
  });

  it('names the nearest known field for an unknown one, with its line', () => {
    const { article, problems } = build(`${valid}\norganisations: [SCO]`);
    expect(article).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'content/articles/2025-07-31-corridor.md',
        line: 5,
        field: 'organisations',
        message: 'Unknown field "organisations".',
        hint: 'Did you mean "organizations"?',
      }),
    ]);
  });

  it('reports every problem of a file at once', () => {
    const { problems } = build('summary: ""\ndate: 31.07.2025\nimage:\n  src: /a.jpg');
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['title', 2],
      ['summary', 2],
      ['date', 3],
      ['image.alt', 4],
    ]);
    expect(problems.find((p) => p.field === 'title')).toMatchObject({
      message: 'is required.',
      found: 'nothing (the field is missing)',
    });
    expect(problems.find((p) => p.field === 'date')).toMatchObject({
      expected: expect.stringContaining('ISO 8601'),
      found: '"31.07.2025"',
    });
  });

  it('rejects a date that does not exist', () => {
    const { problems } = build('title: T\nsummary: S\ndate: 2025-02-30');
    expect(problems).toEqual([expect.objectContaining({ field: 'date', message: 'is not a real calendar date or time.' })]);
  });

  it('reports the wrong type with what was found', () => {
    const { problems } = build(`${valid}\ntopics: Energy`);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'topics', expected: 'a list', found: '"Energy"' }),
    ]);
  });

  it('reports unreadable YAML with its line', () => {
    const { problems } = build('summary: S\ntitle: Summit: day one\ndate: 2025-07-31');
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining('The YAML cannot be read') }),
    ]);
  });

  it('reports a file without frontmatter', () => {
    const file = 'x.md';
    const { problems } = buildArticle(file, parseMarkdown('# Just a heading\n', file), registries, site);
    expect(problems[0]).toMatchObject({ file, line: 1, message: 'The article has no frontmatter.' });
  });

  it('keeps an unquoted date-time as the writer typed it (no YAML timestamp conversion)', () => {
    const { article } = build('title: T\nsummary: S\ndate: 2025-07-31T09:30:00');
    expect(article?.date.toISOString()).toBe('2025-07-31T04:30:00.000Z');
  });
});

describe('dateline', () => {
  it('takes the last part as the country', () => {
    expect(dateline('Osh, Kyrgyzstan')).toEqual({
      text: 'Osh, Kyrgyzstan',
      country: { name: 'Kyrgyzstan', slug: 'kyrgyzstan' },
      place: { name: 'Osh', slug: 'osh' },
    });
  });

  it('accepts a country alone', () => {
    expect(dateline('Tajikistan')).toEqual({ text: 'Tajikistan', country: { name: 'Tajikistan', slug: 'tajikistan' }, place: undefined });
  });
});

describe('emptyRegistry', () => {
  it('resolves nothing', () => {
    expect(emptyRegistry('people').resolve('Anyone')).toBeUndefined();
  });
});
