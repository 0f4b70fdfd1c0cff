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
  /** The newsroom's accounts elsewhere, linked in every page's footer in this order. */
  social?: { label: string; url: string }[];
  /**
   * The previous site's article addresses, as patterns that give every article an old address
   * (alias) without writing it in each file: tokens `:year`, `:month`, `:day` (the publication
   * date in `timeZone`, zero-padded) and `:slug`, e.g. `['/:year/:month/:day/:slug/']`. Each
   * old address gets a redirect page and a `_redirects` line. Leave undefined when there was none.
   */
  legacyPermalinks?: string[];
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
  social: [
    { label: 'Mastodon', url: 'https://mastodon.example.org/@steppedispatch' },
    { label: 'Bluesky', url: 'https://bsky.example.org/profile/steppedispatch' },
    { label: 'Telegram', url: 'https://t.example.org/steppedispatch' },
  ],
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
    throw new Error(
      `Site configuration: ${where} has the wrong form. Expected ${problem.expected}; found ${describeValue(value)}. ${problem.hint}`,
    );
  }
  (config.social ?? []).forEach((link, i) => {
    if (!link.label?.trim()) {
      throw new Error(`Site configuration: social[${i}].label in src/site.config.ts is empty. Write the link text readers see, e.g. "Mastodon".`);
    }
  });
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
