import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePages } from '../../src/lib/html-validation.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'html-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body>${body}</body></html>`;
const config = { extends: ['html-validate:recommended'] };

describe('validatePages', () => {
  it('reports in page order whether it uses worker threads or not', async () => {
    // Enough pages for several workers; one bad page among them.
    const files = Array.from({ length: 450 }, (_, i) => {
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, page(i === 301 ? '<img src="x.png">' : `<p>Story ${i}</p>`));
      return file;
    });
    const reports = await validatePages(files, config);
    expect(reports.map((r) => r.file)).toEqual(files);
    expect(reports.filter((r) => r.messages.length).map((r) => r.file)).toEqual([files[301]]);
    expect(reports[301]!.messages.map((m) => m.ruleId)).toContain('wcag/h37');

    const alone = await validatePages([files[301]!], config);
    expect(alone[0]!.messages).toEqual(reports[301]!.messages);
  });
});

describe('validatePages with a cache file', () => {
  it('validates only pages that changed, and reports the same', async () => {
    const cacheFile = path.join(dir, 'cache', 'html-validate.json');
    const good = path.join(dir, 'good.html');
    const bad = path.join(dir, 'bad.html');
    writeFileSync(good, page('<p>Fine</p>'));
    writeFileSync(bad, page('<img src="x.png">'));
    const first = await validatePages([good, bad], config, cacheFile);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(Object.keys(cached)).toHaveLength(2);

    // A changed page is validated again; the cache answers for the other.
    writeFileSync(good, page('<p>Still fine</p>'));
    const second = await validatePages([good, bad], config, cacheFile);
    expect(second).toEqual(first);
    writeFileSync(bad, page('<p>Fixed</p>'));
    const third = await validatePages([good, bad], config, cacheFile);
    expect(third.every((r) => r.messages.length === 0)).toBe(true);
  });
});
