/**
 * The newsroom's settings: the one file an editor changes to rebrand the site.
 *
 * `SITE_URL` and `SITE_BASE` in the environment override `url` and `base`, so one checkout can
 * publish to a staging host or under a sub-path (`/news/`) without editing this file.
 */
import { describeValue } from './lib/problems.ts';
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
 * every page (canonical links, the newsletter form), where `javascript:` would run.
 */
export function checkSiteLinks(config: SiteConfig, fromEnvironment: { url?: boolean } = {}): SiteConfig {
  for (const field of ['url', 'newsletterUrl'] as const) {
    const value = config[field];
    const problem = value === undefined ? undefined : webUrlProblem(value, { sitePath: false });
    if (!problem) continue;
    const where = field === 'url' && fromEnvironment.url ? 'SITE_URL in the environment' : `${field} in src/site.config.ts`;
    throw new Error(
      `Site configuration: ${where} has the wrong form. Expected ${problem.expected}; found ${describeValue(value)}. ${problem.hint}`,
    );
  }
  return config;
}

export const siteConfig: SiteConfig = checkSiteLinks(
  {
    ...settings,
    url: process.env.SITE_URL ?? settings.url,
    base: normalizeBase(process.env.SITE_BASE ?? settings.base),
  },
  { url: process.env.SITE_URL !== undefined },
);
