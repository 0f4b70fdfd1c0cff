import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleAcrossRoutes, validatePages } from '../../src/lib/verify/html-validation.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'html-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body>${body}</body></html>`;
const config = { extends: ['html-validate:recommended'] };

describe('validatePages', () => {
  it('reports in page order whether it uses worker threads or not', async () => {
    // Just enough pages for two workers (200 each at least); one bad page among them.
    const files = Array.from({ length: 400 }, (_, i) => {
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, page(i === 301 ? '<img src="x.png">' : `<p>Story ${i}</p>`));
      return file;
    });
    const { reports, deferred } = await validatePages(files, config);
    expect(deferred).toBe(0);
    expect(reports.map((r) => r.file)).toEqual(files);
    expect(reports.filter((r) => r.messages.length).map((r) => r.file)).toEqual([files[301]]);
    expect(reports[301]!.messages.map((m) => m.ruleId)).toContain('wcag/h37');

    const { reports: alone } = await validatePages([files[301]!], config);
    expect(alone[0]!.messages).toEqual(reports[301]!.messages);
    // Each worker loads html-validate afresh: 47 s on a two-core machine under stress-ng and other builds.
  }, 180_000);
});

describe('validatePages with a cache file', () => {
  it('validates only pages that changed, and reports the same', async () => {
    const cacheFile = path.join(dir, 'cache', 'html-validate.json');
    const good = path.join(dir, 'good.html');
    const bad = path.join(dir, 'bad.html');
    writeFileSync(good, page('<p>Fine</p>'));
    writeFileSync(bad, page('<img src="x.png">'));
    const { reports: first } = await validatePages([good, bad], config, { cacheFile });
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(Object.keys(cached)).toHaveLength(2);

    // A changed page is validated again; the cache answers for the other.
    writeFileSync(good, page('<p>Still fine</p>'));
    const { reports: second } = await validatePages([good, bad], config, { cacheFile });
    expect(second).toEqual(first);
    writeFileSync(bad, page('<p>Fixed</p>'));
    const { reports: third } = await validatePages([good, bad], config, { cacheFile });
    expect(third.every((r) => r.messages.length === 0)).toBe(true);
  });
});

describe('validatePages with a budget', () => {
  it('validates at most the budget, and takes up the rest in later runs', async () => {
    const root = mkdtempSync(path.join(dir, 'budget-'));
    const cacheFile = path.join(root, 'cache.json');
    const files = Array.from({ length: 5 }, (_, i) => {
      writeFileSync(path.join(root, `${i}.html`), page(i === 4 ? '<img src="x.png">' : `<p>${i}</p>`));
      return `${i}.html`;
    });
    const first = await validatePages(files, config, { cacheFile, budget: 3, root });
    expect(first.reports).toHaveLength(3);
    expect(first.deferred).toBe(2);
    const second = await validatePages(files, config, { cacheFile, budget: 3, root });
    expect(second.reports).toHaveLength(5);
    expect(second.deferred).toBe(0);
    expect(second.reports.filter((r) => r.messages.length).map((r) => r.file)).toEqual(['4.html']);
  });
});

describe('sampleAcrossRoutes', () => {
  const articles = Array.from({ length: 100 }, (_, i) => `2025/07/story-${i}/index.html`);
  const entities = Array.from({ length: 30 }, (_, i) => `organizations/org-${i}/index.html`);
  const pages = ['organizations/un/2/index.html', 'index.html', ...articles, ...entities];

  it('keeps every file when the budget allows', () => {
    expect(sampleAcrossRoutes(pages, 1000)).toEqual(pages);
  });

  it('takes from every kind of page in turn, within the budget', () => {
    const sample = sampleAcrossRoutes(pages, 7);
    expect(sample).toHaveLength(7);
    expect(sample).toContain('index.html');
    expect(sample).toContain('organizations/un/2/index.html');
    expect(sample.filter((file) => file.startsWith('2025/'))).toHaveLength(3);
    expect(sample.filter((file) => file.startsWith('organizations/org-'))).toHaveLength(2);
  });

  it('spreads each kind over its whole list: first, last, then between', () => {
    const sample = sampleAcrossRoutes(articles, 3);
    expect(sample).toEqual([articles[0], articles[50], articles[99]]);
  });
});
