/**
 * Old addresses and links between stories in the messy archive (tests/support/messy-archive/
 * links.part.ts): the redirect pages and `_redirects` the build writes, links to other stories'
 * files written as their addresses, relative links verified, and the content check's reports on
 * the flawed archive. The same stories are also built alone under a base path (`/news/`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/content-check.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { siteConfig } from '../../src/site.config.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import links, { LINKS_DIR } from '../support/messy-archive/links.part.ts';

const root = path.resolve(import.meta.dirname, '../..');
const FIRE = '/2014/03/kara-suu-bazaar-fire/';
const COMPENSATION = '/2014/03/kara-suu-traders-compensation/';
const WORKSHOP = '/2015/02/agile-workshop-bishkek-ministries/';
const FOLLOW_UP = '/2015/03/agile-workshop-follow-up/';
const REBUILT = '/2016/06/kara-suu-bazaar-rebuilt/';

/** Old address -> the article it leads to, as the part's frontmatter lists them. */
const REDIRECTS: [string, string][] = [
  ['/2014/03/19/kara-suu-bazaar-fire/', FIRE],
  ['/old/news/bazaar-fire.html', FIRE],
  ['/2014/03/27/kara-suu-traders-compensation/', COMPENSATION],
  ['/2015/02/18/agile-workshop-bishkek-ministries/', WORKSHOP],
  ['/blog/agile-workshop/', WORKSHOP],
];

const hrefs = (site: BuiltSite, page: string) =>
  site
    .page(page)('article a[href]')
    .map((_, a) => site.page(page)(a).attr('href'))
    .get();

describe('old addresses and links between stories in the messy archive', () => {
  let site: MessyArchiveBuild;
  beforeAll(async () => {
    site = await messyArchiveBuild();
  }, 900_000);

  it.each(REDIRECTS)('writes a redirect page at %s leading to %s', (alias, target) => {
    const $ = site.page(alias);
    expect($('link[rel="canonical"]').attr('href')).toBe(new URL(target, siteConfig.url).href);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=${target}`);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('title').text()).toMatch(/^Moved: /);
    expect($('body a').attr('href')).toBe(target);
    expect($('script')).toHaveLength(0);
  });

  it('lists every old address in _redirects, and no page is left out of the site', () => {
    const lines = readFileSync(path.join(site.outDir, '_redirects'), 'utf8').split('\n');
    for (const [alias, target] of REDIRECTS) expect(lines).toContain(`${alias} ${target} 301`);
    expect(site.exists(FIRE)).toBe(true);
  });

  it('writes links to story files as the stories’ addresses, in Markdown, raw HTML and reference links', () => {
    expect(hrefs(site, COMPENSATION)).toContain(FIRE);
    expect(hrefs(site, WORKSHOP)).toContain(`${COMPENSATION}#compensation`);
    expect(hrefs(site, FOLLOW_UP)).toEqual(expect.arrayContaining([WORKSHOP, FIRE]));
    expect(hrefs(site, REBUILT)).toContain(FIRE);
    for (const page of [COMPENSATION, WORKSHOP, FOLLOW_UP, REBUILT]) {
      expect(
        hrefs(site, page).filter((href) => /\.md\b/.test(href ?? '')),
        page,
      ).toEqual([]);
    }
  });

  it('keeps relative links and links to old addresses as written', () => {
    expect(hrefs(site, WORKSHOP)).toContain('../../../2014/03/kara-suu-bazaar-fire/');
    expect(hrefs(site, FOLLOW_UP)).toEqual(expect.arrayContaining(['../../02/agile-workshop-bishkek-ministries/', '/old/news/bazaar-fire.html']));
    expect(hrefs(site, REBUILT)).toContain('/2015/02/18/agile-workshop-bishkek-ministries/');
  });
});

describe('the content check on the flawed archive', () => {
  let problems: string[];
  let dir: string;
  beforeAll(async () => {
    dir = await writeMessyArchive({ flawed: true });
    const found = await checkContent(dir, { site: siteConfig, publicDir: path.join(root, 'public'), now: new Date() });
    problems = found.map(formatProblem).map((line) => line.replaceAll(`${dir}/`, ''));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const photos = `${LINKS_DIR}/2014/2014-03-21-kara-suu-fire-photos.md`;

  it('names both files of an old address two stories claim', () => {
    expect(problems).toContainEqual(
      `${photos}:8:5  error  aliases[0]: The old address /old/news/bazaar-fire.html is claimed by this article and by ${LINKS_DIR}/2014/2014-03-19-kara-suu-bazaar-fire.md (line 10); it can lead to one story only. Remove it from the article it did not belong to.`,
    );
  });

  it('reports a relative link to nothing and a link to no story file, with line and column', () => {
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${photos}:11:35  error  The link \\.\\./kara-suu-fire-day-two/ points to no page or file of the site \\(from this story's page it leads to /2014/03/kara-suu-fire-day-two/\\)\\.`,
        ),
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${photos}:12:1  error  The link 2014-03-30-kara-suu-fire-inquiry\\.md names no article file\\. Expected an article file at ${LINKS_DIR}/2014/2014-03-30-kara-suu-fire-inquiry\\.md, or one article file anywhere called`,
        ),
      ),
    );
  });

  it('finds nothing else wrong with these stories', () => {
    expect(problems.filter((p) => p.startsWith(LINKS_DIR) && !p.startsWith(photos))).toEqual([]);
  });
});

describe('the same stories under a base path', () => {
  const env = { SITE_BASE: '/news/' };
  let content: string;
  let work: string;
  let site: BuiltSite;
  let verify: { status: number | null; output: string };
  beforeAll(() => {
    content = mkdtempSync(path.join(tmpdir(), 'links-base-'));
    work = mkdtempSync(path.join(root, 'node_modules', '.newsroom-build-links-'));
    links({
      dir: content,
      flawed: false,
      write(file, text) {
        mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
        writeFileSync(path.join(content, file), text);
      },
      symlink: (target, file) => symlinkSync(target, path.join(content, file)),
    });
    site = buildSite(content, env, work);
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/verify.ts'), '--dist', site.outDir, '--html-pages', 'all'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env, CONTENT_DIR: content },
    });
    verify = { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }, 600_000);
  afterAll(() => rmSync(content, { recursive: true, force: true }));

  it('builds and verifies', () => {
    expect(site.status, site.output).toBe(0);
    expect(verify.status, verify.output).toBe(0);
  });

  it('puts the base in redirect pages, _redirects, links to story files and links from the root', () => {
    const $ = site.page('/old/news/bazaar-fire.html');
    expect($('link[rel="canonical"]').attr('href')).toBe(new URL(`/news${FIRE}`, siteConfig.url).href);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=/news${FIRE}`);
    expect(readFileSync(path.join(site.outDir, '_redirects'), 'utf8')).toContain(`/news/blog/agile-workshop/ /news${WORKSHOP} 301\n`);
    expect(hrefs(site, COMPENSATION)).toEqual(expect.arrayContaining([`/news${FIRE}`, '/news/2014/03/19/kara-suu-bazaar-fire/']));
    expect(hrefs(site, WORKSHOP)).toContain('../../../2014/03/kara-suu-bazaar-fire/');
  });

  it('rewrites a link to a story file whose story moved, though the linking body is unchanged', () => {
    const file = path.join(content, LINKS_DIR, '2014/2014-03-27-kara-suu-traders-compensation.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2014-03-27\n', 'date: 2014-03-27\nslug: kara-suu-compensation\n'));
    const rebuilt = buildSite(content, env, work);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    // From the build cache: rendered again are the moved story (a new address is a new record) and
    // the story that links its file; the other three bodies are the previous build's.
    expect(rebuilt.output).toMatch(/5 articles read, checked and rendered in [\d.]+s \(2 bodies rendered\)/);
    expect(hrefs(rebuilt, WORKSHOP)).toContain('/news/2014/03/kara-suu-compensation/#compensation');
    expect(rebuilt.page('/2014/03/27/kara-suu-traders-compensation/')('body a').attr('href')).toBe('/news/2014/03/kara-suu-compensation/');
  }, 600_000);
});
