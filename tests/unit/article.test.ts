import { describe, expect, it } from 'vitest';
import { buildArticle, dateline, type Registries } from '../../src/lib/model/article.ts';
import { parseMarkdown } from '../../src/lib/content/frontmatter.ts';
import { emptyRegistry, parseRegistry } from '../../src/lib/content/registry.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
const registries: Registries = {
  organizations: parseRegistry('organizations', '- name: Shanghai Cooperation Organization\n  aliases: [SCO]\n', 'organizations.yaml').registry,
  people: parseRegistry('people', '- name: Zhaslan Madiyev\n  role: Minister of Digital Development\n', 'people.yaml').registry,
  topics: parseRegistry('topics', '- name: Open data\n  aliases: [Open government data]\n', 'topics.yaml').registry,
  authors: parseRegistry('authors', '- name: Staff Reporter\n  aliases: [Staff]\n- name: Dana Serikova\n  aliases: [D. Serikova]\n', 'authors.yaml').registry,
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

  it('reads corrections in the site time zone, oldest first, with entities decoded', () => {
    const { article } = build(
      `${valid}\ncorrections:\n  - date: 2025-08-02T10:00\n    text: The minister&#8217;s name was misspelt.\n  - { date: 2025-08-01, text: The dam holds 2 km³. }`,
    );
    expect(article?.corrections).toEqual([
      { date: new Date('2025-07-31T19:00:00Z'), text: 'The dam holds 2 km³.' },
      { date: new Date('2025-08-02T05:00:00Z'), text: 'The minister’s name was misspelt.' },
    ]);
  });

  it('names the field, line and what is wrong in a correction', () => {
    const { problems } = build(`${valid}\ncorrections:\n  - date: 2 August\n    txt: Wrong.`);
    expect(problems.map((p) => [p.field, p.line, p.message])).toEqual([
      ['corrections[0].date', 6, 'has the wrong form.'],
      ['corrections[0].text', 6, 'is required.'],
      ['corrections[0].txt', 7, 'Unknown field "txt".'],
    ]);
    expect(problems[2]!.hint).toBe('Did you mean "text"?');
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
    expect(problems).toEqual([expect.objectContaining({ field: 'topics', expected: 'a list', found: '"Energy"' })]);
  });

  it('reports unreadable YAML with its line', () => {
    const { problems } = build('summary: S\ntitle: Summit: day one\ndate: 2025-07-31');
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('The YAML cannot be read') })]);
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

describe('buildArticle on an archive as years left it', () => {
  it('says the closing --- is missing, naming the opening line', () => {
    const file = 'x.md';
    const never = buildArticle(file, parseMarkdown('---\ntitle: T\nsummary: S\ndate: 2025-07-31\n', file), registries, site);
    expect(never.problems).toEqual([
      expect.objectContaining({ line: 1, message: 'The frontmatter opened by "---" on line 1 is never closed.', found: 'no closing "---" line' }),
    ]);
    // A horizontal rule further down is not taken for the closing line, with errors on the story's lines.
    const ruled = buildArticle(
      file,
      parseMarkdown('---\ntitle: T\nsummary: S\ndate: 2025-07-31\n\nThe council met on Monday. It said: nothing.\n\n---\n\nMore.\n', file),
      registries,
      site,
    );
    expect(ruled.problems).toEqual([
      expect.objectContaining({
        line: 1,
        message: 'The frontmatter opened by "---" on line 1 is never closed.',
        found: 'the story\'s text on line 6 before any closing "---"',
        hint: 'Add a line "---" after the last field (before line 6).',
      }),
    ]);
  });

  it('decodes HTML entities in the text fields, once, and keeps the result as text', () => {
    const { article, problems } = build(
      [
        'title: Why &ldquo;agilefall&rdquo; failed &amp; what We&#8217;ve learnt',
        'summary: "Tom &amp; Jerry &lt;b&gt;not bold&lt;/b&gt;; &amp;amp; stays &amp;"',
        'date: 2025-07-31',
        'organizations: [Procter &amp; Gamble]',
        'speakers: [{ name: Zhaslan Madiyev, role: "Minister of Energy &amp; Water" }]',
        'authors: [Dana Seri&shy;kova]',
        'image: { src: /i.jpg, alt: "A &quot;quiet&quot; street", caption: Osh &ndash; 2014, credit: "&copy; Staff" }',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(article?.title).toBe('Why \u201Cagilefall\u201D failed & what We\u2019ve learnt');
    expect(article?.summary).toBe('Tom & Jerry <b>not bold</b>; &amp; stays &');
    expect(article?.organizations[0]).toEqual({ name: 'Procter & Gamble', slug: 'procter-gamble' });
    expect(article?.speakers[0]?.role).toBe('Minister of Energy & Water');
    expect(article?.authors[0]?.name).toBe('Dana Seri\u00ADkova');
    expect(article?.image).toMatchObject({ alt: 'A "quiet" street', caption: 'Osh \u2013 2014', credit: '\u00A9 Staff' });
  });

  it('rejects a text that decodes to nothing or to a control character', () => {
    const { article, problems } = build('title: "&nbsp;"\nsummary: "Bell&#7;"\ndate: 2025-07-31');
    expect(article).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ field: 'title', line: 2, message: 'must not be empty.', found: '"&nbsp;"' }),
      expect.objectContaining({ field: 'summary', line: 3, message: expect.stringContaining('control character U+0007') }),
    ]);
  });

  it('rejects a dateline with an empty place or country', () => {
    for (const location of ['"Osh, "', '", Kyrgyzstan"', '"Osh,,Kyrgyzstan"']) {
      const { problems } = build(`${valid}\nlocation: ${location}`);
      expect(problems, location).toEqual([expect.objectContaining({ field: 'location', line: 5, message: 'has the wrong form.' })]);
    }
  });

  it('rejects a name with no letters or digits instead of publishing a page for it', () => {
    const { article, problems } = build(`${valid}\nlocation: "Osh, \u2014"\ntopics: [Water, "???"]\nauthors: ["&mdash;"]`);
    expect(article).toBeUndefined();
    expect(problems.map((p) => [p.field, p.line, p.message])).toEqual([
      ['topics[1]', 6, 'The name has no letters or digits, so its page would have no address.'],
      ['authors[0]', 7, 'The name has no letters or digits, so its page would have no address.'],
      ['location', 5, 'The name has no letters or digits, so its page would have no address.'],
    ]);
  });

  it('rejects a file name with no letters or digits unless a slug is given', () => {
    expect(build(valid, 'content/articles/2025-07-31-\u2014.md').problems).toEqual([
      expect.objectContaining({ field: 'slug', message: 'The file name has no letters or digits to make the address from.' }),
    ]);
    expect(build(`${valid}\nslug: dash`, 'content/articles/2025-07-31-\u2014.md').problems).toEqual([]);
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
