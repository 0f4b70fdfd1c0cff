/**
 * Reading an archive as years left it (tests/support/messy-archive/reading.part.ts): the
 * production build publishes the articles behind symbolic links, in `.markdown` files and with
 * CRLF line endings, shows entities as the characters they stand for, keeps every page valid
 * whatever the headline's length, and leaves a broken draft out with a warning; `npm run check`
 * rejects each flawed file at its line.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import { READING, READING_LONG_TITLE } from '../support/messy-archive/reading.part.ts';
import { TITLE_MAX } from '../../src/lib/site/page-title.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the production build of the messy archive', () => {
  let site: MessyArchiveBuild;
  beforeAll(async () => {
    site = await messyArchiveBuild();
  }, 900_000);

  it('publishes the articles of a linked archive folder, a linked file, a .markdown file and CRLF files', () => {
    for (const page of [...READING.archive, READING.linkedFile, READING.markdown, READING.crlf]) {
      expect(site.exists(page), page).toBe(true);
    }
    expect(site.page(READING.crlf)('h1').text().trim()).toBe(READING.crlfTitle);
    expect(site.page('/2014/03/')('main').text()).toContain('Fire destroys a row of stalls at the Osh bazaar');
  });

  it('shows HTML entities of the frontmatter as the characters they stand for, as text', () => {
    const $ = site.page(READING.entities);
    expect($('h1').text().trim()).toBe(READING.entitiesTitle);
    expect($('title').text()).toBe(`${READING.entitiesTitle} · Steppe Dispatch`);
    expect($('meta[name="description"]').attr('content')).toBe(READING.entitiesSummary);
    // A decoded `<b>` is shown as text, never made an element.
    expect($('main').text()).toContain('<b>never</b>');
    expect($('main b').length).toBe(0);
    expect($('img[alt="A whiteboard with “sprint 14” written on it"]').length).toBe(1);
    expect(site.page('/topics/digital-policy/')('body').text()).toContain(READING.entitiesTitle);
    const html = site.page(READING.entities).html();
    expect(html).not.toContain('&amp;ldquo;');
    expect(html).not.toContain('&amp;#8217;');
  });

  it('keeps a page with a paragraph-long headline valid: the headline whole, the <title> shortened', () => {
    const $ = site.page(READING.longTitle);
    expect($('h1').text().trim()).toBe(READING_LONG_TITLE);
    expect($('title').text().length).toBeLessThanOrEqual(TITLE_MAX);
    expect($('title').text()).toMatch(/^Bishkek city council votes .*… · Steppe Dispatch$/);
  });

  it('gives headings of old stories valid ids and leaves empty ones out', () => {
    const $ = site.page(READING.archive[0]!);
    expect(
      $('.story-body h2')
        .map((_, h) => $(h).attr('id'))
        .get(),
    ).toEqual(['section-2013-in-numbers', 'section']);
  });

  it('leaves the broken draft out, saying so in a warning with its file and line', () => {
    const lines = site.output.split('\n').map((line) => line.trim());
    const warning = lines.find((line) => line.includes(READING.brokenDraft));
    expect(warning, site.output).toMatch(/:4:1 {2}warning {2}date: has the wrong form\..*This draft was left out of the build/);
    expect(site.pages().some((page) => page.includes('half-done-budget-draft'))).toBe(false);
  });
});

describe('npm run check on the flawed messy archive', () => {
  let contentDir: string;
  let result: { status: number | null; stdout: string };
  beforeAll(async () => {
    contentDir = await writeMessyArchive({ flawed: true });
    result = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: contentDir },
    });
  }, 120_000);
  afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

  it('exits 1', () => {
    expect(result.status, result.stdout).toBe(1);
  });

  it.each(Object.entries(READING.flawed))('reports %s at its line as an error', (file, line) => {
    const at = `${path.join(contentDir, file)}:${line}:`;
    expect(
      result.stdout.split('\n').some((l) => l.startsWith(at) && l.includes('  error  ')),
      `${at}\n${result.stdout}`,
    ).toBe(true);
  });

  it('says what each flaw is and what to do', () => {
    const lineOf = (file: string) => result.stdout.split('\n').find((l) => l.startsWith(path.join(contentDir, file)))!;
    expect(lineOf('articles/2017/2017-03-08-latin1-letters.md')).toMatch(
      /:6:11 {2}error {2}The file is not UTF-8 text.*0xD6.*save it again with the encoding "UTF-8"/,
    );
    expect(lineOf('articles/2017/2017-04-02-unclosed-frontmatter.md')).toContain('The frontmatter opened by "---" on line 1 is never closed.');
    expect(lineOf('articles/2017/2017-05-19-empty-country.md')).toContain(
      'location: has the wrong form. Expected "Place, Country" or "Country", each part filled in; found "Osh, ".',
    );
    expect(lineOf('articles/2017/2017-06-01-punctuation-topic.md')).toContain('topics[0]: The name has no letters or digits');
    expect(lineOf('articles/2017/2017-07-14-bell-in-summary.md')).toContain('summary: holds the control character U+0007');
    expect(lineOf('articles/loop')).toContain('symbolic link leads back into a folder it is already in');
    expect(lineOf('articles/2017/2017-08-30-textless-link.md')).toMatch(/:9:61 {2}error {2}The link to https:\/\/example\.org\/photos has no text/);
  });

  it('reports the broken draft as an error, as the pull-request check does', () => {
    expect(result.stdout).toMatch(new RegExp(`${READING.brokenDraft.replace(/[.]/g, '\\.')}:4:1 {2}error {2}date: has the wrong form`));
  });
});
