import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/content-check.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter', url: 'https://example.org', base: '/' };
let dir: string;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'content-check-'));
  write('public/images/portrait.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const check = () => checkContent(path.join(dir, 'content'), { site, publicDir: path.join(dir, 'public'), now: new Date('2026-01-01') });
const story = (fields: string) => `---\ntitle: A story\nsummary: What happened.\ndate: 2025-07-31\n${fields}\n---\nBody.\n`;

describe('checkContent with topics and authors registries', () => {
  it('fails an author photo that is not under public/, at its registry entry', async () => {
    write(
      'content/authors.yaml',
      '- name: Dana Serikova\n  photo: { src: /images/portrait.svg, alt: Dana }\n- name: Ainur Bekova\n  photo: { src: /images/ainur.jpg, alt: Ainur }\n',
    );
    write('content/articles/a.md', story('authors: [Dana Serikova, Ainur Bekova]'));
    const problems = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: expect.stringMatching(/authors\.yaml$/),
        line: 3,
        field: 'photo.src',
        message: 'The photo of "Ainur Bekova", /images/ainur.jpg, does not exist.',
      }),
    ]);
  });

  it('asks whether a topic or author one slip from a registry name was meant', async () => {
    write('content/topics.yaml', '- name: Open data\n');
    write('content/authors.yaml', '- name: Dana Serikova\n');
    write('content/articles/a.md', story('topics: [Open dta]\nauthors: [Dana Serikov]'));
    const problems = await check();
    expect(problems.map((p) => [p.field, p.hint])).toEqual([
      ['topics[0]', 'Did you mean "Open data"? If it is a different topic, add it to topics.yaml.'],
      ['authors[0]', 'Did you mean "Dana Serikova"? If it is a different author, add it to authors.yaml.'],
    ]);
  });
});
