import { describe, expect, it } from 'vitest';
import type { ArticleFields } from '../../src/lib/model/article.ts';
import { articleFiles, fileLinkTargets, isFileLink, resolveFileLink } from '../../src/lib/markdown/file-links.ts';
import { createBodyRenderer } from '../../src/lib/markdown/markdown.ts';

const fields = (file: string, path: string) => ({ file, path }) as ArticleFields;
const workshop = { absolutePath: '/c/articles/2015/2015-02-18-agile-workshop.md', fields: fields('2015 workshop', '/2015/02/agile-workshop/') };
const summit = { absolutePath: '/c/articles/2014/summit.md', fields: fields('2014 summit', '/2014/06/summit/') };
const summitAgain = { absolutePath: '/c/articles/2016/summit.md', fields: fields('2016 summit', '/2016/06/summit/') };
const flood = { absolutePath: '/c/articles/2016/07/flood.markdown', fields: fields('flood', '/2016/07/flood/') };
const files = articleFiles([workshop, summit, summitAgain, flood]);
const from = '/c/articles/2015/2015-03-01-follow-up.md';

describe('isFileLink', () => {
  it.each(['other.md', '../2014/summit.md#reaction', './x.MD', 'flood.markdown', 'my%20story.md'])('takes %s', (url) => {
    expect(isFileLink(url)).toBe(true);
  });
  it.each(['/2015/02/x.md', 'https://example.org/x.md', '#x.md', 'other/', 'README.md.txt', 'x.md?raw=1', 'mailto:x.md'])('leaves %s', (url) =>
    expect(isFileLink(url)).toBe(false),
  );
});

describe('resolveFileLink', () => {
  it('reads the path from the linking file’s folder first', () => {
    expect(resolveFileLink('2015-02-18-agile-workshop.md', from, files)).toEqual({ article: workshop.fields, fragment: '' });
    expect(resolveFileLink('../2014/summit.md#reaction', from, files)).toEqual({ article: summit.fields, fragment: '#reaction' });
    expect(resolveFileLink('../2016/07/flood.markdown', from, files)).toEqual({ article: flood.fields, fragment: '' });
  });

  it('falls back to the one article file with that name, and names every candidate when there are several', () => {
    expect(resolveFileLink('flood.markdown', from, files)).toEqual({ article: flood.fields, fragment: '' });
    expect(resolveFileLink('summit.md', from, files)).toEqual({ candidates: [summit.fields, summitAgain.fields] });
  });

  it('says where it looked when nothing is there', () => {
    expect(resolveFileLink('../gone.md', from, files)).toEqual({ missing: { relative: '/c/articles/gone.md', name: 'gone.md' } });
  });
});

describe('file links in the Markdown pipeline', () => {
  const body = [
    'See [the workshop](2015-02-18-agile-workshop.md) and [the summit][s].',
    '',
    '<p>Also <a href="../2014/summit.md#reaction">the reaction</a> and <a href="summit.md">either summit</a>.</p>',
    '',
    '[s]: ../2014/summit.md',
    '',
    '`[code](flood.markdown)` stays as written.',
  ].join('\n');

  it('gives the address, with the base and fragment, of every link that names one article', () => {
    expect(fileLinkTargets(body, from, files, '/news/')).toEqual({
      '2015-02-18-agile-workshop.md': '/news/2015/02/agile-workshop/',
      '../2014/summit.md#reaction': '/news/2014/06/summit/#reaction',
      '../2014/summit.md': '/news/2014/06/summit/',
    });
    expect(fileLinkTargets('No links to files here.', from, files, '/')).toEqual({});
  });

  it('renders those links as the addresses, in Markdown links, references and raw HTML', async () => {
    const renderer = await createBodyRenderer();
    const { code } = await renderer.render(body, { frontmatter: { siteLinks: { base: '/', fileLinks: fileLinkTargets(body, from, files, '/') } } });
    expect(code).toContain('<a href="/2015/02/agile-workshop/">the workshop</a>');
    expect(code).toContain('<a href="/2014/06/summit/">the summit</a>');
    expect(code).toContain('<a href="/2014/06/summit/#reaction">the reaction</a>');
    // Ambiguous: left as written, for the content check to report.
    expect(code).toContain('<a href="summit.md">either summit</a>');
    expect(code).toContain('<code>[code](flood.markdown)</code>');
  });
});

describe('root links under a base', () => {
  it('get the base once, in Markdown and raw HTML, and other links stay as written', async () => {
    const renderer = await createBodyRenderer();
    const body = [
      '[Old](/2014/03/19/fire/), [with base](/news/2014/03/fire/), [relative](../x/), [far](https://example.org/a), [cdn](//cdn.example.org/a).',
      '',
      '![Map](/images/map.svg)',
      '',
      '<a href="/old/fire.html">old page</a>',
    ].join('\n');
    const { code } = await renderer.render(body, { frontmatter: { siteLinks: { base: '/news/', fileLinks: {} } } });
    expect(code).toContain('<a href="/news/2014/03/19/fire/">Old</a>');
    expect(code).toContain('<a href="/news/2014/03/fire/">with base</a>');
    expect(code).toContain('<a href="../x/">relative</a>');
    expect(code).toContain('<a href="https://example.org/a">far</a>');
    expect(code).toContain('<a href="//cdn.example.org/a">cdn</a>');
    expect(code).toContain('src="/news/images/map.svg"');
    expect(code).toContain('<a href="/news/old/fire.html">old page</a>');
  });
});
