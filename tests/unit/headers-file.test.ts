import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile } from '../../scripts/lib/headers-file.ts';
import { siteConfig } from '../../src/site.config.ts';

const rules = parseHeadersFile(readFileSync('public/_headers', 'utf8'));

describe('public/_headers', () => {
  it('caches HTML, feeds and the search index briefly, with revalidation', () => {
    for (const path of ['/', '/2025/07/story/', '/feed.xml', '/pagefind/pagefind.js', '/sitemap-index.xml']) {
      expect(headersFor(rules, path)['Cache-Control'], path).toBe('public, max-age=60, must-revalidate');
    }
  });

  it('caches hashed assets for a year, immutable', () => {
    expect(headersFor(rules, '/_astro/Base.DHBp1Axm.css')['Cache-Control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the security headers everywhere', () => {
    const headers = headersFor(rules, '/2025/07/story/');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Content-Security-Policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('lets the newsletter form post where the site configuration says', () => {
    const csp = headersFor(rules, '/')['Content-Security-Policy']!;
    const formAction = csp.split(';').find((d) => d.trim().startsWith('form-action'))!;
    if (siteConfig.newsletterUrl) expect(formAction).toContain(new URL(siteConfig.newsletterUrl).origin);
  });
});

describe('parseHeadersFile and headersFor', () => {
  const parsed = parseHeadersFile('# comment\n/*\n  A: 1\n  B: 2\n\n/x/*\n  ! A\n  A: 3\n  B: 4\n');

  it('applies every matching rule in order, joining repeated headers', () => {
    expect(headersFor(parsed, '/x/y')).toEqual({ A: '3', B: '2, 4' });
    expect(headersFor(parsed, '/z')).toEqual({ A: '1', B: '2' });
  });
});
