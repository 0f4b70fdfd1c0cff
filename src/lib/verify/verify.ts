/**
 * Verification of a built site before it is published: every page has a title and a canonical
 * URL, every internal link and asset resolves, the HTML is valid (html-validate), no draft or
 * scheduled article is present, and every feed and sitemap is well-formed XML. Each problem
 * names the page and what is wrong.
 *
 * With a cache file, a file whose bytes are unchanged since a verification that passed keeps
 * that verification's checks of it (`verification-cache.ts`): reading and hashing every file is
 * cheaper than parsing every page. A page's title, canonical URL and HTML, and a feed's or
 * sitemap's well-formedness, depend on its bytes alone; what depends on the rest of the site is
 * checked in full every time: every page's internal links against the files there now (an
 * unchanged page's as stored with its digest), and no unpublished story's page anywhere.
 */
import { hash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { sampleAcrossRoutes, validatePages, WarmValidator } from './html-validation.ts';
import { fileIdentity, VerificationCache, verificationKeys } from './verification-cache.ts';

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
  /** Where the results of a verification that passed are kept for the next (see `verification-cache.ts`). */
  cacheFile?: string;
  /** The most pages html-validate checks in one run (see `sampleAcrossRoutes`); all when not given. */
  htmlBudget?: number;
}

export interface Verification {
  problems: SiteProblem[];
  /** Pages whose HTML validation is known (this run or the cache), and pages left for a later run. */
  html: { validated: number; deferred: number };
  /** Pages and feeds checked in this run, and those whose bytes were unchanged, which kept their checks. */
  files: { checked: number; unchanged: number };
}

export async function verifySite(options: VerifyOptions): Promise<Verification> {
  const cache = new VerificationCache(options.cacheFile, verificationKeys({ base: options.base, htmlValidate: options.htmlValidate }));
  // After a verification, few pages have usually changed, too few for a pool of workers: one loads
  // html-validate on another core while this thread reads and hashes the site.
  const warm = cache.hasResults && options.htmlBudget !== 0 ? new WarmValidator(options.htmlValidate) : undefined;
  try {
    return await verifyWith(options, cache, warm);
  } finally {
    await warm?.close();
  }
}

async function verifyWith(options: VerifyOptions, cache: VerificationCache, warm: WarmValidator | undefined): Promise<Verification> {
  const { base } = options;
  const dist = path.resolve(options.dist);
  const { files, exists } = listing(dist);
  const problems: SiteProblem[] = [];
  const pageOf = (file: string) => `/${file.replace(/index\.html$/, '')}`;
  const resolves = (target: string) => exists.has(target) || exists.has(`${target}index.html`);
  const resolveLink = targetResolver(base);
  const digests = new Map<string, string>();
  const read = fileReader();
  let unchanged = 0;

  /** A file's digest: the one it had when checked if it is the same file on disk, else taken from its bytes. */
  const identify = (file: string) => {
    const identity = fileIdentity(statSync(path.join(dist, file)));
    const known = cache.knownDigest(file, identity);
    const bytes = known === undefined ? read(path.join(dist, file)) : undefined;
    return { identity, digest: known ?? hash('sha256', bytes!, 'base64url'), bytes: () => bytes ?? read(path.join(dist, file)) };
  };

  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  /** Pages whose bytes or links were checked afresh in this run. */
  const checked = new Set<string>();
  for (const file of htmlFiles) {
    const { identity, digest, bytes } = identify(file);
    digests.set(file, digest);
    const stored = cache.stored(file, digest);
    if (stored && cache.linksResolve(stored, resolves)) {
      cache.keep(file, stored, identity);
      unchanged++;
      continue;
    }
    checked.add(file);
    const page = pageOf(file);
    const html = bytes().toString('utf8');
    if (!/<title>[^<]+<\/title>/.test(html)) problems.push({ page, message: 'The page has no title.' });
    if (page !== '/404.html' && !/<link rel="canonical" href="[^"]+"/.test(html)) {
      problems.push({ page, message: 'The page has no canonical URL.' });
    }
    const links = new Set<string>();
    for (const url of internalUrls(html)) {
      const target = resolveLink(url, page);
      if (target === undefined) {
        problems.push({ page, message: `The link ${url} leaves the site's base path ${base}.` });
      } else if (!resolves(target)) {
        problems.push({ page, message: `The link ${url} points to nothing in the built site.` });
      } else {
        links.add(target);
      }
    }
    // Bytes html-validate passed stay passed, whatever made the other checks run again.
    cache.record(file, { digest, htmlValid: cache.storedHtmlValid(file, digest), links: [...links] }, identity);
  }

  const html = await validateChanged(dist, htmlFiles, digests, checked, cache, options, problems, pageOf, warm);

  for (const sitePathOf of options.unpublished) {
    if (exists.has(`${sitePathOf}index.html`)) {
      problems.push({ page: sitePathOf, message: 'A draft or scheduled article is in the built site.' });
    }
  }

  const xmlFiles = files.filter((f) => f.endsWith('.xml'));
  for (const file of xmlFiles) {
    const { identity, digest, bytes } = identify(file);
    const stored = cache.stored(file, digest);
    if (stored && cache.linksResolve(stored, resolves)) {
      cache.keep(file, stored, identity);
      unchanged++;
      continue;
    }
    const problem = xmlProblem(bytes().toString('utf8'));
    if (problem) problems.push({ page: `/${file}`, message: problem });
    cache.record(file, { digest, htmlValid: false, links: [] }, identity);
  }
  if (!existsSync(path.join(dist, 'pagefind', 'pagefind.js'))) {
    problems.push({ page: '/pagefind/', message: 'The search index is missing.' });
  }
  if (problems.length === 0) cache.save();
  return { problems, html, files: { checked: htmlFiles.length + xmlFiles.length - unchanged, unchanged } };
}

/**
 * html-validate on the pages it has not passed in their present bytes, at most the budget of them
 * (sampled across every kind of page), those whose bytes changed since the last verification
 * (`checked`) before those earlier runs left; the others wait for the runs that follow. Each page is read
 * again and validated only if its bytes are still those checked above.
 */
async function validateChanged(
  dist: string,
  htmlFiles: readonly string[],
  digests: ReadonlyMap<string, string>,
  checked: ReadonlySet<string>,
  cache: VerificationCache,
  options: Pick<VerifyOptions, 'htmlValidate' | 'htmlBudget'>,
  problems: SiteProblem[],
  pageOf: (file: string) => string,
  warm: WarmValidator | undefined,
): Promise<Verification['html']> {
  const pending = htmlFiles.filter((file) => !cache.recordedHtmlValid(file));
  // Pages whose bytes changed since the last verification first; then the ones earlier runs left.
  const budget = options.htmlBudget ?? Infinity;
  const changed = sampleAcrossRoutes(
    pending.filter((file) => checked.has(file)),
    budget,
  );
  const chosen = [
    ...changed,
    ...sampleAcrossRoutes(
      pending.filter((file) => !checked.has(file)),
      budget - changed.length,
    ),
  ];
  const pages = chosen.map((file) => ({ file, digest: digests.get(file) }));
  const reports = pages.length ? await validatePages(pages, options.htmlValidate, dist, warm) : [];
  for (const report of reports) {
    if (report.changed) problems.push({ page: pageOf(report.file), message: 'The file changed while the site was being verified.' });
    for (const message of report.messages) {
      problems.push({
        page: pageOf(report.file),
        message: `Invalid HTML at ${message.line}:${message.column}: ${message.message} (${message.ruleId}).`,
      });
    }
    if (!report.changed && report.messages.length === 0) cache.markHtmlValid(report.file);
  }
  return { validated: htmlFiles.length - pending.length + reports.length, deferred: pending.length - chosen.length };
}

/**
 * Reads a whole file into one buffer kept from file to file, and returns the part holding it,
 * valid until the next read: every page of a large site is read and hashed on every run, and a
 * buffer of its own for each would be garbage at once.
 */
function fileReader(): (file: string) => Buffer {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (file) => {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (let n: number; (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) {
        length += n;
        if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      }
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * Every file and folder of the built site by its site path (`/2025/07/x/index.html`, `/2025`: a
 * link may name a folder, which a server answers with its index), and the files by their path
 * within the site (`2025/07/x/index.html`). Symbolic links are listed, not followed.
 */
function listing(dist: string): { files: string[]; exists: Set<string> } {
  const files: string[] = [];
  const exists = new Set<string>();
  // A walk of its own: Node's recursive readdir costs half as much again (15,000 folders at 10,000 articles).
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = `${prefix}${entry.name}`;
      exists.add(`/${file}`);
      if (entry.isDirectory()) walk(path.join(folder, entry.name), `${file}/`);
      else files.push(file);
    }
  };
  walk(dist, '');
  // In code-point order, so problems come in the same order on any file system.
  return { files: files.sort(), exists };
}

/**
 * `resolveTarget` for the links of many pages, remembering the targets of links written from the
 * root, which are the same on every page (most links of a site: navigation, assets, entity pages).
 */
function targetResolver(base: string): (url: string, page: string) => string | undefined {
  const fromRoot = new Map<string, string | undefined>();
  return (url, page) => {
    if (!url.startsWith('/')) return resolveTarget(url, base, page);
    if (!fromRoot.has(url)) fromRoot.set(url, resolveTarget(url, base, page));
    return fromRoot.get(url);
  };
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
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
