import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleAcrossRoutes, validatePages, WarmValidator } from '../../src/lib/verify/html-validation.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'html-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body>${body}</body></html>`;
const config = { extends: ['html-validate:recommended'] };

describe('validatePages', () => {
  it('reports in page order whether it uses worker threads or not', async () => {
    // Just enough pages for two workers (200 each at least); one bad page among them.
    const pages = Array.from({ length: 400 }, (_, i) => {
      writeFileSync(path.join(dir, `${i}.html`), page(i === 301 ? '<img src="x.png">' : `<p>Story ${i}</p>`));
      return { file: `${i}.html` };
    });
    const reports = await validatePages(pages, config, dir);
    expect(reports.map((r) => r.file)).toEqual(pages.map((p) => p.file));
    expect(reports.filter((r) => r.messages.length).map((r) => r.file)).toEqual(['301.html']);
    expect(reports[301]!.messages.map((m) => m.ruleId)).toContain('wcag/h37');

    const alone = await validatePages([{ file: path.join(dir, '301.html') }], config);
    expect(alone[0]!.messages).toEqual(reports[301]!.messages);
    // Each worker loads html-validate afresh: 47 s on a two-core machine under stress-ng and other builds.
  }, 180_000);

  it('validates on a worker that loaded html-validate beforehand what it validates on this thread', async () => {
    writeFileSync(path.join(dir, 'good.html'), page('<p>Fine</p>'));
    writeFileSync(path.join(dir, 'bad.html'), page('<img src="x.png">'));
    const pages = [{ file: 'good.html' }, { file: 'bad.html' }];
    const warm = new WarmValidator(config);
    try {
      const reports = await validatePages(pages, config, dir, warm);
      expect(reports).toEqual(await validatePages(pages, config, dir));
      expect(reports.map((r) => r.messages.map((m) => m.ruleId))).toEqual([[], ['wcag/h37']]);
      // It takes the pages of later runs too.
      expect(await validatePages([pages[1]!], config, dir, warm)).toEqual([reports[1]]);
    } finally {
      await warm.close();
    }
  });

  it('validates a page only if its bytes still have the digest given', async () => {
    const html = page('<img src="x.png">');
    writeFileSync(path.join(dir, 'bad.html'), html);
    const digest = createHash('sha256').update(html).digest('base64url');
    const [same] = await validatePages([{ file: 'bad.html', digest }], config, dir);
    expect(same!.changed).toBeUndefined();
    expect(same!.messages.map((m) => m.ruleId)).toEqual(['wcag/h37']);
    writeFileSync(path.join(dir, 'bad.html'), page('<img src="y.png">'));
    expect(await validatePages([{ file: 'bad.html', digest }], config, dir)).toEqual([{ file: 'bad.html', messages: [], changed: true }]);
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
