/**
 * The built home page of a small newsroom dated around the time of the build: a pinned lead with
 * its picture, the secondary stories, every section of the site's settings, the Latest river and
 * the In the news chips, each story shown once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECONDARY_STORIES } from '../../src/lib/model/front-page.ts';
import { toSlug } from '../../src/lib/model/slug.ts';
import { siteConfig } from '../../src/site.config.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

const DAY = 86_400_000;
const { sections, featuredDays } = siteConfig.front;
const built = {} as { site: BuiltSite; contentDir: string };

/** An ISO date-time `days` before the test starts (the build runs moments later). */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');

function writeNewsroom(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'front-page-'));
  const write = (slug: string, fields: string) => {
    const file = path.join(dir, 'articles', `${slug}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `---\n${fields.trim()}\n---\n\nThe story of ${slug}.\n`);
  };
  // Hours apart, so the newest-first order is the order written here.
  write(
    'newest',
    `title: Newest story of the day\nsummary: The newest.\ndate: ${daysAgo(0.1)}\nlocation: Osh, Kyrgyzstan\norganizations: [Asian Development Bank]`,
  );
  write(
    'pinned',
    `title: Pinned investigation on water sharing\nsummary: An editor's choice.\ndate: ${daysAgo(0.2)}
location: Khujand, Tajikistan\nfeatured: true\nspeakers: [Farrukh Nazarov]\norganizations: [Asian Development Bank]
image: { src: /images/amu-darya.svg, alt: A river crossing a sandy plain }`,
  );
  write('second', `title: Second newest story\nsummary: Second.\ndate: ${daysAgo(0.3)}\nimage: { src: /images/digital-corridor.svg, alt: Cable being laid }`);
  write('third', `title: Third newest story\nsummary: Third.\ndate: ${daysAgo(0.4)}`);
  write('stale-pin', `title: A pin nobody removed\nsummary: Old pin.\ndate: ${daysAgo(featuredDays + 1)}\nfeatured: true`);
  // Two stories for every configured section, older than the top stories.
  sections.forEach((section, i) => {
    const naming = section.topic !== undefined ? `topics: [${section.topic}]` : `location: ${section.country}`;
    for (const n of [1, 2])
      write(`section-${i}-${n}`, `title: ${section.title} story ${n}\nsummary: About ${section.title}.\ndate: ${daysAgo(1 + i + n / 10)}\n${naming}`);
  });
  // Old stories: only the river shows them, and In the news does not count their names.
  for (let n = 0; n < 3; n++) {
    write(`archive-${n}`, `title: Archive story ${n}\nsummary: Old.\ndate: ${daysAgo(400 + n)}\norganizations: [Forgotten Agency]`);
  }
  return dir;
}

beforeAll(() => {
  built.contentDir = writeNewsroom();
  built.site = buildSite(built.contentDir);
  if (built.site.status !== 0) throw new Error(`build failed:\n${built.site.output}`);
}, 300_000);
afterAll(() => {
  rmSync(built.contentDir, { recursive: true, force: true });
  if (built.site) rmSync(path.dirname(built.site.outDir), { recursive: true, force: true });
});

const home = () => built.site.page('/');
const titles = ($: ReturnType<typeof home>, selector: string) =>
  $(selector)
    .map((_, el) => $(el).text().trim())
    .get();

describe('the home page', () => {
  it('leads with the pinned story and its picture, large and loaded first', () => {
    const $ = home();
    expect(titles($, '.lead .teaser-title')).toEqual(['Pinned investigation on water sharing']);
    const image = $('.lead img');
    expect(image.attr('alt')).toBe('A river crossing a sandy plain');
    expect(image.attr('loading')).not.toBe('lazy');
  });

  it('shows the next newest stories as secondary, with a thumbnail where the story has a picture', () => {
    const $ = home();
    expect(titles($, '.secondary .teaser-title')).toEqual(['Newest story of the day', 'Second newest story', 'Third newest story'].slice(0, SECONDARY_STORIES));
    expect(
      $('.secondary img')
        .map((_, img) => $(img).attr('alt'))
        .get(),
    ).toEqual(['Cable being laid']);
  });

  it('shows every configured section, labelled, with its stories and a link to its page', () => {
    const $ = home();
    const desks = $('.desk');
    expect(desks.map((_, desk) => $(desk).attr('aria-label')).get()).toEqual(sections.map(({ title }) => title));
    sections.forEach((section, i) => {
      const desk = desks.eq(i);
      const page = section.topic !== undefined ? `/topics/${toSlug(section.topic)}/` : `/locations/${toSlug(section.country)}/`;
      expect(desk.find('h2 a').attr('href'), section.title).toBe(page);
      expect(built.site.exists(page), page).toBe(true);
      expect(titles($, `.desk:nth-of-type(${i + 1}) .teaser-title`)).toEqual([`${section.title} story 1`, `${section.title} story 2`]);
    });
  });

  it('lists the rest in the Latest river, the lapsed pin among them, and every story once', () => {
    const $ = home();
    expect(titles($, '.latest .teaser-title')).toEqual(['A pin nobody removed', 'Archive story 0', 'Archive story 1', 'Archive story 2']);
    const links = $('.front .teaser-title a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(new Set(links).size).toBe(links.length);
    expect(links).toHaveLength(5 + sections.length * 2 + 3);
  });

  it('names who and what is in the news as chips without counts, leaving out names only old stories give', () => {
    const $ = home();
    const chips = titles($, '.in-the-news .chips a');
    expect(chips[0]).toBe('Asian Development Bank');
    expect(chips).toEqual(expect.arrayContaining(['Osh', 'Khujand', 'Farrukh Nazarov']));
    expect(chips).not.toContain('Forgotten Agency');
    expect($('.in-the-news').text()).not.toMatch(/\d/);
    expect($('.in-the-news .chips a').first().attr('href')).toBe('/organizations/asian-development-bank/');
  });

  it('keeps its headings in order and its regions labelled', () => {
    const $ = home();
    const levels = $('h1, h2, h3')
      .map((_, h) => Number(h.tagName.slice(1)))
      .get();
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => i && expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1));
    $('main section, main nav').each((_, region) => {
      expect($(region).attr('aria-label') ?? $(region).attr('aria-labelledby')).toBeTruthy();
    });
    expect($('script')).toHaveLength(0);
  });
});
