import { describe, expect, it } from 'vitest';
import { xmlProblem } from '../../src/lib/verify/verify.ts';

describe('xmlProblem', () => {
  it('accepts well-formed XML', () => {
    expect(xmlProblem('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>A &amp; B</title></channel></rss>')).toBeUndefined();
  });

  it('names the line and column of what is wrong', () => {
    expect(xmlProblem('<rss>\n  <channel>\n</rss>')).toMatch(/^Not well-formed XML at line 3, column \d+: .*channel/);
    expect(xmlProblem('<urlset>\n<url><loc>a & b</loc></url>\n</urlset>')).toMatch(/^Not well-formed XML at line 2, column \d+: /);
    expect(xmlProblem('<a></a><b></b>')).toMatch(/^Not well-formed XML at line 1, column \d+: /);
  });
});
