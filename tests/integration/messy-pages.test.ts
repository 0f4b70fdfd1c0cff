/**
 * Pages and corrections in the messy archive (tests/support/messy-archive/pages.part.ts): the
 * production build publishes pages saved on Windows, linked in or kept in a subfolder, links them
 * in every page's footer, and shows corrections written in every form; `npm run check` rejects
 * each flawed page at its line.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import { PAGES } from '../support/messy-archive/pages.part.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the production build of the messy archive', () => {
  let site: MessyArchiveBuild;
  beforeAll(async () => {
    site = await messyArchiveBuild();
  }, 900_000);

  it('publishes a page saved on Windows, a linked page and a .markdown page with its own slug', () => {
    expect(site.page(PAGES.about)('h1').text()).toBe(PAGES.aboutTitle);
    expect(site.page(PAGES.about)('.site-page h2').text()).toBe('Corrections');
    expect(site.page(PAGES.contact)('.site-page').text()).toContain('Almaty desk');
    expect(site.page(PAGES.privacy)('.site-page').text()).toContain('No cookies');
  });

  it('links the footer pages from the story pages too', () => {
    const $ = site.page(PAGES.dateOnly);
    const footer = $('.site-footer nav a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(footer).toEqual(expect.arrayContaining([PAGES.about, PAGES.contact, PAGES.privacy]));
    expect($('.sections a').last().text()).toBe(PAGES.aboutTitle);
  });

  it('shows corrections written as a list, a flow list and with a date alone, entities decoded', () => {
    const texts = (page: string) =>
      site
        .page(page)('.corrections li span')
        .map((_, s) => site.page(page)(s).text())
        .get();
    expect(texts(PAGES.corrected)).toEqual(['An earlier version put the dam’s planned capacity at 1,900 megawatts. It is 1,860 megawatts.']);
    expect(texts(PAGES.flowList)).toEqual(['The fare rises to 10 som, not 12.', 'The new trolleybuses come from Belarus.']);
    expect(site.page(PAGES.dateOnly)('.corrections time').attr('datetime')).toBe('2013-09-21T00:00:00+06:00');
  });

  it('dates a story corrected after its update by the correction', () => {
    const $ = site.page(PAGES.corrected);
    const article = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get()
      .find((data: { '@type': string }) => data['@type'] === 'NewsArticle');
    expect(article.dateModified).toBe(PAGES.correctedModified);
  });
});

describe('npm run check on the flawed messy archive', () => {
  let contentDir: string;
  let stdout: string;
  beforeAll(async () => {
    contentDir = await writeMessyArchive({ flawed: true });
    stdout = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: contentDir },
    }).stdout;
  }, 120_000);
  afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

  it.each(Object.entries(PAGES.flawed))('reports %s at its line as an error', (file, line) => {
    const at = `${path.join(contentDir, file)}:${line}:`;
    expect(
      stdout.split('\n').some((l) => l.startsWith(at) && l.includes('  error  ')),
      `${at}\n${stdout}`,
    ).toBe(true);
  });

  it('says what each flaw is and what to do', () => {
    const lineOf = (file: string) => stdout.split('\n').find((l) => l.startsWith(path.join(contentDir, file)))!;
    expect(lineOf('pages/topics.md')).toContain('slug: This page would be published at /topics/, which is the section /topics/ of the site.');
    expect(lineOf('pages/team.md')).toContain(
      'footr: Unknown field "footr". Expected one of title, summary, slug, updated, footer, menu; found "footr". Did you mean "footer"?',
    );
    expect(lineOf('pages/imprint.md')).toContain('The file is not UTF-8 text');
  });
});
