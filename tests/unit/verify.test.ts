import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkTree } from '../../src/lib/build/staged-output.ts';
import { resolveTarget, verifySite, type Verification } from '../../src/lib/verify/verify.ts';

describe('resolveTarget', () => {
  it('resolves a relative link against its page, as a browser does', () => {
    expect(resolveTarget('../other-post/', '/', '/2015/02/agile-workshop/')).toBe('/2015/02/other-post/');
    expect(resolveTarget('other-post/', '/', '/2015/02/agile-workshop/')).toBe('/2015/02/agile-workshop/other-post/');
    expect(resolveTarget('./photo.jpg', '/news/', '/2015/02/x/')).toBe('/2015/02/x/photo.jpg');
    expect(resolveTarget('../../../2014/', '/news/', '/2015/02/x/')).toBe('/2014/');
    expect(resolveTarget('fire/', '/', '/old/bazaar.html')).toBe('/old/fire/');
  });

  it('reads a path from the root as before, decoded', () => {
    expect(resolveTarget('/news/people/%D0%B0/?page=2#top', '/news/', '/')).toBe('/people/а/');
  });

  it('says when a link leaves the base', () => {
    expect(resolveTarget('/elsewhere/', '/news/', '/2015/02/x/')).toBeUndefined();
    expect(resolveTarget('../../../../elsewhere/', '/news/', '/2015/02/x/')).toBeUndefined();
  });
});

describe('verifySite with a verification cache', () => {
  const config = { extends: ['html-validate:recommended'] };
  let work: string;
  let dist: string;
  let cacheFile: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'verify-site-'));
    dist = path.join(work, 'dist');
    cacheFile = path.join(work, 'cache', 'verification.json');
    const pages: Record<string, string> = {
      'index.html': page('Home', '/', '<a href="/a/">A</a> <a href="/b/">B</a>'),
      'a/index.html': page('A', '/a/', '<a href="/b/">B</a> <a href="../c/">C</a>'),
      'b/index.html': page('B', '/b/', '<a href="/">Home</a>'),
      'c/index.html': page('C', '/c/', '<a href="/">Home</a>'),
      '404.html': page('Not found', undefined, '<a href="/">Home</a>'),
      'feed.xml': '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title></channel></rss>',
      'style.css': 'main { margin: 0 }',
      'pagefind/pagefind.js': '',
    };
    for (const [file, text] of Object.entries(pages)) write(file, text);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function page(title: string, canonical: string | undefined, body: string): string {
    const link = canonical ? `<link rel="canonical" href="https://news.example.org${canonical}">` : '';
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${link}<link rel="stylesheet" href="/style.css"></head><body><main>${body}</main></body></html>`;
  }
  function write(file: string, text: string) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), text);
  }
  const verify = (options: { unpublished?: string[]; htmlBudget?: number } = {}) =>
    verifySite({ dist, base: '/', unpublished: options.unpublished ?? [], htmlValidate: config, cacheFile, htmlBudget: options.htmlBudget });
  const messages = (result: Verification) => result.problems.map(({ page, message }) => `${page}  ${message}`);

  it('passes a good site, then keeps the results of every unchanged page and feed', async () => {
    const first = await verify();
    expect(first.problems).toEqual([]);
    expect(first.files).toEqual({ checked: 6, unchanged: 0 });
    expect(first.html).toEqual({ validated: 5, deferred: 0 });
    const second = await verify();
    expect(second.problems).toEqual([]);
    expect(second.files).toEqual({ checked: 0, unchanged: 6 });
    expect(second.html).toEqual({ validated: 5, deferred: 0 });
  });

  it('checks a page whose bytes changed', async () => {
    await verify();
    write('b/index.html', page('B', '/b/', '<img src="/b/photo.jpg">').replace(/<title>.*<\/title>/, ''));
    const result = await verify();
    expect(result.files).toEqual({ checked: 1, unchanged: 5 });
    expect(messages(result)).toEqual([
      '/b/  The page has no title.',
      '/b/  The link /b/photo.jpg points to nothing in the built site.',
      expect.stringMatching(/^\/b\/ {2}Invalid HTML at .*\(element-required-content\)\.$/),
      expect.stringMatching(/^\/b\/ {2}Invalid HTML at .*\(wcag\/h37\)\.$/),
    ]);
  });

  it('knows an unchanged file of a hard-linked copy by its identity on disk, and reads a file written anew', async () => {
    // A time the file system keeps exactly, to put back below.
    const time = new Date('2025-08-01T12:00:00Z');
    utimesSync(path.join(dist, 'b/index.html'), time, time);
    await verify();
    const copy = path.join(work, 'copy');
    linkTree(dist, copy);
    // A new file of the same size in place of a link: another inode, so its bytes are read.
    const file = path.join(copy, 'c/index.html');
    const text = readFileSync(file, 'utf8');
    rmSync(file);
    writeFileSync(file, text.replace('<title>C</title>', '<title>D</title>'));
    // Bytes changed in place with the size and time kept: the same file on disk, taken as checked.
    const linked = path.join(copy, 'b/index.html');
    writeFileSync(linked, readFileSync(linked, 'utf8').replace('<title>B</title>', '<title>X</title>'));
    utimesSync(linked, time, time);
    const result = await verifySite({ dist: copy, base: '/', unpublished: [], htmlValidate: config, cacheFile });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual({ checked: 1, unchanged: 5 });
  });

  it('finds the links of unchanged pages broken when their target is removed', async () => {
    await verify();
    rmSync(path.join(dist, 'b'), { recursive: true });
    rmSync(path.join(dist, 'c'), { recursive: true });
    expect(messages(await verify())).toEqual([
      '/a/  The link /b/ points to nothing in the built site.',
      '/a/  The link ../c/ points to nothing in the built site.',
      '/  The link /b/ points to nothing in the built site.',
    ]);
  });

  it('finds an unpublished story among unchanged pages', async () => {
    await verify();
    expect(messages(await verify({ unpublished: ['/c/'] }))).toEqual(['/c/  A draft or scheduled article is in the built site.']);
  });

  it('checks a feed whose bytes changed', async () => {
    await verify();
    write('feed.xml', '<rss><channel></rss>');
    expect(messages(await verify())).toEqual([expect.stringMatching(/^\/feed\.xml {2}Not well-formed XML at line 1/)]);
  });

  it('leaves the cache as it was when a verification fails', async () => {
    await verify();
    const before = readFileSync(cacheFile, 'utf8');
    write('c/index.html', page('C', undefined, '<a href="/">Home</a>'));
    write('d/index.html', page('D', '/d/', '<a href="/">Home</a>'));
    expect(messages(await verify())).toEqual(['/c/  The page has no canonical URL.']);
    expect(readFileSync(cacheFile, 'utf8')).toBe(before);
    // The page that failed is checked again, not taken as passed.
    expect(messages(await verify())).toEqual(['/c/  The page has no canonical URL.']);
  });

  it('checks every file afresh when the cache is damaged', async () => {
    await verify();
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8'));
    write('b/index.html', page('B', '/b/', '<a href="/">Home</a>').replace(/<title>.*<\/title>/, '<title></title>'));
    rmSync(path.join(dist, 'c'), { recursive: true });
    const damaged = [
      readFileSync(cacheFile, 'utf8').slice(0, 200),
      'null',
      '[]',
      JSON.stringify({ ...stored, files: null }),
      JSON.stringify({ ...stored, targets: {} }),
      // Entries of the wrong shape, and link indexes that name no target.
      JSON.stringify({ ...stored, files: Object.fromEntries(Object.keys(stored.files).map((file) => [file, 'passed'])) }),
      JSON.stringify({ ...stored, targets: [] }),
      JSON.stringify({ ...stored, checks: 'another version' }),
    ];
    for (const text of damaged) {
      writeFileSync(cacheFile, text);
      expect(messages(await verify()), text.slice(0, 80)).toEqual([
        '/a/  The link ../c/ points to nothing in the built site.',
        '/b/  The page has no title.',
        expect.stringMatching(/^\/b\/ {2}Invalid HTML at .*\(empty-title\)\.$/),
      ]);
    }
  });

  it('keeps html-validate verdicts when only the other checks must run again', async () => {
    await verify();
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8'));
    writeFileSync(cacheFile, JSON.stringify({ ...stored, checks: 'another version' }));
    const result = await verify({ htmlBudget: 0 });
    expect(result.files).toEqual({ checked: 6, unchanged: 0 });
    expect(result.html).toEqual({ validated: 5, deferred: 0 });
  });

  it('validates at most the budget of pages a run, and the rest in the runs that follow', async () => {
    const first = await verify({ htmlBudget: 3 });
    expect(first.html).toEqual({ validated: 3, deferred: 2 });
    const second = await verify({ htmlBudget: 3 });
    expect(second.html).toEqual({ validated: 5, deferred: 0 });
    write('b/index.html', page('B', '/b/', '<p>B</p>'));
    write('c/index.html', page('C', '/c/', '<p>C</p>'));
    const third = await verify({ htmlBudget: 1 });
    expect(third.html).toEqual({ validated: 4, deferred: 1 });
    const fourth = await verify({ htmlBudget: 1 });
    expect(fourth.html).toEqual({ validated: 5, deferred: 0 });
  });

  it('validates the pages that changed before those earlier runs left', async () => {
    const first = await verify({ htmlBudget: 1 });
    expect(first.html).toEqual({ validated: 1, deferred: 4 });
    // An invalid page written now is validated first, whatever the backlog.
    write('c/index.html', page('C', '/c/', '<p>C</p>').replace('<title>C</title>', '<title></title>'));
    const second = await verify({ htmlBudget: 1 });
    expect(messages(second)).toEqual(['/c/  The page has no title.', expect.stringMatching(/^\/c\/ {2}Invalid HTML at .*\(empty-title\)\.$/)]);
    expect(second.html).toEqual({ validated: 2, deferred: 3 });
  });
});
