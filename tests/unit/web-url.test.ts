import { describe, expect, it } from 'vitest';
import { articleFrontmatterSchema, organizationEntrySchema, webUrl, webUrlOrSitePath } from '../../src/lib/schema.ts';
import { validate } from '../../src/lib/content/validate.ts';
import { checkSiteLinks, siteConfig } from '../../src/site.config.ts';

const UNSAFE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/x.mp3',
  '/\\evil.example/x.mp3',
  'https:evil.example',
  'https:///evil.example',
  'https://',
  'ftp://files.example.org/a.mp3',
  'mailto:desk@example.org',
  'audio/story.mp3',
  'https://media.example.org/a.mp3 ',
  'https://media.example.org/a\t.mp3',
];

describe('the link rule', () => {
  it('accepts http and https addresses, in any letter case', () => {
    for (const url of ['https://media.example.org/a.mp3', 'http://example.org', 'HTTPS://Example.org/A?b=1#c', 'https://example.org/my photo.jpg']) {
      expect(webUrl.safeParse(url).success, url).toBe(true);
      expect(webUrlOrSitePath.safeParse(url).success, url).toBe(true);
    }
  });

  it('accepts a site path where a file of the site may be meant, and only there', () => {
    for (const url of ['/images/summit.jpg', '/audio/2025/osh%20water.mp3', '/']) {
      expect(webUrlOrSitePath.safeParse(url).success, url).toBe(true);
      expect(webUrl.safeParse(url).success, url).toBe(false);
    }
  });

  it('refuses every other scheme, protocol-relative addresses and invisible characters', () => {
    for (const url of UNSAFE) {
      expect(webUrl.safeParse(url).success, JSON.stringify(url)).toBe(false);
      expect(webUrlOrSitePath.safeParse(url).success, JSON.stringify(url)).toBe(false);
    }
  });

  it('holds for the registry url, the audio and the image of an article', () => {
    expect(organizationEntrySchema.safeParse({ name: 'SCO', url: 'javascript:alert(1)' }).success).toBe(false);
    expect(organizationEntrySchema.safeParse({ name: 'SCO', url: 'https://sectsco.org/' }).success).toBe(true);
    const article = { title: 'T', summary: 'S', date: '2025-07-31' };
    expect(articleFrontmatterSchema.safeParse({ ...article, audio: 'java\tscript:alert(1)' }).success).toBe(false);
    expect(articleFrontmatterSchema.safeParse({ ...article, image: { src: '//evil.example/a.jpg', alt: 'A' } }).success).toBe(false);
    expect(articleFrontmatterSchema.safeParse({ ...article, image: { src: '/images/a.jpg', alt: 'A' }, audio: '/a.mp3' }).success).toBe(true);
  });

  it('tells the writer what was expected, what was found and what to do', () => {
    const locate = () => ({ line: 7, column: 3 });
    const article = { title: 'T', summary: 'S', date: '2025-07-31', audio: 'java\tscript:alert(1)', image: { src: 'javascript:alert(1)', alt: 'A' } };
    const { problems } = validate(articleFrontmatterSchema, article, 'a.md', locate);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'a.md',
        field: 'image.src',
        line: 7,
        column: 3,
        message: 'has the wrong form.',
        expected:
          'the name of an image file relative to the article (osh-market.jpg, ./photos/osh-market.jpg), a path under public/ (/images/photo.jpg) or an https:// address',
        found: '"javascript:alert(1)"',
        hint: expect.stringContaining('javascript:, data:, //host) are refused'),
      },
      expect.objectContaining({
        field: 'audio',
        found: '"java\\tscript:alert(1)"',
        hint: 'Remove the tab or line break from the address, and any space before or after it.',
      }),
    ]);
  });
});

describe('the site configuration', () => {
  it('holds links the rule accepts', () => {
    expect(checkSiteLinks(siteConfig)).toBe(siteConfig);
  });

  it('stops with a clear error on a link that could run code', () => {
    expect(() => checkSiteLinks({ ...siteConfig, newsletterUrl: 'javascript:alert(1)' })).toThrow(
      'Site configuration: newsletterUrl in src/site.config.ts has the wrong form. Expected an address starting with https:// or http://',
    );
    expect(() => checkSiteLinks({ ...siteConfig, url: '//news.example.org' }, { url: true })).toThrow(
      'Site configuration: SITE_URL in the environment has the wrong form.',
    );
  });
});
