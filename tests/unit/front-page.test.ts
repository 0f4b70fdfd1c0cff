import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Registries } from '../../src/lib/model/article.ts';
import { frontPage, frontPageChanges, RIVER_STORIES, SECONDARY_STORIES, SECTION_STORIES } from '../../src/lib/model/front-page.ts';
import { buildNewsroom } from '../../src/lib/model/indexes.ts';
import { parseRegistry } from '../../src/lib/content/registry.ts';
import { checkFrontPage, siteConfig, type FrontPageSettings, type SiteConfig } from '../../src/site.config.ts';

const registries: Registries = {
  organizations: parseRegistry('organizations', '- name: United Nations\n  aliases: [UN]\n', 'o.yaml').registry,
  people: parseRegistry('people', '', 'p.yaml').registry,
  topics: parseRegistry('topics', '- name: Energy\n  aliases: [Power]\n', 't.yaml').registry,
  authors: parseRegistry('authors', '', 'a.yaml').registry,
};

const DAY = 86_400_000;
const now = new Date('2026-12-02T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const ref = (name: string) => ({ name, slug: name.toLowerCase().replace(/ /g, '-') });

function story(slug: string, age: number, extra: Partial<ArticleRecord> = {}) {
  const date = daysAgo(age);
  const data: ArticleRecord = {
    file: `${slug}.md`,
    path: `/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${slug}/`,
    slug,
    title: slug,
    summary: slug,
    date,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    organizations: [],
    speakers: [],
    topics: [],
    authors: [ref('Staff Reporter')],
    draft: false,
    featured: false,
    corrections: [],
    readingMinutes: 1,
    bodyDigest: '',
    aliases: [],
    legacyAliases: [],
    ...extra,
  };
  return { id: slug, data };
}

const settings: FrontPageSettings = { featuredDays: 3, inTheNewsDays: 7, sections: [] };
const ids = (list: readonly { id: string }[]) => list.map(({ id }) => id);
/** `n` stories one day apart, newest first: s0 (today), s1 (yesterday), … */
const days = (n: number, extra: (i: number) => Partial<ArticleRecord> = () => ({})) => Array.from({ length: n }, (_, i) => story(`s${i}`, i, extra(i)));

describe('the lead and the secondary stories', () => {
  it('leads with the newest story when nothing is pinned, then the next newest', () => {
    const page = frontPage(buildNewsroom(days(6), registries), settings, now);
    expect(page.lead?.id).toBe('s0');
    expect(ids(page.secondary)).toEqual(['s1', 's2', 's3'].slice(0, SECONDARY_STORIES));
  });

  it('leads with a pinned story, and the newest story moves to the secondary ones', () => {
    const page = frontPage(
      buildNewsroom(
        days(6, (i) => ({ featured: i === 2 })),
        registries,
      ),
      settings,
      now,
    );
    expect(page.lead?.id).toBe('s2');
    expect(ids(page.secondary)).toEqual(['s0', 's1', 's3']);
  });

  it('leads with the newest of several pins; the other pins open the secondary stories', () => {
    const page = frontPage(
      buildNewsroom(
        days(6, (i) => ({ featured: i === 1 || i === 2 })),
        registries,
      ),
      settings,
      now,
    );
    expect(page.lead?.id).toBe('s1');
    expect(ids(page.secondary)).toEqual(['s2', 's0', 's3']);
  });

  it('lets a pin lapse once the story is older than featuredDays', () => {
    const page = frontPage(
      buildNewsroom(
        days(6, (i) => ({ featured: i === 4 })),
        registries,
      ),
      settings,
      now,
    );
    expect(page.lead?.id).toBe('s0');
    expect(ids(page.secondary)).toEqual(['s1', 's2', 's3']);
    // At exactly featuredDays the pin has lapsed: the instant the build is told to rebuild at.
    const edge = frontPage(
      buildNewsroom(
        days(6, (i) => ({ featured: i === 3 })),
        registries,
      ),
      settings,
      now,
    );
    expect(edge.lead?.id).toBe('s0');
    expect(frontPageChanges(edge.lead!.data, settings)).toEqual([now.getTime() + 7 * DAY]);
  });

  it('has no lead and nothing else on an empty newsroom', () => {
    expect(frontPage(buildNewsroom([], registries), settings, now)).toEqual({ lead: undefined, secondary: [], sections: [], river: [], inTheNews: [] });
  });
});

describe('sections and the river', () => {
  const energy = { topics: [ref('Energy')] };
  const kazakhstan = { location: { text: 'Kazakhstan', country: ref('Kazakhstan') } };
  const articles = [
    story('energy-1', 0, energy),
    story('energy-2', 1, energy),
    story('plain-1', 2),
    story('energy-kz', 3, { ...energy, ...kazakhstan }),
    story('plain-2', 4),
    story('kz-1', 5, kazakhstan),
    story('energy-3', 6, energy),
    story('energy-4', 7, energy),
    story('energy-5', 8, energy),
    story('energy-6', 9, energy),
    story('plain-3', 10),
  ];
  const sections: FrontPageSettings['sections'] = [
    { title: 'Power desk', topic: 'power' },
    { title: 'Kazakhstan', country: 'Kazakhstan' },
    { title: 'Nothing yet', topic: 'Mining' },
  ];
  const page = frontPage(buildNewsroom(articles, registries), { ...settings, sections }, now);

  it('gives each section its newest stories not shown above, up to the section size', () => {
    expect(ids(page.secondary)).toEqual(['energy-2', 'plain-1', 'energy-kz']);
    expect(page.sections.map(({ title, entity }) => [title, entity.kind, entity.key])).toEqual([
      ['Power desk', 'topics', 'energy'],
      ['Kazakhstan', 'countries', 'kazakhstan'],
    ]);
    expect(ids(page.sections[0]!.articles)).toEqual(['energy-3', 'energy-4', 'energy-5', 'energy-6'].slice(0, SECTION_STORIES));
    // energy-kz is a secondary story, so Kazakhstan keeps only the story not shown above.
    expect(ids(page.sections[1]!.articles)).toEqual(['kz-1']);
  });

  it('leaves out a section with no story to show', () => {
    expect(page.sections.map(({ title }) => title)).not.toContain('Nothing yet');
  });

  it('fills the river with the newest stories shown nowhere above', () => {
    expect(ids(page.river)).toEqual(['plain-2', 'plain-3']);
    const everyStory = [page.lead!, ...page.secondary, ...page.sections.flatMap((s) => s.articles), ...page.river];
    expect(new Set(ids(everyStory)).size).toBe(everyStory.length);
    expect(everyStory).toHaveLength(articles.length);
  });

  it('stops the river at its size', () => {
    const many = frontPage(buildNewsroom(days(30), registries), settings, now);
    expect(ids(many.river)).toEqual(ids(days(30)).slice(1 + SECONDARY_STORIES, 1 + SECONDARY_STORIES + RIVER_STORIES));
  });
});

describe('In the news', () => {
  const un = { organizations: [ref('United Nations')] };
  const osh = { location: { text: 'Osh, Kyrgyzstan', country: ref('Kyrgyzstan'), place: ref('Osh') } };
  const aida = { speakers: [ref('Aida Musina')] };

  it('names the organizations, people and places of the last inTheNewsDays up to now, most named first', () => {
    const newsroom = buildNewsroom(
      [
        story('a', 1, { ...un, ...osh, topics: [ref('Energy')] }),
        story('b', 2, { ...aida, ...osh }),
        story('c', 6, un),
        story('old', 8, { speakers: [ref('Old Name')] }),
      ],
      registries,
    );
    const names = frontPage(newsroom, settings, now).inTheNews.map(({ kind, name }) => `${kind}:${name}`);
    // Osh and the UN twice each (Osh named more recently), Aida once; no topic, no country, nothing older than 7 days.
    expect(names).toEqual(['places:Osh', 'organizations:United Nations', 'people:Aida Musina']);
  });

  it('counts from the build clock, not from the newest story: an old newsroom has nobody in the news', () => {
    const newsroom = buildNewsroom([story('a', 400, { ...un, ...osh }), story('b', 401, aida)], registries);
    expect(frontPage(newsroom, settings, now).inTheNews).toEqual([]);
    expect(frontPage(newsroom, settings, daysAgo(399)).inTheNews.map(({ name }) => name)).toEqual(['Osh', 'United Nations', 'Aida Musina']);
  });

  it('leaves a story out at the instant its window closes', () => {
    const newsroom = buildNewsroom([story('edge', 7, un)], registries);
    expect(frontPage(newsroom, settings, now).inTheNews).toEqual([]);
    expect(frontPage(newsroom, settings, new Date(now.getTime() - 1)).inTheNews).toHaveLength(1);
  });
});

describe('checkFrontPage', () => {
  const withFront = (front: Partial<FrontPageSettings>): SiteConfig => ({ ...siteConfig, front: { ...siteConfig.front, ...front } });

  it('accepts the sample settings, whose sections name topics and countries of the sample content', () => {
    expect(checkFrontPage(siteConfig)).toBe(siteConfig);
    expect(siteConfig.front.sections.length).toBeGreaterThan(0);
  });

  it('rejects a section with neither or both of topic and country, saying where and what to write', () => {
    expect(() => checkFrontPage(withFront({ sections: [{ title: 'Energy' } as never] }))).toThrow(
      /front\.sections\[0\] in src\/site\.config\.ts is wrong\. Expected exactly one of topic or country.*title: "Energy", topic: "Energy"/,
    );
    expect(() => checkFrontPage(withFront({ sections: [{ title: 'X', topic: 'Energy', country: 'Kazakhstan' } as never] }))).toThrow(/front\.sections\[0\]/);
    expect(() => checkFrontPage(withFront({ sections: [{ title: 'X', topic: '  ' }] }))).toThrow(/not empty/);
  });

  it('rejects a section without a title, and two sections of one topic', () => {
    expect(() => checkFrontPage(withFront({ sections: [{ title: ' ', topic: 'Energy' }] }))).toThrow(/front\.sections\[0\]\.title/);
    expect(() =>
      checkFrontPage(
        withFront({
          sections: [
            { title: 'Energy', topic: 'Energy' },
            { title: 'Power', topic: 'energy' },
          ],
        }),
      ),
    ).toThrow(/front\.sections\[1\].*front\.sections\[0\] already shows it/);
  });

  it('rejects a number of days that is not a whole number above 0', () => {
    expect(() => checkFrontPage(withFront({ featuredDays: 0 }))).toThrow(
      /front\.featuredDays .*Expected a whole number of days, 1 or more; found the number 0/,
    );
    expect(() => checkFrontPage(withFront({ inTheNewsDays: 1.5 }))).toThrow(/front\.inTheNewsDays/);
  });
});
