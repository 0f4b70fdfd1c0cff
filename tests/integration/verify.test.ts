/**
 * `npm run verify`, the last step of `npm run build` and the gate before publishing: it passes
 * a good build and names the page and the problem when a built site is wrong.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSnapshotFile } from '../../src/lib/build/output-cache.ts';
import { fixtureSite } from '../support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = fixtureSite();

function verify(dist: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/verify.ts'), '--dist', dist], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: built.contentDir, ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('verify', () => {
  it('passes a good build', () => {
    const result = verify(built.site.outDir);
    expect(result.output).toMatch(/Verified .* no problems; valid HTML on \d+ pages\./);
    expect(result.status).toBe(0);
  });

  it('names each page and problem of a broken build, and fails', () => {
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'verify-')), 'dist');
    cpSync(built.site.outDir, dist, { recursive: true });
    try {
      const article = path.join(dist, '2025/08/midnight-filing/index.html');
      const html = readFileSync(article, 'utf8');
      writeFileSync(article, html.replace(/<title>[^<]*<\/title>/, '').replace('</main>', '<a href="/2024/01/gone/">gone</a><img src="/x.png"></main>'));
      mkdirSync(path.join(dist, '2999/01/future-story'), { recursive: true });
      writeFileSync(path.join(dist, '2999/01/future-story/index.html'), html);
      writeFileSync(path.join(dist, 'feed.xml'), '<rss><channel></rss>');

      const result = verify(dist);
      expect(result.status).toBe(1);
      for (const expected of [
        '/2025/08/midnight-filing/  The page has no title.',
        '/2025/08/midnight-filing/  The link /2024/01/gone/ points to nothing in the built site.',
        '/2025/08/midnight-filing/  The link /x.png points to nothing in the built site.',
        '/2999/01/future-story/  A draft or scheduled article is in the built site.',
        '/feed.xml  Not well-formed XML',
      ]) {
        expect(result.output).toContain(expected);
      }
      expect(result.output).toMatch(/\/2025\/08\/midnight-filing\/ {2}Invalid HTML at \d+:\d+: .*\(wcag\/h37\)\./);
      expect(result.output).toContain('Nothing should be published.');
    } finally {
      rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  });

  it('finds drafts and scheduled stories with the content snapshot the build left in its cache, parsing nothing', () => {
    const cache = path.join(path.dirname(built.site.outDir), 'cache');
    const snapshot = contentSnapshotFile(cache);
    const before = readFileSync(snapshot);
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'verify-')), 'dist');
    cpSync(built.site.outDir, dist, { recursive: true });
    try {
      const html = readFileSync(path.join(dist, '2025/08/midnight-filing/index.html'), 'utf8');
      for (const story of ['2025/03/draft-story', '2999/01/future-story']) {
        mkdirSync(path.join(dist, story), { recursive: true });
        writeFileSync(path.join(dist, story, 'index.html'), html);
      }
      const result = verify(dist, { ASTRO_CACHE_DIR: cache });
      expect(result.status).toBe(1);
      expect(result.output).toContain('/2025/03/draft-story/  A draft or scheduled article is in the built site.');
      expect(result.output).toContain('/2999/01/future-story/  A draft or scheduled article is in the built site.');
      // Up to date: not stored again.
      expect(readFileSync(snapshot).equals(before)).toBe(true);
    } finally {
      rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  });
});
