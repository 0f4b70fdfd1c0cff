import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NEWS_WINDOW_MS } from '../../src/lib/site/news-sitemap.ts';
import { inputsDigest, isUpToDate, outputListing } from '../../src/lib/build/up-to-date.ts';
import { nextTimedChange } from '../../src/lib/build/timed-change.ts';

const root = mkdtempSync(path.join(tmpdir(), 'up-to-date-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const now = new Date('2025-08-10T12:00:00Z');
const at = (iso: string) => new Date(iso);
/** Windows longer than anything these cases look at, so only the news sitemap's counts. */
const front = { featuredDays: 365, inTheNewsDays: 365 };

describe('nextTimedChange', () => {
  it('is the publication time of the next scheduled story', () => {
    const next = nextTimedChange(
      [{ date: at('2025-08-20T09:00:00Z') }, { date: at('2025-08-12T09:00:00Z') }, { date: at('2025-07-01T09:00:00Z') }],
      now,
      front,
    );
    expect(next).toEqual(at('2025-08-12T09:00:00Z'));
  });

  it('is the time a recent story leaves the news sitemap, when that comes first', () => {
    const published = at('2025-08-10T06:00:00Z');
    const next = nextTimedChange([{ date: published }, { date: at('2025-08-20T09:00:00Z') }], now, front);
    expect(next).toEqual(new Date(published.getTime() + NEWS_WINDOW_MS));
  });

  it('ignores drafts, whose date never publishes them', () => {
    expect(nextTimedChange([{ date: at('2025-08-11T09:00:00Z'), draft: true }], now, front)).toBeUndefined();
  });

  it("is the time a story leaves the home page's In the news window, or its pin lapses, when that comes first", () => {
    const settings = { featuredDays: 3, inTheNewsDays: 7 };
    expect(nextTimedChange([{ date: at('2025-08-05T00:00:00Z') }], now, settings)).toEqual(at('2025-08-12T00:00:00Z'));
    expect(nextTimedChange([{ date: at('2025-08-08T00:00:00Z'), featured: true }], now, settings)).toEqual(at('2025-08-11T00:00:00Z'));
    expect(nextTimedChange([{ date: at('2025-08-08T00:00:00Z') }], now, settings)).toEqual(at('2025-08-15T00:00:00Z'));
  });

  it('is undefined when time changes nothing', () => {
    expect(nextTimedChange([{ date: at('2025-01-01T00:00:00Z'), featured: true }], now, { featuredDays: 3, inTheNewsDays: 7 })).toBeUndefined();
  });
});

describe('inputsDigest', () => {
  it('changes with a file under a folder, a single file or a setting', async () => {
    const content = path.join(root, 'content');
    mkdirSync(path.join(content, 'articles'), { recursive: true });
    writeFileSync(path.join(content, 'articles', 'a.md'), 'one');
    const config = path.join(root, 'astro.config.mjs');
    writeFileSync(config, 'export default {}');
    const digest = () => inputsDigest([content, config], { SITE_BASE: '/' });

    const first = await digest();
    expect(await digest()).toBe(first);
    writeFileSync(path.join(content, 'articles', 'a.md'), 'two');
    const edited = await digest();
    expect(edited).not.toBe(first);
    writeFileSync(config, 'export default { base: "/news/" }');
    expect(await digest()).not.toBe(edited);
    expect(await inputsDigest([content, config], { SITE_BASE: '/news/' })).not.toBe(await digest());
  });

  it('sees the files behind a symbolic link to an archive folder or a file', () => {
    const content = path.join(root, 'linked-content');
    const archive = path.join(root, 'archive-2014');
    mkdirSync(path.join(content, 'articles'), { recursive: true });
    mkdirSync(archive);
    writeFileSync(path.join(archive, 'bazaar.md'), 'one');
    writeFileSync(path.join(root, 'single.md'), 'alone');
    symlinkSync(archive, path.join(content, 'articles', '2014'));
    symlinkSync(path.join(root, 'single.md'), path.join(content, 'articles', 'single.md'));
    const digest = () => inputsDigest([content], {});

    const first = digest();
    writeFileSync(path.join(archive, 'bazaar.md'), 'two');
    const second = digest();
    expect(second).not.toBe(first);
    writeFileSync(path.join(root, 'single.md'), 'changed');
    expect(digest()).not.toBe(second);
  });
});

describe('outputListing', () => {
  it('changes when a file of the output is touched, added or removed', async () => {
    const dist = path.join(root, 'dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'index.html'), 'home');
    const first = await outputListing(dist);
    expect(await outputListing(dist)).toBe(first);
    utimesSync(path.join(dist, 'index.html'), new Date(), new Date(Date.now() + 5000));
    const touched = await outputListing(dist);
    expect(touched).not.toBe(first);
    writeFileSync(path.join(dist, 'extra.html'), 'x');
    expect(await outputListing(dist)).not.toBe(touched);
  });
});

describe('isUpToDate', () => {
  const current = { inputs: 'in', code: 'code', output: 'out' };

  it('holds for the same inputs and output before the record expires', () => {
    expect(isUpToDate({ ...current, validUntil: null }, current, now)).toBe(true);
    expect(isUpToDate({ ...current, validUntil: '2025-08-10T12:00:01Z' }, current, now)).toBe(true);
  });

  it('fails without a record, on other inputs or output, or once expired', () => {
    expect(isUpToDate(undefined, current, now)).toBe(false);
    expect(isUpToDate({ ...current, inputs: 'other', validUntil: null }, current, now)).toBe(false);
    expect(isUpToDate({ ...current, output: 'other', validUntil: null }, current, now)).toBe(false);
    expect(isUpToDate({ ...current, validUntil: '2025-08-10T12:00:00Z' }, current, now)).toBe(false);
  });
});
