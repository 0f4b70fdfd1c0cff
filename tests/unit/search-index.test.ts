import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexedPart, recentIndexSince, SearchIndexer } from '../../src/lib/build/search-index.ts';

const page = (body: string, html = '<html lang="ru">') =>
  `<!DOCTYPE html>${html}<head><style>body{margin:0}</style><script type="application/ld+json">{}</script></head><body><header>Masthead</header>${body}<footer>Footer</footer></body></html>`;

describe('indexedPart', () => {
  it('keeps the html tag and the indexed element, without the head, the masthead and what follows', () => {
    const part = indexedPart(page('<main><article class="story" data-pagefind-body><h1>Title</h1></article></main>'))!;
    expect(part).toBe(
      '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"></head><body><article class="story" data-pagefind-body><h1>Title</h1></article></body></html>',
    );
    expect(part).not.toContain('Masthead');
    expect(part).not.toContain('margin:0');
  });

  it('keeps an element of the same kind nested in the indexed one whole', () => {
    const body = '<article data-pagefind-body><p>Story</p><article><p>Quoted</p></article><p>End</p></article><aside><article>Related</article></aside>';
    expect(indexedPart(page(body))).toContain('<article data-pagefind-body><p>Story</p><article><p>Quoted</p></article><p>End</p></article></body>');
    expect(indexedPart(page(body))).not.toContain('Related');
  });

  it('gives nothing for a page that is not a search result', () => {
    expect(indexedPart(page('<main><h1>Topics</h1></main>'))).toBeUndefined();
  });

  it('keeps an html tag without attributes', () => {
    expect(indexedPart(page('<div data-pagefind-body>x</div>', '<html>'))).toMatch(/^<!DOCTYPE html><html><head>/);
  });
});

describe('recentIndexSince', () => {
  const story = (date: string, draft = false) => ({ date: new Date(date), draft });
  const now = new Date('2025-09-01T00:00:00Z');

  it('starts the recent index on the first of the month two months before the newest story’s', () => {
    const stories = [story('2025-08-15T09:00:00Z'), story('2024-02-01T00:00:00Z'), story('2025-03-31T23:00:00Z')];
    expect(recentIndexSince(stories, now)).toBe('2025-06-01T00:00:00.000Z');
  });

  it('reaches back across a new year', () => {
    expect(recentIndexSince([story('2026-01-03T10:00:00Z')], new Date('2026-02-01T00:00:00Z'))).toBe('2025-11-01T00:00:00.000Z');
  });

  it('counts only published stories: not a draft, not one scheduled after the clock', () => {
    const stories = [story('2025-05-10T09:00:00Z'), story('2025-08-20T09:00:00Z', true), story('2025-12-01T09:00:00Z')];
    expect(recentIndexSince(stories, now)).toBe('2025-03-01T00:00:00.000Z');
  });

  it('gives nothing for a site without published stories: one index', () => {
    expect(recentIndexSince([], now)).toBeUndefined();
    expect(recentIndexSince([story('2025-08-20T09:00:00Z', true)], now)).toBeUndefined();
  });
});

describe('SearchIndexer with the last build’s page records', () => {
  const site = mkdtempSync(path.join(tmpdir(), 'search-records-'));
  afterAll(() => rmSync(site, { recursive: true, force: true }));
  const story = (date: string, text: string) => page(`<article data-pagefind-body data-search-date="${date}"><p>${text}</p></article>`);
  const write = (file: string, html: string) => {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    // As a publish writes: a new file renamed into place.
    writeFileSync(path.join(site, `${file}.new`), html);
    renameSync(path.join(site, `${file}.new`), path.join(site, file));
  };
  const pages = ['/2025/08/new-bridge/', '/topics/', '/2019/01/old-dam/'];
  write('2025/08/new-bridge/index.html', story('2025-08-02T10:00:00Z', 'Bridge opens'));
  write('topics/index.html', page('<main>Topics</main>'));
  write('2019/01/old-dam/index.html', story('2019-01-05T10:00:00Z', 'Dam repaired'));
  const indexer = () => {
    const made = new SearchIndexer('en', site, { recentSince: '2025-06-01T00:00:00.000Z', deferred: true });
    made.setPages(pages);
    return made;
  };

  it('takes an unchanged page from its record instead of reading it', async () => {
    const old = path.join(site, '2019/01/old-dam/index.html');
    // A whole second, which every file system keeps exactly.
    const time = new Date('2026-01-01T00:00:00Z');
    utimesSync(old, time, time);
    const first = indexer();
    expect(await first.handOverRest()).toEqual({ rendered: 0, read: 2, kept: 0 });
    const records = await first.pageRecords('code');
    expect(Object.keys(records.pages).sort()).toEqual(['2019/01/old-dam/index.html', '2025/08/new-bridge/index.html', 'topics/index.html']);
    // The same file, its bytes changed behind the record's back (same size, same time): the record is trusted.
    const { ino } = statSync(old);
    writeFileSync(old, story('2019-01-05T10:00:00Z', 'Dam REPAIRED'));
    utimesSync(old, time, time);
    expect(statSync(old).ino).toBe(ino);
    const second = indexer();
    expect(await second.handOverRest(records.pages)).toEqual({ rendered: 0, read: 0, kept: 2 });
    expect(second.pagesDigest('archive')).toBe(first.pagesDigest('archive'));
    expect(second.pagesDigest('recent')).toBe(first.pagesDigest('recent'));
    expect([second.size('recent'), second.size('archive')]).toEqual([1, 1]);
  });

  it('reads a page written anew, and only its index changes', async () => {
    const first = indexer();
    await first.handOverRest();
    const records = await first.pageRecords('code');
    write('2025/08/new-bridge/index.html', story('2025-08-02T10:00:00Z', 'Bridge opens to traffic'));
    const second = indexer();
    expect(await second.handOverRest(records.pages)).toEqual({ rendered: 0, read: 1, kept: 1 });
    expect(second.pagesDigest('recent')).not.toBe(first.pagesDigest('recent'));
    expect(second.pagesDigest('archive')).toBe(first.pagesDigest('archive'));
  });
});
