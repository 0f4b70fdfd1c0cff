import { describe, expect, it } from 'vitest';
import { indexedPart, recentIndexSince } from '../../src/lib/build/search-index.ts';

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
