import { describe, expect, it } from 'vitest';
import { formatShard, inShard, parseShard, shardFromEnv, shardOf } from '../../src/lib/build/shards.ts';

/** 10,000 article paths, as a site of ten years has them. */
const paths = Array.from({ length: 10_000 }, (_, i) => `/${2015 + (i % 10)}/${String((i % 12) + 1).padStart(2, '0')}/story-${i}/`);

describe('parseShard', () => {
  it('reads k/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(formatShard(parseShard('3/7'))).toBe('3/7');
  });

  it('refuses anything but 1 ≤ k ≤ n', () => {
    for (const text of ['0/3', '4/3', '3', '1/0', 'a/b', '-1/3', '1.5/3', '']) expect(() => parseShard(text), text).toThrow(/--shard: expected k\/n/);
  });

  it('comes from the environment only when set', () => {
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ NEWSROOM_SHARD: '2/3' })).toEqual({ index: 2, count: 3 });
  });
});

describe('shardOf', () => {
  it('gives every path one shard from 1 to n, the same on every call', () => {
    for (const count of [1, 2, 3, 7]) {
      for (const sitePath of paths.slice(0, 500)) {
        const shard = shardOf(sitePath, count);
        expect(shard).toBeGreaterThanOrEqual(1);
        expect(shard).toBeLessThanOrEqual(count);
        expect(shardOf(sitePath, count)).toBe(shard);
      }
    }
  });

  it('depends on the path alone, not on its slashes', () => {
    expect(shardOf('/2025/07/slug/', 5)).toBe(shardOf('2025/07/slug', 5));
    expect(shardOf('/feed.xml', 5)).toBe(shardOf('feed.xml', 5));
  });

  it('is fixed across machines and versions: known paths keep their shards', () => {
    // A changed hash would move every page to another shard and empty every shard's cache.
    expect(['/', '/2025/07/slug/', '/feed.xml', '/_redirects', '/sitemap-index.xml'].map((p) => shardOf(p, 3))).toEqual([2, 2, 2, 2, 1]);
    expect(['/', '/2025/07/slug/', '/feed.xml', '/_redirects', '/sitemap-index.xml'].map((p) => shardOf(p, 7))).toEqual([2, 1, 5, 3, 1]);
  });

  it('spreads 10,000 paths as a fair draw would: the largest shard within 5% of its share, for 2 to 10 shards', () => {
    for (let count = 2; count <= 10; count++) {
      const sizes = new Array<number>(count).fill(0);
      for (const sitePath of paths) sizes[shardOf(sitePath, count) - 1]!++;
      const share = paths.length / count;
      // The largest shard sets the wall time of a sharded build.
      expect(Math.max(...sizes) / share, `${count} shards: ${sizes.join(', ')}`).toBeLessThan(1.05);
      // Every shard within four standard deviations of a binomial draw.
      const deviation = Math.sqrt(share * (1 - 1 / count));
      for (const size of sizes) expect(Math.abs(size - share), `${count} shards: ${sizes.join(', ')}`).toBeLessThan(4 * deviation);
    }
  });

  it('keeps a path in its shard when other paths come and go', () => {
    const before = paths.map((p) => shardOf(p, 4));
    const after = [...paths.slice(5000), '/2026/01/new/', ...paths.slice(0, 5000)];
    expect(after.filter((p) => p !== '/2026/01/new/').map((p) => shardOf(p, 4))).toEqual([...before.slice(5000), ...before.slice(0, 5000)]);
  });
});

describe('inShard', () => {
  it('puts every path in exactly one of n shards, and every path in a whole build', () => {
    for (const sitePath of paths.slice(0, 1000)) {
      const owners = [1, 2, 3].filter((index) => inShard(sitePath, { index, count: 3 }));
      expect(owners).toHaveLength(1);
      expect(inShard(sitePath, undefined)).toBe(true);
    }
  });
});
