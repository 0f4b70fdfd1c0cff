import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
