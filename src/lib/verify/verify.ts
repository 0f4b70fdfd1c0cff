/**
 * Verification of a built site before it is published: every page has a title and a canonical
 * URL, every internal link and asset resolves, the HTML is valid (html-validate), no draft or
 * scheduled article is present, and every feed and sitemap is well-formed XML. Each problem
 * names the page and what is wrong.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { validatePages } from './html-validation.ts';

export interface SiteProblem {
  /** Path of the page or file within the built site, e.g. `/2025/07/x/` or `/feed.xml`. */
  page: string;
  message: string;
}

export interface VerifyOptions {
  /** The built site. */
  dist: string;
  /** The base the site is served under (`/` or `/news/`). */
  base: string;
  /** Site paths (without base) that must not be published: drafts and scheduled stories. */
  unpublished: readonly string[];
  /** html-validate configuration. */
  htmlValidate: Record<string, unknown>;
  /** Where html-validate results are kept between runs, so unchanged pages are not validated again. */
  cacheFile?: string;
  /** The most pages html-validate checks in one run (see `validatePages`); all when not given. */
  htmlBudget?: number;
}

export interface Verification {
  problems: SiteProblem[];
  /** Pages whose HTML validation is known (this run or the cache), and pages left for a later run. */
  html: { validated: number; deferred: number };
}

export async function verifySite(options: VerifyOptions): Promise<Verification> {
  const { dist, base } = options;
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/'));
  const exists = new Set(files.map((f) => `/${f}`));
  const problems: SiteProblem[] = [];
  const pageOf = (file: string) => `/${file.replace(/index\.html$/, '')}`;
  const htmlFiles = files.filter((f) => f.endsWith('.html'));

  for (const file of htmlFiles) {
    const page = pageOf(file);
    const html = readFileSync(path.join(dist, file), 'utf8');
    if (!/<title>[^<]+<\/title>/.test(html)) problems.push({ page, message: 'The page has no title.' });
    if (page !== '/404.html' && !/<link rel="canonical" href="[^"]+"/.test(html)) {
      problems.push({ page, message: 'The page has no canonical URL.' });
    }
    for (const url of internalUrls(html)) {
      const target = resolveTarget(url, base, page);
      if (target === undefined) {
        problems.push({ page, message: `The link ${url} leaves the site's base path ${base}.` });
      } else if (!exists.has(target) && !exists.has(`${target}index.html`)) {
        problems.push({ page, message: `The link ${url} points to nothing in the built site.` });
      }
    }
  }
  const { reports, deferred } = await validatePages(htmlFiles, options.htmlValidate, {
    cacheFile: options.cacheFile,
    budget: options.htmlBudget,
    root: dist,
  });
  reports.forEach((report) => {
    for (const message of report.messages) {
      problems.push({
        page: pageOf(report.file),
        message: `Invalid HTML at ${message.line}:${message.column}: ${message.message} (${message.ruleId}).`,
      });
    }
  });

  for (const sitePathOf of options.unpublished) {
    if (exists.has(`${sitePathOf}index.html`)) {
      problems.push({ page: sitePathOf, message: 'A draft or scheduled article is in the built site.' });
    }
  }

  for (const file of files.filter((f) => f.endsWith('.xml'))) {
    const problem = xmlProblem(readFileSync(path.join(dist, file), 'utf8'));
    if (problem) problems.push({ page: `/${file}`, message: problem });
  }
  if (!existsSync(path.join(dist, 'pagefind', 'pagefind.js'))) {
    problems.push({ page: '/pagefind/', message: 'The search index is missing.' });
  }
  return { problems, html: { validated: reports.length, deferred } };
}

/**
 * What makes `xml` not well-formed, with its line and column; undefined when it is well-formed.
 * fast-xml-parser's validator (marked deprecated in 5.x in favour of the separate
 * fast-xml-validator package, which the 5.x line still ships and its unit test pins): stricter than
 * that package (it rejects a second root element), and installed anyway: @astrojs/rss writes the
 * feeds with it.
 */
export function xmlProblem(xml: string): string | undefined {
  const result = XMLValidator.validate(xml);
  if (result === true) return undefined;
  const { line, col, msg } = result.err;
  return `Not well-formed XML at line ${line}, column ${col}: ${msg}`;
}

/** URLs of links and assets in a page that stay on this site (no scheme, not a fragment). */
export function internalUrls(html: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(/<(?:a|link|img|audio|source|script)\b[^>]*?\s(?:href|src)="([^"]*)"/gi)) {
    const url = decodeEntities(match[1]!);
    if (url && !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(url)) urls.push(url);
  }
  return urls;
}

/**
 * The file path within the built site a URL on the page at `page` (a path within the built site)
 * resolves to, as a browser resolves it (`../other/` from `/2025/07/x/` is `/2025/07/other/`), or
 * undefined when it leaves the base.
 */
export function resolveTarget(url: string, base: string, page: string): string | undefined {
  const resolved = new URL(url, `http://site.invalid${base}${page.slice(1)}`).pathname;
  let pathname = resolved;
  try {
    pathname = decodeURI(resolved);
  } catch {
    // A stray % stays as written: no file is named by it.
  }
  if (!pathname.startsWith(base)) return undefined;
  return `/${pathname.slice(base.length)}`;
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
