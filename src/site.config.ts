/**
 * The newsroom's settings: the one file an editor changes to rebrand the site.
 *
 * `SITE_URL` and `SITE_BASE` in the environment override `url` and `base`, so one checkout can
 * publish to a staging host or under a sub-path (`/news/`) without editing this file.
 */
import { describeValue } from './lib/content/problems.ts';
import { webUrlProblem } from './lib/schema.ts';

export interface SiteConfig {
  /** Masthead and publisher name. */
  name: string;
  /** One line under the masthead. */
  tagline: string;
  /** Absolute origin the site is published at, without a path. */
  url: string;
  /** Path the site is served under: `/` or a sub-path such as `/news/`. */
  base: string;
  /** BCP 47 language of the site; an article's `lang` overrides it for that page. */
  lang: string;
  /** IANA time zone in which dates without an offset are read and every date is shown. */
  timeZone: string;
  /** Byline used when an article names no authors. */
  defaultByline: string;
  /** Where the newsletter sign-up form posts; leave undefined to hide the form. */
  newsletterUrl?: string;
  /** The newsroom's accounts elsewhere, linked in every page's footer in this order. */
  social?: { label: string; url: string }[];
  /**
   * The previous site's article addresses, as patterns that give every article an old address
   * (alias) without writing it in each file: tokens `:year`, `:month`, `:day` (the publication
   * date in `timeZone`, zero-padded) and `:slug`, e.g. `['/:year/:month/:day/:slug/']`. Each
   * old address gets a redirect page and a `_redirects` line. Leave undefined when there was none.
   */
  legacyPermalinks?: string[];
  /**
   * Hosts whose https:// photos an article may name (`image.src`), e.g. `['media.example.org']`;
   * the build fetches and resizes them like local photos. A photo on any other host is a content
   * problem: the site would depend on a server nobody in the newsroom controls.
   */
  imageHosts: string[];
  /** Largest photo file accepted, in bytes: a bigger one is a content problem (a raw export, most likely). */
  imageMaxBytes: number;
  /** What the home page shows besides the newest stories (`src/lib/model/front-page.ts`). */
  front: FrontPageSettings;
}

/** A desk on the home page: its newest stories on one topic, or from one country, as writers name them. */
export type FrontSection = { title: string; topic: string; country?: undefined } | { title: string; country: string; topic?: undefined };

export interface FrontPageSettings {
  /**
   * Days a story pinned with `featured: true` may lead the home page, counted from its date;
   * after that it is an ordinary story again, so a forgotten pin does not stay for ever.
   */
  featuredDays: number;
  /**
   * Days back from the time of the build that "In the news" counts the organizations, people and
   * places stories name; when no story falls in them the row is left out rather than show old names.
   */
  inTheNewsDays: number;
  /** Desks shown after the top stories, in this order, each linking to its topic or country page. */
  sections: FrontSection[];
}

const settings: SiteConfig = {
  name: 'Steppe Dispatch',
  tagline: 'Regional news from Central Asia: summits, policy, energy and security',
  url: 'https://news.example.org',
  base: '/',
  lang: 'en',
  timeZone: 'Asia/Almaty',
  defaultByline: 'Staff Reporter',
  newsletterUrl: 'https://newsletter.example.org/subscribe',
  front: {
    featuredDays: 3,
    inTheNewsDays: 7,
    sections: [
      { title: 'Energy', topic: 'Energy' },
      { title: 'Water', topic: 'Water' },
      { title: 'Trade and transport', topic: 'Trade' },
      { title: 'Kazakhstan', country: 'Kazakhstan' },
      { title: 'Uzbekistan', country: 'Uzbekistan' },
      { title: 'Kyrgyzstan', country: 'Kyrgyzstan' },
    ],
  },
  social: [
    { label: 'Mastodon', url: 'https://mastodon.example.org/@steppedispatch' },
    { label: 'Bluesky', url: 'https://bsky.example.org/profile/steppedispatch' },
    { label: 'Telegram', url: 'https://t.example.org/steppedispatch' },
  ],
  imageHosts: ['media.example.org'],
  imageMaxBytes: 25 * 1024 * 1024,
};

/** Makes `base` start and end with one slash, so links can be joined without doubling them. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Stops at once when a link of the settings is not an http(s) address: the site prints them in
 * every page (canonical links, the newsletter form, the footer's social links), where
 * `javascript:` would run.
 */
export function checkSiteLinks(config: SiteConfig, fromEnvironment: { url?: boolean } = {}): SiteConfig {
  const links: [string, string | undefined][] = [
    [fromEnvironment.url ? 'SITE_URL in the environment' : 'url in src/site.config.ts', config.url],
    ['newsletterUrl in src/site.config.ts', config.newsletterUrl],
    ...(config.social ?? []).map((link, i): [string, string] => [`social[${i}].url in src/site.config.ts`, link.url]),
  ];
  for (const [where, value] of links) {
    const problem = value === undefined ? undefined : webUrlProblem(value, { sitePath: false });
    if (!problem) continue;
    throw new Error(`Site configuration: ${where} has the wrong form. Expected ${problem.expected}; found ${describeValue(value)}. ${problem.hint}`);
  }
  (config.social ?? []).forEach((link, i) => {
    if (!link.label?.trim()) {
      throw new Error(`Site configuration: social[${i}].label in src/site.config.ts is empty. Write the link text readers see, e.g. "Mastodon".`);
    }
  });
  return config;
}

/**
 * Stops at once when the home page's settings cannot work: a section names no topic or country
 * (or both), two sections show the same stories, or a number of days is not a whole number above 0.
 */
export function checkFrontPage(config: SiteConfig): SiteConfig {
  const { featuredDays, inTheNewsDays, sections } = config.front;
  const fail = (where: string, expected: string, found: unknown, hint: string): never => {
    throw new Error(`Site configuration: ${where} in src/site.config.ts is wrong. Expected ${expected}; found ${describeValue(found)}. ${hint}`);
  };
  for (const [field, value] of Object.entries({ featuredDays, inTheNewsDays })) {
    if (!Number.isInteger(value) || value < 1) fail(`front.${field}`, 'a whole number of days, 1 or more', value, 'Write e.g. 3.');
  }
  const seen = new Map<string, number>();
  sections.forEach((section, index) => {
    const where = `front.sections[${index}]`;
    if (typeof section.title !== 'string' || !section.title.trim()) {
      fail(`${where}.title`, 'the heading readers see, e.g. "Energy"', section.title, 'Give the section a title.');
    }
    const targets = (['topic', 'country'] as const).filter((field) => section[field] !== undefined);
    if (targets.length !== 1 || !String(section[targets[0]!]).trim()) {
      fail(
        where,
        'exactly one of topic or country, not empty',
        section,
        'Write e.g. { title: "Energy", topic: "Energy" } or { title: "Kazakhstan", country: "Kazakhstan" }.',
      );
    }
    const target = `${targets[0]}:${String(section[targets[0]!]).trim().toLowerCase()}`;
    const earlier = seen.get(target);
    if (earlier !== undefined) {
      fail(where, 'each topic or country in one section only', section, `front.sections[${earlier}] already shows it; remove one of the two.`);
    }
    seen.set(target, index);
  });
  return config;
}

export const siteConfig: SiteConfig = checkFrontPage(
  checkSiteLinks(
    {
      ...settings,
      url: process.env.SITE_URL ?? settings.url,
      base: normalizeBase(process.env.SITE_BASE ?? settings.base),
    },
    { url: process.env.SITE_URL !== undefined },
  ),
);
