import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContentDir, resolveContentDir } from '../../src/lib/content-dir.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
let dir: string;

function write(file: string, text: string) {
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
    expect(articles.find((a) => a.fields.slug === 'summit')?.fields.organizations[0]?.name).toBe(
      'Shanghai Cooperation Organization',
    );
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

  it('fails two spellings that would share one entity page', async () => {
    write('articles/one.md', articleText('speakers: [Kassym Tokayev]'));
    write('articles/two.md', articleText('speakers: [Kassym Tokáyev]'));
    const { problems } = await loadContentDir(dir, site);
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'speakers',
        message: expect.stringContaining('would share one page, /people/kassym-tokayev/'),
      }),
    ]);
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
