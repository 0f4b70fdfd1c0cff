import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_COUNTS, BROKEN_DIR, BROKEN_PROBLEMS } from '../support/broken-corpus.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

const brokenDir = fileURLToPath(new URL(`../../${BROKEN_DIR}`, import.meta.url));
let site: BuiltSite;

beforeAll(() => {
  site = buildSite(brokenDir);
}, 600_000);
afterAll(() => rmSync(path.dirname(site.outDir), { recursive: true, force: true }));

describe('a build with broken content', () => {
  it('fails and publishes nothing', () => {
    expect(site.status).not.toBe(0);
    expect(existsSync(site.outDir)).toBe(false);
  });

  it('reports every problem together', () => {
    expect(site.output).toContain(`Content has ${BROKEN_COUNTS.errors} errors and ${BROKEN_COUNTS.warnings} warnings`);
    expect(site.output).toContain('Nothing was published');
  });

  it.each(BROKEN_PROBLEMS)('reports %s with the same message as npm run check', (_, pattern) => {
    const lines = site.output.split('\n').map((line) => line.trim());
    expect(
      lines.some((line) => pattern.test(line)),
      `${pattern}\n${site.output}`,
    ).toBe(true);
  });
});
