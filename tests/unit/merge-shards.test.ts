import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeShardOutputs, readShardManifests, SHARD_MANIFEST, type ShardManifest } from '../../src/lib/build/merge-shards.ts';

const root = mkdtempSync(path.join(tmpdir(), 'merge-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOW = '2025-08-05T12:00:00.000Z';
const PAGES = ['/', '/2025/08/a/', '/2025/08/b/', '/404'];

/** A shard's output: its files and its manifest. */
function shardOutput(files: Record<string, string>, manifest: Partial<ShardManifest> & { shard: string }): string {
  const dir = mkdtempSync(path.join(root, 'shard-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, SHARD_MANIFEST), JSON.stringify({ now: NOW, pages: PAGES, originals: {}, ...manifest }));
  return dir;
}

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(path.join(dir, file)).isFile())
      .sort()
      .map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );
}

describe('mergeShardOutputs', () => {
  it('puts every shard’s files together, hard-linked, without the manifests; files several shards wrote alike once', () => {
    const one = shardOutput({ 'index.html': 'home', '_astro/site.css': 'css', '2025/08/a/index.html': 'a' }, { shard: '1/2' });
    const two = shardOutput({ '2025/08/b/index.html': 'b', '_astro/site.css': 'css', '404.html': 'missing' }, { shard: '2/2' });
    const target = mkdtempSync(path.join(root, 'merged-'));
    expect(mergeShardOutputs([one, two], target, new Set())).toEqual({ files: 5, shared: 1 });
    expect(listing(target)).toEqual({
      '2025/08/a/index.html': 'a',
      '2025/08/b/index.html': 'b',
      '404.html': 'missing',
      '_astro/site.css': 'css',
      'index.html': 'home',
    });
    expect(statSync(path.join(target, '2025/08/b/index.html')).ino).toBe(statSync(path.join(two, '2025/08/b/index.html')).ino);
  });

  it('fails, naming every file that two shards wrote with different bytes', () => {
    const one = shardOutput({ '_astro/site.css': 'css', 'feed.xml': 'one', 'same.txt': 'x' }, { shard: '1/2' });
    const two = shardOutput({ '_astro/site.css': 'CSS', 'feed.xml': 'two', 'same.txt': 'x' }, { shard: '2/2' });
    const target = mkdtempSync(path.join(root, 'merged-'));
    expect(() => mergeShardOutputs([one, two], target, new Set())).toThrow(
      `Shards wrote different bytes at the same path, so the merge cannot choose:\n  _astro/site.css (${one} and ${two})\n  feed.xml (${one} and ${two})`,
    );
  });

  it('leaves out the files it is told to', () => {
    const one = shardOutput({ '_astro/photo.jpg': 'camera original', 'index.html': 'home' }, { shard: '1/1' });
    const target = mkdtempSync(path.join(root, 'merged-'));
    mergeShardOutputs([one], target, new Set(['_astro/photo.jpg']));
    expect(Object.keys(listing(target))).toEqual(['index.html']);
  });
});

describe('readShardManifests', () => {
  it('reads one complete build: its clock and its pages', () => {
    const dirs = ['2/3', '1/3', '3/3'].map((shard) => shardOutput({}, { shard }));
    expect(readShardManifests(dirs)).toEqual({ now: NOW, pages: PAGES, leftOut: new Set() });
  });

  it('leaves out a camera original that a shard’s image step removed and no shard kept', () => {
    const dirs = [
      shardOutput({}, { shard: '1/3', originals: { '_astro/a.jpg': 'removed', '_astro/b.jpg': 'removed' } }),
      shardOutput({}, { shard: '2/3', originals: { '_astro/b.jpg': 'kept', '_astro/c.jpg': 'kept' } }),
      shardOutput({}, { shard: '3/3', originals: { '_astro/a.jpg': 'removed' } }),
    ];
    expect(readShardManifests(dirs).leftOut).toEqual(new Set(['_astro/a.jpg']));
  });

  it('refuses a folder that is no shard’s output', () => {
    const plain = mkdtempSync(path.join(root, 'plain-'));
    expect(() => readShardManifests([plain])).toThrow(`${plain} is not the output of a shard build: it has no _shard.json.`);
  });

  it('refuses a missing, a repeated or a foreign shard', () => {
    const [one, two] = [shardOutput({}, { shard: '1/3' }), shardOutput({}, { shard: '2/3' })];
    expect(() => readShardManifests([one, two])).toThrow(`${one} is shard 1/3, but 2 shard outputs were given: a merge needs all 3.`);
    const again = shardOutput({}, { shard: '1/3' });
    expect(() => readShardManifests([one, two, again])).toThrow(`${one} and ${again} are both shard 1/3.`);
  });

  it('refuses shards of different clocks or different pages', () => {
    const one = shardOutput({}, { shard: '1/2' });
    const later = shardOutput({}, { shard: '2/2', now: '2025-08-05T12:15:00.000Z' });
    expect(() => readShardManifests([one, later])).toThrow(
      /was built at 2025-08-05T12:15:00.000Z, .* at 2025-08-05T12:00:00.000Z: the shards of one site share one --now/,
    );
    const other = shardOutput({}, { shard: '2/2', pages: [...PAGES, '/2025/08/c/'] });
    expect(() => readShardManifests([one, other])).toThrow(/list different pages/);
  });
});
