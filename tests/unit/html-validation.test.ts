import { describe, expect, it } from 'vitest';
import { sampleAcrossRoutes, validatePages } from '../../src/lib/verify/html-validation.ts';

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body>${body}</body></html>`;
const config = { extends: ['html-validate:recommended'] };

describe('validatePages', () => {
  it('reports in page order whether it uses worker threads or not', async () => {
    // Just enough pages for two workers (200 each at least); one bad page among them.
    const pages = Array.from({ length: 400 }, (_, i) => ({
      file: `${i}.html`,
      html: page(i === 301 ? '<img src="x.png">' : `<p>Story ${i}</p>`),
    }));
    const reports = await validatePages(pages, config);
    expect(reports.map((r) => r.file)).toEqual(pages.map((p) => p.file));
    expect(reports.filter((r) => r.messages.length).map((r) => r.file)).toEqual(['301.html']);
    expect(reports[301]!.messages.map((m) => m.ruleId)).toContain('wcag/h37');

    const alone = await validatePages([pages[301]!], config);
    expect(alone[0]!.messages).toEqual(reports[301]!.messages);
    // Each worker loads html-validate afresh: 47 s on a two-core machine under stress-ng and other builds.
  }, 180_000);
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
