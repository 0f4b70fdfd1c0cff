/**
 * What the build writes for old addresses (`aliases.ts`): a small redirect page at each, and a
 * `_redirects` file (Netlify and Cloudflare Pages) that lets the host answer with a 301 instead.
 * The `redirects` integration writes the files once Astro has written the site.
 */
import type { ArticleFields } from '../model/article.ts';
import { aliasOwners } from '../model/aliases.ts';
import { escapeXml } from './feeds.ts';
import { isPublished } from '../model/indexes.ts';
import { withBase } from '../model/urls.ts';

export interface Redirect {
  /** Old address, a site path without the base: `/2014/03/19/slug/`. */
  from: string;
  /** The article's path without the base. */
  to: string;
  title: string;
}

/** The redirects of the published articles, in address order. */
export function publishedRedirects(articles: readonly ArticleFields[], now: Date): Redirect[] {
  return [...aliasOwners(articles).owners]
    .filter(([, { article }]) => isPublished(article, now))
    .map(([from, { article }]) => ({ from, to: article.path, title: article.title }))
    .sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * A page that sends readers (a refresh, and a link for those whose browser does not follow it)
 * and search engines (the canonical address, noindex) on to the article.
 */
export function redirectPage(
  redirect: Redirect,
  site: { url: string; base: string; lang: string },
  /** The Content-Security-Policy of the page, as `<meta>` contents (`metaContentSecurityPolicies`). */
  policies: readonly string[] = [],
): string {
  const security = policies.map((policy) => `\n    <meta http-equiv="Content-Security-Policy" content="${escapeXml(policy)}">`).join('');
  const target = encodeURI(withBase(site.base, redirect.to));
  const canonical = new URL(target, site.url).href;
  const title = escapeXml(redirect.title);
  return `<!DOCTYPE html>
<html lang="${escapeXml(site.lang)}">
  <head>
    <meta charset="utf-8">${security}
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Moved: ${title}</title>
    <link rel="canonical" href="${escapeXml(canonical)}">
    <meta http-equiv="refresh" content="0; url=${escapeXml(target)}">
    <meta name="robots" content="noindex">
  </head>
  <body>
    <p>This story has moved to <a href="${escapeXml(target)}">${title}</a>.</p>
  </body>
</html>
`;
}

/** One `from to 301` line a redirect, both with the site base, as Netlify and Cloudflare Pages read them. */
export function redirectsLines(redirects: readonly Redirect[], base: string): string {
  return redirects.map(({ from, to }) => `${encodeURI(withBase(base, from))} ${encodeURI(withBase(base, to))} 301\n`).join('');
}
