import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedOutput, filesDigest } from '../../src/lib/build/output-cache.ts';

const root = mkdtempSync(path.join(tmpdir(), 'output-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function site(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('filesDigest', () => {
  const isHtml = (file: string) => file.endsWith('.html');

  it('is the same for the same files, and changes with a byte or a name', async () => {
    const a = await filesDigest(site('a', { 'index.html': 'home', '2025/07/x/index.html': 'story' }), isHtml);
    const same = await filesDigest(site('b', { '2025/07/x/index.html': 'story', 'index.html': 'home' }), isHtml);
    const edited = await filesDigest(site('c', { 'index.html': 'home', '2025/07/x/index.html': 'story!' }), isHtml);
    const renamed = await filesDigest(site('d', { 'index.html': 'home', '2025/07/y/index.html': 'story' }), isHtml);
    expect(same).toBe(a);
    expect(edited).not.toBe(a);
    expect(renamed).not.toBe(a);
  });

  it('ignores the files left out', async () => {
    const a = await filesDigest(site('e', { 'index.html': 'home', 'feed.xml': 'one' }), isHtml);
    const b = await filesDigest(site('f', { 'index.html': 'home', 'feed.xml': 'two' }), isHtml);
    expect(b).toBe(a);
  });
});

describe('cachedOutput', () => {
  it('generates on a new key, and puts the same output back on the same key', async () => {
    const cacheDir = path.join(root, 'cache');
    const outDir = path.join(root, 'out', 'index');
    let generated = 0;
    const generate = async () => {
      generated++;
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, 'index.json'), `run ${generated}`);
    };

    expect(await cachedOutput({ cacheDir, key: 'one', outDir, generate })).toBe('generated');
    rmSync(outDir, { recursive: true });
    expect(await cachedOutput({ cacheDir, key: 'one', outDir, generate })).toBe('reused');
    expect(readFileSync(path.join(outDir, 'index.json'), 'utf8')).toBe('run 1');
    expect(generated).toBe(1);

    expect(await cachedOutput({ cacheDir, key: 'two', outDir, generate })).toBe('generated');
    expect(readFileSync(path.join(outDir, 'index.json'), 'utf8')).toBe('run 2');
  });

  it('never trusts a copy without its key', async () => {
    const cacheDir = path.join(root, 'half-written');
    const outDir = path.join(root, 'out2');
    site('half-written/output', { 'index.json': 'stale' });
    expect(existsSync(path.join(cacheDir, 'key'))).toBe(false);
    const outcome = await cachedOutput({
      cacheDir,
      key: 'k',
      outDir,
      generate: async () => {
        site('out2', { 'index.json': 'fresh' });
      },
    });
    expect(outcome).toBe('generated');
    expect(readFileSync(path.join(outDir, 'index.json'), 'utf8')).toBe('fresh');
  });
});
