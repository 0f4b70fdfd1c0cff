/**
 * The build's clock: the one "now" every page, feed, sitemap and check of a build asks. Time
 * changes the site (a scheduled story goes live, the home page's "In the news" moves on), so the
 * processes that build one site together (the shards of a sharded build and their merge) must
 * read one instant: `npm run build` fixes it in `NEWSROOM_NOW` for Astro and the verification.
 * Without it (`astro dev`, a bare `astro build`) the clock is the real time.
 */

export const CLOCK_ENV = 'NEWSROOM_NOW';

export function buildTime(): Date {
  const fixed = process.env[CLOCK_ENV];
  return fixed ? parseInstant(fixed, CLOCK_ENV) : new Date();
}

/**
 * An instant written in ISO 8601 with its offset (`2025-08-05T12:00:00Z`,
 * `2025-08-05T17:00+05:00`): without one it would be read in each machine's own time zone.
 */
export function parseInstant(text: string, name: string): Date {
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(text) ? new Date(text) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw new Error(`${name}: expected an instant in ISO 8601 with its offset, such as 2025-08-05T12:00:00Z; found "${text}".`);
  }
  return time;
}
