import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArticles, checkContent, SNIPPET_MAX } from '../../src/lib/content/content-check.ts';
import { loadContentDir } from '../../src/lib/build/snapshot.ts';
import { leaveOutBrokenDrafts } from '../../src/lib/content/loader.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter', url: 'https://news.example.org', base: '/' };
let dir: string;
const options = () => ({ site, publicDir: path.join(dir, 'public'), now: new Date('2025-08-10T12:00:00Z') });

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'content-check-'));
  write('organizations.yaml', '- name: Shanghai Cooperation Organization\n  aliases: [SCO]\n');
  write('people.yaml', '- name: António Guterres\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the summary warning', () => {
  const summary = (length: number) => 'A standfirst that runs on. '.repeat(20).slice(0, length).trim().padEnd(length, 'x');

  it('is quiet for a human-length standfirst of two sentences, and speaks past what social cards show', async () => {
    write('articles/normal.md', `---\ntitle: T\nsummary: ${summary(240)}\ndate: 2025-07-31\n---\nBody.\n`);
    write('articles/long.md', `---\ntitle: T2\nsummary: ${summary(SNIPPET_MAX + 1)}\ndate: 2025-07-31\n---\nBody.\n`);
    const problems = await checkContent(dir, options());
    expect(SNIPPET_MAX).toBe(300);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: expect.stringContaining('long.md'),
        line: 3,
        message: `The summary is ${SNIPPET_MAX + 1} characters; social cards, news apps and search results cut it after about ${SNIPPET_MAX}, mid-sentence.`,
      }),
    ]);
  });
});

describe('near-name warnings', () => {
  it('come with a schema error of the same file, so the writer fixes both in one round', async () => {
    write(
      'articles/summit.md',
      '---\ntitle: Summit\nsummary: S.\ndate: 31/07/2025\norganizations: [Shanghai Cooperation Organisation]\nspeakers: [{ name: Antonio Gutteres, role: Secretary-General }]\n---\nGuterres spoke.\n',
    );
    const problems = await checkContent(dir, options());
    expect(problems.map((p) => [p.severity, p.field, p.line])).toEqual([
      ['error', 'date', 4],
      ['warning', 'organizations[0]', 5],
      ['warning', 'speakers[0]', 6],
    ]);
    expect(problems[2]?.hint).toContain('Did you mean "António Guterres"?');
  });
});

describe('a broken draft', () => {
  it('is an error in the check, and in a production build a warning that says the draft was left out', async () => {
    write('articles/draft.md', '---\ntitle: Half done\nsummary: S.\ndate: someday\ndraft: true\n---\nBody.\n');
    write('articles/valid-draft.md', '---\ntitle: Nearly\nsummary: S.\ndate: 2025-07-31\ndraft: true\n---\nSee [the story](/2025/07/nowhere/).\n');
    write('articles/ok.md', '---\ntitle: Fine\nsummary: S.\ndate: 2025-07-31\n---\nBody.\n');
    write('articles/broken.md', '---\ntitle: Not a draft\nsummary: S.\ndate: someday\n---\nBody.\n');
    const content = await loadContentDir(dir, site);
    const problems = [...content.problems, ...checkArticles(content, options())];
    const errorsIn = (list: typeof problems) =>
      list
        .filter((p) => p.severity === 'error')
        .map((p) => path.basename(p.file))
        .sort();
    expect(errorsIn(problems)).toEqual(['broken.md', 'draft.md', 'valid-draft.md']);

    const production = leaveOutBrokenDrafts(problems, content);
    expect(errorsIn(production.problems)).toEqual(['broken.md']);
    expect(production.problems.filter((p) => p.severity === 'warning')).toEqual([
      expect.objectContaining({
        field: 'date',
        file: expect.stringContaining('draft.md'),
        hint: expect.stringContaining('This draft was left out of the build'),
      }),
      expect.objectContaining({ file: expect.stringContaining('valid-draft.md'), hint: expect.stringContaining('This draft was left out of the build') }),
    ]);
    expect(production.articles.map((a) => a.fields.title)).toEqual(['Fine']);
  });
});

describe('what verification of the built site would reject, reported first by the check', () => {
  it('rejects a link with no text, at its line and column', async () => {
    write(
      'articles/2025-07-31-links.md',
      '---\ntitle: Links\nsummary: S.\ndate: 2025-07-31\n---\nSee [the photos](https://example.org/a) and [ ](https://example.org).\n',
    );
    const problems = await checkContent(dir, options());
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [6, 45, 'The link to https://example.org has no text, so readers cannot see it and screen readers announce only "link".'],
    ]);
  });

  it('rejects an address with a stray %, which no browser can read', async () => {
    write('articles/a.md', '---\ntitle: T\nsummary: S.\ndate: 2025-07-31\naudio: /audio/100%.mp3\n---\nThe [report](/files/100%.pdf).\n');
    const problems = await checkContent(dir, options());
    expect(problems.map((p) => [p.line, p.field, p.message]).sort()).toEqual([
      [5, 'audio', 'The address /audio/100%.mp3 has a "%" that does not start an escape such as %20, so it cannot be read.'],
      [7, undefined, 'The address /files/100%.pdf has a "%" that does not start an escape such as %20, so it cannot be read.'],
    ]);
  });

  it('rejects a lead image named relative to the article when no such file is beside it', async () => {
    write('articles/a.md', '---\ntitle: T\nsummary: S.\ndate: 2025-07-31\nimage: { src: images/a.jpg, alt: A street }\n---\nBody.\n');
    const problems = await checkContent(dir, options());
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'image.src',
        line: 5,
        message: 'The image images/a.jpg does not exist.',
        expected: `a file at ${path.relative(process.cwd(), path.join(dir, 'articles/images/a.jpg'))}`,
      }),
    ]);
  });
});
