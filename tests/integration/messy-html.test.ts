/**
 * Old-CMS stories of the messy archive (tests/support/messy-archive/html.part.ts) as the
 * production build publishes them: nothing that runs code, styles inline or embeds an unknown
 * site; the tables, figures, footnotes, code and the allowed video are kept; and `npm run check`
 * warns about each removal at its line.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/content-check.ts';
import type { ContentProblem } from '../../src/lib/content/problems.ts';
import { siteConfig } from '../../src/site.config.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { HTML_STORIES } from '../support/messy-archive/html.part.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';

let site: MessyArchiveBuild;
beforeAll(async () => {
  site = await messyArchiveBuild();
}, 900_000);

describe('old-CMS HTML in the built messy archive', () => {
  it('publishes no script, event handler, javascript: address, inline style or unknown frame in any story', () => {
    for (const sitePath of Object.values(HTML_STORIES)) {
      const $ = site.page(sitePath);
      const body = $('.story-body');
      expect(body.length, sitePath).toBe(1);
      const html = body.html()!;
      expect(html, sitePath).not.toMatch(/<script|<style|<font|<center|\son[a-z]+=|style=|javascript:|data:|align=|bgcolor=/i);
      expect($('script:not([type="application/ld+json"])').length, sitePath).toBe(0);
      body.find('iframe').each((_, frame) => expect($(frame).attr('src'), sitePath).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\//));
    }
    // Every page of the archive, whatever part wrote it: markup in names and titles of other
    // stories is text (escaped), so the published elements and attributes are what is checked.
    const everyPage = readdirSync(site.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    for (const file of everyPage) {
      const $ = cheerio.load(readFileSync(path.join(site.outDir, file), 'utf8'));
      $('*').each((_, element) => {
        if (!('attribs' in element)) return;
        for (const [name, value] of Object.entries(element.attribs)) {
          expect(name, `${file}: <${element.tagName} ${name}>`).not.toMatch(/^on/i);
          expect(name, `${file}: <${element.tagName} ${name}>`).not.toBe('style');
          if (['href', 'src', 'action', 'formaction', 'srcset', 'poster'].includes(name)) {
            expect(value, `${file}: <${element.tagName} ${name}>`).not.toMatch(/^\s*(javascript|vbscript|data):|stats\.example\.net/i);
          }
        }
      });
      // An unknown embed is published as a plain link to it, never as a frame.
      $('iframe').each((_, frame) => expect(frame.attribs.src, file).not.toMatch(/polls\.oldcms\.example\.com/));
      $('script').each((_, script) => {
        const { type, src } = script.attribs;
        expect(type === 'application/ld+json' || (type === 'module' && src?.startsWith('/')), `${file}: a script`).toBe(true);
        expect($(script).text(), file).not.toContain('_gaq');
      });
    }
  });

  it('keeps the table of an old CMS, without its styles, in a scrollable region, and the text of <font> and <center>', () => {
    const $ = site.page(HTML_STORIES.tram);
    const region = $('.story-body section.table-scroll');
    expect(region.attr('tabindex')).toBe('0');
    expect(
      region
        .find('th')
        .map((_, th) => $(th).text())
        .get(),
    ).toEqual(['Line', 'Opened', 'Length, km']);
    expect(region.find('td.align-right').first().text()).toBe('11.2');
    expect($('.story-body').text()).toContain('ALMATY');
    expect($('.story-body').text()).toContain('Photo archive: city transport department.');
    expect($('.story-body br').length).toBeGreaterThanOrEqual(2);
    const ref = $('.story-body a[data-footnote-ref]');
    expect($(`.story-body ${ref.attr('href')}`).text()).toContain('press release of 12 March 2011');
  });

  it('keeps aligned Markdown tables, figures, definitions and details', () => {
    const $ = site.page(HTML_STORIES.water);
    expect($('.story-body th.align-center').text()).toBe('Quota, km³');
    expect($('.story-body td.align-right').first().text()).toBe('10.9');
    expect($('.story-body figure img').attr('alt')).toBe('Map of the river basins');
    expect($('.story-body figure img').attr('loading')).toBe('lazy');
    expect($('.story-body figcaption').text()).toBe('The basins of the Syr Darya and Amu Darya.');
    expect($('.story-body dl dt').length).toBe(2);
    expect($('.story-body details summary').text()).toBe('How we counted');
  });

  it('keeps the YouTube video as a lazy, titled embed and turns the unknown poll into a link', () => {
    const $ = site.page(HTML_STORIES.rogun);
    const frame = $('.story-body iframe');
    expect(frame.length).toBe(1);
    expect(frame.attr('src')).toBe('https://www.youtube-nocookie.com/embed/aBcDeFgHiJk');
    expect(frame.attr('loading')).toBe('lazy');
    expect(frame.attr('title')).toBe('Embedded video from YouTube');
    expect(frame.attr('sandbox')).toContain('allow-scripts');
    expect($('.story-body a[href="https://polls.oldcms.example.com/widget?poll=4411"]').text()).toBe('Embedded content from polls.oldcms.example.com');
    expect($('.story-body img[alt="The valley below the dam"]').attr('src')).toBe('/images/mountain-railway.svg');
    expect($('.story-body').text()).toContain('Video: state television.');
  });

  it('keeps code blocks and the link text of a javascript: link, without the address', () => {
    const $ = site.page(HTML_STORIES.customs);
    expect($('.story-body pre code.language-xml').text()).toContain('<item code="0902" weight="12.5"/>');
    const link = $('.story-body a').filter((_, a) => $(a).text() === 'Open the form');
    expect(link.length).toBe(1);
    expect(link.attr('href')).toBeUndefined();
    expect($('.story-body .task-list-item input[type="checkbox"][disabled]').length).toBe(2);
  });

  it('gives numbered headings valid, unique ids and drops the empty one', () => {
    const $ = site.page(HTML_STORIES.accessible);
    const ids = $('.story-body h2')
      .map((_, h) => $(h).attr('id'))
      .get();
    expect(ids).toEqual(['section-1-making-video-accessible', 'section-2-sign-language', 'section-2-sign-language-1', 'timeline']);
    expect($('.story-body h2').filter((_, h) => $(h).text().trim() === '').length).toBe(0);
  });
});

describe('npm run check on the old-CMS stories', () => {
  let dir: string;
  let problems: ContentProblem[];
  const lineOf = (file: string, text: string) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;
  beforeAll(async () => {
    dir = await writeMessyArchive();
    problems = await checkContent(dir, { site: siteConfig, publicDir: path.resolve('public'), now: new Date() });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const warningsOf = (file: string) => problems.filter((p) => p.file.endsWith(file) && p.severity === 'warning');

  it('reports no error in them', () => {
    expect(problems.filter((p) => p.severity === 'error' && /almaty-tram|syr-darya|rogun-dam|customs-code|video-accessible/.test(p.file))).toEqual([]);
  });

  it('warns about the script, the styles and the <font> of the tram story, at their lines', () => {
    const file = 'articles/2011/2011-03-14-almaty-tram-closes.md';
    const warnings = warningsOf(file);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        line: lineOf(file, '<script'),
        message: `The <script> element on line ${lineOf(file, '<script')} is removed when the story is published, with everything inside it.`,
      }),
    );
    expect(warnings.find((p) => p.message.startsWith('The style attribute'))!.line).toBe(lineOf(file, '<p style='));
    expect(warnings.find((p) => p.message.startsWith('The <font> element'))!.line).toBe(lineOf(file, '<center><font'));
    expect(warnings.find((p) => p.message.startsWith('Presentational attributes'))).toMatchObject({
      line: lineOf(file, '<table border'),
      message: `Presentational attributes (border, cellpadding, cellspacing, bgcolor, width) on lines ${lineOf(file, '<table border')} and ${lineOf(file, '<tr><th')} are removed when the story is published.`,
    });
  });

  it('warns about the onerror handler and the unknown iframe, naming the allowed embeds', () => {
    const file = 'articles/2016/2016-10-29-rogun-dam-ceremony-video.md';
    const warnings = warningsOf(file);
    expect(warnings.find((p) => p.message.startsWith('The onerror attribute'))!.line).toBe(lineOf(file, 'onerror='));
    const frame = warnings.find((p) => p.message.startsWith('The iframe from polls.oldcms.example.com'))!;
    expect(frame.line).toBe(lineOf(file, 'polls.oldcms'));
    expect(frame.hint).toContain('YouTube (video)');
    expect(warnings.some((p) => p.message.includes('youtube'))).toBe(false);
  });

  it('warns about the javascript: link', () => {
    const file = 'articles/2018/2018-01-09-customs-code-explained.md';
    const warning = warningsOf(file).find((p) => p.message.includes('javascript:'))!;
    expect(warning.line).toBe(lineOf(file, 'javascript:'));
  });
});
