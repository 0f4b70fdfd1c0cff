import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/lib/build/snapshot.ts';
import { resolveContentDir } from '../../src/lib/content/content-root.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
let dir: string;

function write(file: string, text: string | Uint8Array) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function articleText(fields: string) {
  return `---\ntitle: A story\nsummary: What happened.\ndate: 2025-07-31\n${fields}\n---\nBody.\n`;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'content-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadContentDir', () => {
  it('reads articles at any depth and resolves names through the registries', async () => {
    write('organizations.yaml', '- name: Shanghai Cooperation Organization\n  aliases: [SCO]\n');
    write('articles/2025/07/deep/2025-07-31-summit.md', articleText('organizations: [SCO]'));
    write('articles/top.md', articleText(''));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.fields.path).sort()).toEqual(['/2025/07/summit/', '/2025/07/top/']);
    expect(articles.find((a) => a.fields.slug === 'summit')?.fields.organizations[0]?.name).toBe('Shanghai Cooperation Organization');
    expect(articles[0]?.body.trim()).toBe('Body.');
  });

  it('fails two articles with one URL, naming both files', async () => {
    write('articles/a/osh.md', articleText(''));
    write('articles/b/2025-07-31-osh.md', articleText(''));
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/articles\/b\/2025-07-31-osh\.md|articles\/a\/osh\.md/);
    expect(`${problems[0]?.file} ${problems[0]?.message}`).toContain('a/osh.md');
    expect(`${problems[0]?.file} ${problems[0]?.message}`).toContain('b/2025-07-31-osh.md');
    expect(problems[0]?.message).toContain('/2025/07/osh/');
  });

  it('makes names that differ in case or accents one entity, under the spelling most articles use', async () => {
    write('articles/a.md', articleText('topics: [Design]\nauthors: [Gabriel Ramírez]'));
    write('articles/b.md', articleText('topics: [design]\nauthors: [Gabriel Ramirez]'));
    write('articles/c.md', articleText('topics: [Water, design]\nauthors: [Gabriel Ramírez]\nlocation: osh, Kyrgyzstan'));
    write('articles/d.md', articleText('location: Osh, kyrgyzstan'));
    write('articles/e.md', articleText('location: Osh, Kyrgyzstan'));
    const { articles, problems } = await loadContentDir(dir, site);
    const of = (slug: string) => articles.find((a) => a.fields.slug === slug)!.fields;
    expect(['a', 'b', 'c'].map((slug) => of(slug).topics.find((t) => t.slug === 'design')?.name)).toEqual(['design', 'design', 'design']);
    expect(['a', 'b', 'c'].map((slug) => of(slug).authors[0]?.name)).toEqual(['Gabriel Ramírez', 'Gabriel Ramírez', 'Gabriel Ramírez']);
    expect(['c', 'd', 'e'].map((slug) => of(slug).location?.text)).toEqual(['Osh, Kyrgyzstan', 'Osh, Kyrgyzstan', 'Osh, Kyrgyzstan']);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.field} ${p.found}`).sort()).toEqual([
      'a.md:5 topics[0] "Design"',
      'b.md:6 authors[0] "Gabriel Ramirez"',
      'c.md:7 location "osh"',
      'd.md:5 location "kyrgyzstan"',
    ]);
  });

  it('words the warning with both spellings, the shared page and what to do', async () => {
    write('articles/a.md', articleText('topics: [Open data]'));
    write('articles/b.md', articleText('topics: [open data]'));
    write('articles/c.md', articleText('topics: [Open data]'));
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: expect.stringMatching(/articles\/b\.md$/),
        line: 5,
        column: 10,
        field: 'topics[0]',
        message: '"open data" and "Open data" are one topic with one page, /topics/open-data/; it is shown as "Open data", the spelling of 2 of 3 articles.',
        expected: '"Open data"',
        found: '"open data"',
        hint: 'Write "Open data", or register the topic in topics.yaml (with "open data" among its aliases) to choose how it is spelt.',
      },
    ]);
  });

  it('breaks a tie by the first spelling in code-point order, whatever the order of the files', async () => {
    write('articles/a.md', articleText('speakers: [Kassym Tokáyev]'));
    write('articles/b.md', articleText('speakers: [Kassym Tokayev]'));
    write('articles/c.md', articleText('organizations: [open society]'));
    write('articles/d.md', articleText('organizations: [Open Society]'));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(new Set(articles.map((a) => a.fields.speakers[0]?.name ?? a.fields.organizations[0]?.name))).toEqual(new Set(['Kassym Tokayev', 'Open Society']));
    expect(problems.map((p) => `${path.basename(p.file)} ${p.found}`).sort()).toEqual(['a.md "Kassym Tokáyev"', 'c.md "open society"']);
  });

  it('uses the registry name over any majority, and suggests the spelling as an alias', async () => {
    write('people.yaml', '- name: Kassym Tokayev\n');
    write('articles/a.md', articleText('speakers:\n  - name: Kassym Tokáyev\n    role: President'));
    write('articles/b.md', articleText('speakers: [Kassym Tokáyev]'));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(articles.map((a) => a.fields.speakers[0]?.name)).toEqual(['Kassym Tokayev', 'Kassym Tokayev']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      field: 'speakers[0]',
      line: 6,
      message: expect.stringContaining('it is shown as "Kassym Tokayev", its name in people.yaml.'),
      hint: 'Write "Kassym Tokayev", or add "Kassym Tokáyev" to its aliases in people.yaml.',
    });
  });

  it('reports problems of every file and of the registries together', async () => {
    write('people.yaml', '- name: Aida Musina\n  aliases: [Musina]\n- name: Aidar Musin\n  aliases: [musina]\n');
    write('articles/one.md', articleText('organisations: [UN]'));
    write('articles/two.md', '---\nsummary: No title.\ndate: 2025-07-31\n---\n');
    const { problems } = await loadContentDir(dir, site);
    expect(problems.map((p) => path.basename(p.file)).sort()).toEqual(['one.md', 'people.yaml', 'two.md']);
  });

  it('says when the articles folder is missing', async () => {
    const { problems } = await loadContentDir(dir, site);
    expect(problems[0]?.message).toBe('The content directory has no articles folder.');
  });
});

describe('resolveContentDir', () => {
  it('defaults to content/ and resolves CONTENT_DIR against the working directory', () => {
    expect(resolveContentDir({}, '/site')).toBe('/site/content');
    expect(resolveContentDir({ CONTENT_DIR: 'desk/content' }, '/site')).toBe('/site/desk/content');
    expect(resolveContentDir({ CONTENT_DIR: '/srv/newsroom' }, '/site')).toBe('/srv/newsroom');
  });
});

describe('loadContentDir on an archive as years left it', () => {
  it('follows symbolic links to archive folders and to single files', async () => {
    write('archive-2014/2014-03-02-bazaar-fire.md', articleText('slug: bazaar-fire'));
    write('archive-2014/04/2014-04-11-river-ice.md', articleText('slug: river-ice'));
    write('elsewhere/2014-05-01-single.md', articleText('slug: single'));
    write('articles/2025/today.md', articleText(''));
    symlinkSync(path.join(dir, 'archive-2014'), path.join(dir, 'articles/2014'));
    symlinkSync('../../elsewhere/2014-05-01-single.md', path.join(dir, 'articles/2025/single.md'));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.fields.file.replace(/^.*articles\//, '')).sort()).toEqual([
      '2014/04/2014-04-11-river-ice.md',
      '2014/2014-03-02-bazaar-fire.md',
      '2025/single.md',
      '2025/today.md',
    ]);
  });

  it('reports a symbolic link back into its own folder by name, and does not walk it for ever', async () => {
    write('articles/2025/today.md', articleText(''));
    symlinkSync('..', path.join(dir, 'articles/2025/again'));
    symlinkSync('b', path.join(dir, 'articles/a'));
    symlinkSync('a', path.join(dir, 'articles/b'));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(articles).toHaveLength(1);
    expect(problems.map((p) => [p.severity, p.file.replace(/^.*articles\//, 'articles/')]).sort()).toEqual([
      ['error', 'articles/2025/again'],
      ['error', 'articles/a'],
      ['error', 'articles/b'],
    ]);
    expect(problems[0]?.message).toContain('symbolic link leads back into a folder it is already in');
  });

  it('reports a symbolic link to nothing', async () => {
    write('articles/today.md', articleText(''));
    symlinkSync(path.join(dir, 'gone'), path.join(dir, 'articles/2013'));
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([
      expect.objectContaining({ file: expect.stringContaining('articles/2013'), message: expect.stringContaining('leads to nothing') }),
    ]);
  });

  it('reads .markdown and upper-case .MD files', async () => {
    write('articles/2014-03-02-bazaar-fire.markdown', articleText(''));
    write('articles/OLD-STORY.MD', articleText(''));
    write('articles/notes.txt', 'not an article');
    const { articles, problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.fields.slug).sort()).toEqual(['bazaar-fire', 'old-story']);
  });

  it('is an error when the articles folder holds no article', async () => {
    write('articles/README.txt', 'Articles go here.');
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: expect.stringMatching(/articles$/),
        message: 'The articles folder holds no articles, so the site would have none.',
        hint: expect.stringContaining('Put the articles here'),
      }),
    ]);
  });

  it('reads CRLF and lone-CR line endings with the right line numbers', async () => {
    write('articles/crlf.md', '---\r\ntitle: A story\r\nsummary: What happened.\r\ndate: 2025-07-31\r\n---\r\nFirst line.\r\n\r\nSecond.\r\n');
    write('articles/cr.md', '---\rtitle: Old Mac\rsummary: S.\rdate: 2025-07-31\rorganisations: [UN]\r---\rBody.\r');
    const { articles, problems } = await loadContentDir(dir, site);
    expect(articles.map((a) => a.fields.title)).toEqual(['A story']);
    expect(articles[0]?.body).toBe('First line.\n\nSecond.\n');
    expect(articles[0]?.bodyLine).toBe(6);
    expect(problems).toEqual([expect.objectContaining({ field: 'organisations', line: 5, message: 'Unknown field "organisations".' })]);
  });

  it('rejects a Latin-1 file, naming the line and column of the first byte that is not UTF-8', async () => {
    const latin1 = Buffer.from('---\ntitle: Letters from the valley\nsummary: S.\ndate: 2025-07-31\nauthors: [\xd6mirbek Tashiev]\n---\nBody.\n', 'latin1');
    write('articles/latin1.md', latin1);
    const { articles, problems } = await loadContentDir(dir, site);
    expect(articles).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 5,
        column: 11,
        message: expect.stringContaining('not UTF-8'),
        found: expect.stringContaining('0xD6'),
        hint: expect.stringContaining('save it again with the encoding "UTF-8"'),
      }),
    ]);
  });

  it('accepts a UTF-8 byte-order mark, and multi-byte letters before a bad byte count as one column each', async () => {
    write('articles/bom.md', `\uFEFF${articleText('authors: [Ömirbek Tashiev]')}`);
    write('articles/later.md', Buffer.concat([Buffer.from('---\ntitle: Ömirbek, Ömirbek', 'utf8'), Buffer.from([0xff, 0x0a])]));
    const { articles, problems } = await loadContentDir(dir, site);
    expect(articles.map((a) => a.fields.authors[0]?.name)).toEqual(['Ömirbek Tashiev']);
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringContaining('later.md'), line: 2, column: 24 })]);
  });

  it('rejects a file in a registry that is not UTF-8', async () => {
    write('people.yaml', Buffer.from('- name: \xd6mirbek Tashiev\n', 'latin1'));
    write('articles/a.md', articleText(''));
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringContaining('people.yaml'), line: 1, column: 9 })]);
  });

  it('knows a draft by its raw draft field even when the rest is broken', async () => {
    write('articles/broken-draft.md', '---\ntitle: Half done\ndate: someday\ndraft: true\n---\nBody.\n');
    write('articles/broken-yaml-draft.md', '---\ntitle: Summit: day one\ndraft: true\n---\nBody.\n');
    write('articles/broken.md', '---\ntitle: Not a draft\ndate: someday\n---\nBody.\n');
    const { drafts } = await loadContentDir(dir, site);
    expect([...drafts].map((f) => path.basename(f)).sort()).toEqual(['broken-draft.md', 'broken-yaml-draft.md']);
  });
});
