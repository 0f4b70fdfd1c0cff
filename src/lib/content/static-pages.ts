/**
 * The newsroom's own pages (About, Contact, Corrections policy, Privacy…): Markdown files in
 * `content/pages/`, each published at `/<slug>/`. They are never stories: no search index, no
 * feed, no news sitemap. What the footer and masthead link of them is worked out here too, so
 * the layout only prints it and the page cache keys can cover it.
 */
import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import { z } from 'astro/zod';
import { parseContentDate } from '../model/dates.ts';
import { ENTITY_KINDS, KINDS } from '../entity-kinds.ts';
import type { ParsedMarkdown } from './frontmatter.ts';
import type { ContentProblem } from './problems.ts';
import { pageFrontmatterSchema } from '../schema.ts';
import { slugFromFileName, unnamedFileProblem } from '../model/slug.ts';
import { validate } from './validate.ts';

/** A page as stored in the `pages` collection and handed to its route. */
export const pageRecordSchema = z.object({
  /** Source file, relative to the working directory where possible. */
  file: z.string(),
  /** URL path without the site base: `/about/`. */
  path: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  updated: z.date().optional(),
  footer: z.boolean(),
  menu: z.boolean(),
  /** The body rendered by the stories' Markdown pipeline (pages are few: kept in the data store). */
  html: z.string(),
});

export type PageRecord = z.output<typeof pageRecordSchema>;
export type PageFields = Omit<PageRecord, 'html'>;

/** Validates one parsed page file; returns problems instead of throwing. */
export function buildPage(file: string, parsed: ParsedMarkdown, timeZone: string): { page?: PageFields; problems: ContentProblem[] } {
  if (parsed.problems.length) return { problems: parsed.problems };
  const validated = validate(pageFrontmatterSchema, parsed.data, file, parsed.locate);
  if (!validated.value) return { problems: validated.problems };
  const fm = validated.value;
  const slug = fm.slug ?? slugFromFileName(file);
  if (!slug) return { problems: [unnamedFileProblem(file, 'about.md')] };
  return {
    page: {
      file,
      path: `/${slug}/`,
      slug,
      // Entities as old CMS exports wrote them (`&amp;`) read as the characters, like an article's.
      title: decodeHTML(fm.title).trim(),
      summary: decodeHTML(fm.summary).trim(),
      updated: fm.updated ? parseContentDate(fm.updated, timeZone) : undefined,
      footer: fm.footer,
      menu: fm.menu,
    },
    problems: [],
  };
}

/**
 * Addresses no page may take whatever the content: every site section, the search page, and
 * `/<yyyy>/`, which is (or will be) the archive of that year.
 */
function reservedFor(path: string): string | undefined {
  if (/^\/\d{4}\/$/.test(path)) return `the archive of the year ${path.slice(1, -1)}`;
  if (ENTITY_KINDS.some((kind) => KINDS[kind].section === path)) return `the section ${path} of the site`;
  if (path === '/search/') return 'the search page';
  return undefined;
}

/**
 * Pages at an address another page, a section of the site, an article or a redirect has, each
 * an error naming both. `sitePaths`: the site's other pages; `owners` says what a path is, when
 * known ("the address of <file>").
 */
export function pageClashes(
  pages: readonly Pick<PageFields, 'file' | 'path' | 'slug'>[],
  sitePaths: ReadonlySet<string>,
  owners: ReadonlyMap<string, string> = new Map(),
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byPath = new Map<string, string>();
  for (const page of pages) {
    const problem = { severity: 'error' as const, file: page.file, field: 'slug' };
    const other = byPath.get(page.path);
    const reserved = reservedFor(page.path);
    if (other) {
      problems.push({
        ...problem,
        message: `This page and ${other} would both be published at ${page.path}.`,
        hint: 'Give one of them a different "slug" (or file name).',
      });
    } else if (reserved || sitePaths.has(page.path)) {
      const what = reserved ?? owners.get(page.path) ?? 'the address of a page the site builds';
      problems.push({
        ...problem,
        message: `This page would be published at ${page.path}, which is ${what}.`,
        found: `"${page.slug}"`,
        hint: 'Give the page another "slug" (or file name), e.g. "about-us".',
      });
    } else {
      byPath.set(page.path, page.file);
    }
  }
  return problems;
}

export interface PageLink {
  title: string;
  path: string;
}

/** What the layout links of the pages: `footer: true` ones in the footer, `menu: true` ones in the masthead. */
export interface PageLinks {
  footer: PageLink[];
  menu: PageLink[];
}

/** The footer's and the masthead's page links, each in title order, so a new page finds its place without a setting. */
export function pageLinks(pages: readonly Pick<PageFields, 'title' | 'path' | 'footer' | 'menu'>[]): PageLinks {
  const links = (flag: 'footer' | 'menu') =>
    pages
      .filter((page) => page[flag])
      .map(({ title, path }) => ({ title, path }))
      .sort((a, b) => a.title.localeCompare(b.title, 'en') || a.path.localeCompare(b.path));
  return { footer: links('footer'), menu: links('menu') };
}

/**
 * A digest of what every page's frame shows of the content (the page links): part of every page
 * cache key, since renaming the About page changes the footer of every page of the site.
 */
export function pageLinksDigest(links: PageLinks): string {
  return createHash('sha1').update(JSON.stringify(links)).digest('base64url');
}
