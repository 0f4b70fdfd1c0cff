/** The messy archive builds and verifies: every behaviour it holds is asserted in the messy-*.test.ts files. */
import { describe, expect, it } from 'vitest';
import { MIN_ARTICLES } from '../support/messy-archive/index.ts';
import { messyArchiveBuild } from '../support/messy-archive/build.ts';

describe('the messy archive', () => {
  it('builds, verifies and publishes every article', async () => {
    const site = await messyArchiveBuild();
    expect(site.status, site.output).toBe(0);
    expect(site.verify.status, site.verify.output).toBe(0);
    const articlePages = site.pages().filter((page) => /^\/\d{4}\/\d{2}\/[^/]+\/$/.test(page));
    expect(articlePages.length).toBeGreaterThanOrEqual(MIN_ARTICLES - 10);
  }, 900_000);
});
