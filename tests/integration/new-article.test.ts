/** `npm run new`: a new article file, valid from the start, never overwriting. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/lib/model/article.ts';
import { parseMarkdown } from '../../src/lib/content/frontmatter.ts';
import { emptyRegistries } from '../../src/lib/content/registry.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let contentDir: string;

beforeEach(() => {
  contentDir = mkdtempSync(path.join(tmpdir(), 'new-article-'));
});
afterEach(() => rmSync(contentDir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/new-article.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, CI: 'true' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run new', () => {
  const args = [
    'Osh traders protest new customs rules',
    '--location',
    'Osh, Kyrgyzstan',
    '--topic',
    'Trade',
    '--topic',
    'Border',
    '--date',
    '2025-07-31T09:30',
  ];
  const file = () => path.join(contentDir, 'articles/2025/07/osh-traders-protest-new-customs-rules.md');

  it('creates the article where its date says, and prints its path and address', () => {
    const result = run(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('osh-traders-protest-new-customs-rules.md');
    expect(result.stdout).toContain('https://news.example.org/2025/07/osh-traders-protest-new-customs-rules/');
  });

  it('writes every field, valid against the schema, as a draft', () => {
    run(args);
    const source = readFileSync(file(), 'utf8');
    for (const field of [
      'title',
      'summary',
      'date',
      'updated',
      'location',
      'organizations',
      'speakers',
      'topics',
      'authors',
      'image',
      'audio',
      'slug',
      'draft',
      'lang',
      'featured',
    ]) {
      expect(source, field).toMatch(new RegExp(`^#? ?${field}:`, 'm'));
    }
    const registries = emptyRegistries();
    const { article, problems } = buildArticle('new.md', parseMarkdown(source, 'new.md'), registries, {
      timeZone: 'Asia/Almaty',
      defaultByline: 'Staff Reporter',
    });
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      title: 'Osh traders protest new customs rules',
      location: { text: 'Osh, Kyrgyzstan' },
      topics: [{ name: 'Trade' }, { name: 'Border' }],
      draft: true,
    });
  });

  it('refuses to overwrite an existing file', () => {
    run(args);
    writeFileSync(file(), 'edited by a writer');
    const again = run(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists; nothing was written');
    expect(readFileSync(file(), 'utf8')).toBe('edited by a writer');
  });

  it('rejects a value the schema would reject', () => {
    const result = run(['Headline', '--date', '31/07/2025']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('date: expected an ISO 8601 date');
  });

  it('asks for flags under CI instead of prompting', () => {
    const result = run([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run new');
  });
});
