import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageTitle, TITLE_MAX } from '../../src/lib/site/page-title.ts';

const site = { name: 'Steppe Dispatch', tagline: 'Regional news' };

describe('pageTitle', () => {
  it('takes its limit from the html-validate configuration', () => {
    expect(TITLE_MAX).toBe(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')).rules['long-title'][1].maxlength);
  });

  it('keeps a headline whole when it fits', () => {
    expect(pageTitle('Osh water deal signed', site)).toBe('Osh water deal signed · Steppe Dispatch');
    expect(pageTitle(undefined, site)).toBe('Steppe Dispatch: Regional news');
  });

  it('shortens a headline of any length at a word to fit the limit, keeping the site name', () => {
    const words = 'Parliament debates the water-sharing accord once more, '.repeat(100);
    const title = pageTitle(words, site);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title).toMatch(/^Parliament debates the water-sharing accord once more, .*[a-z]… · Steppe Dispatch$/);
    const oneWord = pageTitle('x'.repeat(5000), site);
    expect(oneWord.length).toBe(TITLE_MAX);
  });
});
