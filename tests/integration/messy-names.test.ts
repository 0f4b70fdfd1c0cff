/**
 * Names spelt two ways in the messy archive (tests/support/messy-archive/names.part.ts): each is
 * one entity with one page under one spelling (the registry's, else the one most articles use),
 * every page shows that spelling, the author page shows the registry's role, biography, photo
 * and links, and the check warns at each other spelling instead of failing.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/content-check.ts';
import type { ContentProblem } from '../../src/lib/content/problems.ts';
import { siteConfig } from '../../src/site.config.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import { NAMES_FILES } from '../support/messy-archive/names.part.ts';

let site: MessyArchiveBuild;
beforeAll(async () => {
  site = await messyArchiveBuild();
}, 900_000);

/** `articles/2025/03/2025-03-04-x.md` -> `/2025/03/x/`. */
const articlePath = (file: string) => file.replace(/^articles\/(\d{4}\/\d{2})\/\d{4}-\d{2}-\d{2}-(.+)\.md$/, '/$1/$2/');

describe('names spelt two ways, in the built archive', () => {
  it('builds without an error', () => {
    expect(site.status, site.output).toBe(0);
  });

  it('makes Design and design one topic page under the spelling most articles use', () => {
    const $ = site.page('/topics/design/');
    expect($('h1').text()).toBe('Design');
    expect($('#stories-heading').text()).toBe('Stories about Design');
    const titles = $('main h3')
      .map((_, el) => $(el).text().trim())
      .get();
    expect(titles).toContain('Why the new tenge banknotes look the way they do');
    expect(titles).toHaveLength(4);
    const list = site.page('/topics/');
    expect(
      list('a[href="/topics/design/"]')
        .map((_, el) => list(el).text())
        .get(),
    ).toEqual(['Design']);
  });

  it('shows the one spelling on the article written with the other, in links and search filters', () => {
    const $ = site.page(articlePath(NAMES_FILES.banknotes));
    expect($('.kicker a').text()).toBe('Design');
    expect(
      $('[data-pagefind-filter="topic"]')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Design']);
    expect(
      $('[data-pagefind-filter="author"]')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Aizada Ömürbekova']);
  });

  it('uses the registry’s name for every spelling and alias of a registered topic', () => {
    const $ = site.page('/topics/open-data/');
    expect($('h1').text()).toBe('Open data');
    expect($('.entity-description').text()).toContain('Public records published for anyone to reuse');
    expect($('main h3')).toHaveLength(4);
    for (const file of [NAMES_FILES.procurement, NAMES_FILES.fountains]) {
      const article = site.page(articlePath(file));
      expect(article('[data-pagefind-filter="topic"]').first().text(), file).toBe('Open data');
    }
  });

  it('gives a registered author one page with the registry’s name, role, biography, photo, email and links', () => {
    const $ = site.page('/authors/gabriel-ramirez/');
    expect($('h1').text()).toBe('Gabriel Ramírez');
    expect($('.kicker').text()).toBe('Author');
    expect($('.role').first().text()).toBe('Data editor');
    expect($('.entity-bio').text()).toMatch(/^Gabriel covers budgets, procurement and open data from Bishkek\./);
    expect($('img.entity-photo').attr('alt')).toBe('Gabriel Ramírez at the newsroom, in front of a wall of printed charts');
    expect($('img.entity-photo').attr('src')).toBe('/images/mountain-railway.svg');
    expect($('a[href="mailto:gabriel.ramirez@example.org"]').text()).toBe('gabriel.ramirez@example.org');
    const links = $('.entity-actions a[rel~="external"]')
      .map((_, el) => [[$(el).text(), $(el).attr('href')]])
      .get();
    expect(links).toEqual([
      ['mastodon.example', 'https://mastodon.example/@gramirez'],
      ['Portfolio', 'https://gabriel-ramirez.example/'],
    ]);
    expect($('#stories-heading').text()).toBe('Stories by Gabriel Ramírez');
    expect($('main h3')).toHaveLength(4);
    const person = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(person).toMatchObject({ '@type': 'Person', name: 'Gabriel Ramírez', jobTitle: 'Data editor' });
    expect(person.sameAs).toEqual(['https://mastodon.example/@gramirez', 'https://gabriel-ramirez.example/']);
  });

  it('bylines the article written "Gabriel Ramirez" with the registry’s name, and its dateline with the usual spelling', () => {
    const $ = site.page(articlePath(NAMES_FILES.procurement));
    expect($('.byline a').text()).toBe('Gabriel Ramírez');
    expect($('.byline a').attr('href')).toBe('/authors/gabriel-ramirez/');
    expect($('.story-header .dateline').text().trim()).toBe('Bishkek, Kyrgyzstan');
    expect($('[data-pagefind-filter="country"]').text()).toBe('Kyrgyzstan');
  });

  it('gives an unregistered author one page under the spelling most articles use, with no registry fields', () => {
    const $ = site.page('/authors/aizada-omurbekova/');
    expect($('h1').text()).toBe('Aizada Ömürbekova');
    expect($('main h3')).toHaveLength(4);
    expect($('img.entity-photo, .entity-bio, .role')).toHaveLength(0);
    expect(site.page('/authors/')('a[href="/authors/aizada-omurbekova/"]').text()).toBe('Aizada Ömürbekova');
  });

  it('reports each other spelling in the build log as a warning', () => {
    expect(site.output).toContain('"Aizada Omurbekova" and "Aizada Ömürbekova" are one author with one page, /authors/aizada-omurbekova/');
  });
});

describe('names spelt two ways, in the content check', () => {
  let problems: ContentProblem[];
  const mine = (file: string) => problems.filter((p) => p.file.endsWith(file));
  beforeAll(async () => {
    const dir = await writeMessyArchive({ flawed: true });
    problems = await checkContent(dir, { site: siteConfig, publicDir: path.resolve('public'), now: new Date() });
  }, 300_000);

  it('warns at the file, line and field of each minority spelling, suggesting the registry', () => {
    const where = (p: ContentProblem) => `${p.file.slice(p.file.indexOf('articles/'))}:${p.line} ${p.severity} ${p.field}`;
    expect(Object.values(NAMES_FILES).flatMap(mine).map(where).sort()).toEqual(
      [
        `${NAMES_FILES.procurement}:5 warning location`,
        `${NAMES_FILES.procurement}:7 warning authors[0]`,
        `${NAMES_FILES.marketHall}:7 warning authors[0]`,
        `${NAMES_FILES.banknotes}:6 warning topics[0]`,
      ].sort(),
    );
    expect(mine(NAMES_FILES.procurement).find((p) => p.field === 'authors[0]')).toMatchObject({
      message:
        '"Gabriel Ramirez" and "Gabriel Ramírez" are one author with one page, /authors/gabriel-ramirez/; it is shown as "Gabriel Ramírez", its name in authors.yaml.',
      hint: 'Write "Gabriel Ramírez", or add "Gabriel Ramirez" to its aliases in authors.yaml.',
    });
    expect(mine(NAMES_FILES.banknotes)[0]).toMatchObject({
      message: '"design" and "Design" are one topic with one page, /topics/design/; it is shown as "Design", the spelling of 3 of 4 articles.',
      hint: 'Write "Design", or register the topic in topics.yaml (with "design" among its aliases) to choose how it is spelt.',
    });
  });

  it('keeps two authors claiming one alias an error', () => {
    expect(mine('authors.yaml')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: '"Gabriela Ramos" and "Gabriel Ramírez" (line 1) both claim the name or alias "g. ramírez".',
      }),
    ]);
  });
});
