/**
 * A sharded build: n processes (CI runners) each render one part of the site, shard k of n, and
 * a merge puts their outputs together and writes what needs every page (the search index), then
 * verifies. Every file the build writes belongs to exactly one shard, chosen by its site path
 * alone: a stable hash of the path, modulo n.
 *
 * Why a hash of the path, rather than ranges of the page order or one shard per year: a page
 * stays in its shard from one build to the next whatever else is added or removed (so each
 * shard's incremental cache keeps working), no shard needs to know the others' pages to decide,
 * and the kinds of page (articles, entity pages, feeds) spread evenly, where years or ranges of
 * the route order would give one shard all the entity pages. It balances as a random draw does:
 * of 10,000 article paths, the largest of 3 shards holds 0.4% more than its share, the largest of
 * 10 shards 3.3% more (`tests/unit/shards.test.ts`).
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1 to `count`. */
  index: number;
  count: number;
}

/** The environment variable through which `npm run build -- --shard k/n` tells Astro its shard. */
export const SHARD_ENV = 'NEWSROOM_SHARD';

/** `k/n`, as `--shard` takes it: 1 ≤ k ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new Error(`--shard: expected k/n with 1 ≤ k ≤ n, such as 2/4; found "${text}".`);
  }
  return { index, count };
}

export function formatShard({ index, count }: Shard): string {
  return `${index}/${count}`;
}

/** The shard Astro's build renders: the one `SHARD_ENV` names, or undefined for the whole site. */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  const text = env[SHARD_ENV];
  return text ? parseShard(text) : undefined;
}

/**
 * The shard (1 to `count`) of a site path (`/2025/07/slug/`, `/feed.xml`, `/_redirects`; leading
 * and trailing slashes do not count): the first 48 bits of its SHA-256, modulo `count`.
 */
export function shardOf(sitePath: string, count: number): number {
  const key = sitePath.replace(/^\/+|\/+$/g, '');
  return (createHash('sha256').update(key).digest().readUIntBE(0, 6) % count) + 1;
}

/** Whether a build of `shard` writes the file of `sitePath`; a whole build (no shard) writes every one. */
export function inShard(sitePath: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(sitePath, shard.count) === shard.index;
}
