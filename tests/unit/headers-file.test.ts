import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  headersFileWithStyleSources,
  headersFor,
  metaContentSecurityPolicies,
  parseHeadersFile,
  styleHash,
  withStyleSources,
} from '../../src/lib/site/headers-file.ts';
import { inlineStyles } from '../../src/integrations/style-policy.ts';
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

describe('metaContentSecurityPolicies', () => {
  it("gives pages the site's policy without what only a header can carry", () => {
    const [policy, ...more] = metaContentSecurityPolicies(rules, '/2025/07/story/');
    expect(more).toEqual([]);
    const header = headersFor(rules, '/2025/07/story/')['Content-Security-Policy']!;
    const directives = header.split(';').map((d) => d.trim());
    expect(policy!.split('; ')).toEqual(directives.filter((d) => !d.startsWith('frame-ancestors')));
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('drops frame-ancestors, report-uri, report-to and sandbox, and writes each policy of a header apart', () => {
    const parsed = parseHeadersFile(
      "/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; report-uri /csp; REPORT-TO csp; sandbox allow-forms; img-src https:\n/x/*\n  content-security-policy: script-src 'none'\n",
    );
    expect(metaContentSecurityPolicies(parsed, '/')).toEqual(["default-src 'self'; img-src https:"]);
    expect(metaContentSecurityPolicies(parsed, '/x/y')).toEqual(["default-src 'self'; img-src https:", "script-src 'none'"]);
    expect(metaContentSecurityPolicies(parseHeadersFile('/*\n  X-Frame-Options: DENY\n'), '/')).toEqual([]);
  });
});

describe('styles allowed inline by their hash', () => {
  const hash = styleHash('a{color:red}');

  it('hashes the exact text of a style element, as browsers do', () => {
    expect(hash).toBe(`'sha256-${createHash('sha256').update('a{color:red}').digest('base64')}'`);
    expect(styleHash('a{color:red} ')).not.toBe(hash);
  });

  it('adds the hash to style-src, once', () => {
    const policy = "default-src 'self'; style-src 'self'; img-src https:";
    expect(withStyleSources(policy, [hash])).toBe(`default-src 'self'; style-src 'self' ${hash}; img-src https:`);
    expect(withStyleSources(withStyleSources(policy, [hash]), [hash])).toBe(withStyleSources(policy, [hash]));
  });

  it('copies default-src into a style-src of its own when there is none, and leaves alone a policy that does not limit styles, forbids them or allows every inline one', () => {
    expect(withStyleSources("default-src 'self' https:; img-src *", [hash])).toBe(`default-src 'self' https:; img-src *; style-src 'self' https: ${hash}`);
    expect(withStyleSources("script-src 'none'", [hash])).toBe("script-src 'none'");
    expect(withStyleSources("default-src 'self'; style-src 'none'", [hash])).toBe("default-src 'self'; style-src 'none'");
    expect(withStyleSources("style-src 'self' 'unsafe-inline'", [hash])).toBe("style-src 'self' 'unsafe-inline'");
  });

  it('adds it to every Content-Security-Policy of a _headers file and to nothing else', () => {
    const text =
      "# style-src 'self'\n/*\n  Content-Security-Policy: default-src 'self'; style-src 'self'\n  X-Test: style-src 'self'\n/x/*\n  content-security-policy: script-src 'none', default-src 'self'; style-src 'self'\n";
    expect(headersFileWithStyleSources(text, [hash])).toBe(
      `# style-src 'self'\n/*\n  Content-Security-Policy: default-src 'self'; style-src 'self' ${hash}\n  X-Test: style-src 'self'\n/x/*\n  content-security-policy: script-src 'none', default-src 'self'; style-src 'self' ${hash}\n`,
    );
  });

  it("allows the site's own stylesheet under the policy of public/_headers", () => {
    const served = headersFileWithStyleSources(readFileSync('public/_headers', 'utf8'), [hash]);
    expect(headersFor(parseHeadersFile(served), '/2025/07/story/')['Content-Security-Policy']).toContain(`style-src 'self' ${hash};`);
  });

  it('reads the text of every style element of a page', () => {
    expect(inlineStyles('<head><style>a{color:red}</style><STYLE media="print">b{}</STYLE ></head><p>style</p>')).toEqual(['a{color:red}', 'b{}']);
  });
});
