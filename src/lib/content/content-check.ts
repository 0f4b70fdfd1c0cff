/**
 * The writers' content check: everything the build rejects, plus what only a reader would
 * notice (links to nowhere, images without alt text, missing files) as errors, and likely
 * mistakes (a name close to a registry entry, a speaker never mentioned, an overlong summary,
 * a story scheduled ahead, HTML that publishing removes) as warnings. No site is built, so it runs in seconds.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { SiteConfig } from '../../site.config.ts';
import { bodyHtmlProblems } from './body-html.ts';
import { aliasOwners } from '../model/aliases.ts';
import { bodyReferences } from './body-links.ts';
import { indexSourceArticles, type LoadedContent, type SourceArticle } from './content-dir.ts';
import { formatArticleDate } from '../model/dates.ts';
import { articleFiles, isFileLink, resolveFileLink, type ArticleFiles } from '../markdown/file-links.ts';
import { isPublished } from '../model/indexes.ts';
import type { ContentProblem } from './problems.ts';
import type { Registry } from './registry.ts';
import { KINDS, REGISTRY_KINDS, type RegistryKind } from '../entity-kinds.ts';
import { sitePaths } from '../model/site-paths.ts';
import { pageClashes } from './static-pages.ts';
import { toSlug } from '../model/slug.ts';
import { withBase } from '../model/urls.ts';
import { imageSource } from '../schema.ts';
import { loadContentDir } from '../build/snapshot.ts';
import { fieldName } from './validate.ts';

/**
 * Longest summary that even the roomiest previews show whole (social cards and news apps show
 * up to about 300 characters; search engines fewer, but they often write their own snippet).
 * Shorter, and the warning would fire on most human-written standfirsts and be ignored.
 */
export const SNIPPET_MAX = 300;
const DAY_MS = 86_400_000;

export interface CheckOptions {
  site: Pick<SiteConfig, 'timeZone' | 'defaultByline' | 'url' | 'base' | 'legacyPermalinks'> & Partial<Pick<SiteConfig, 'imageHosts' | 'imageMaxBytes'>>;
  /** Folder of files served as they are (`public/`), for links to images and documents. */
  publicDir: string;
  now: Date;
}

/**
 * Reads every file, with no content snapshot: the check is the writer's word on the content as it
 * is, whatever a build cache holds, and it does not write into the cache a build may be using.
 */
export async function checkContent(contentDir: string, options: CheckOptions): Promise<ContentProblem[]> {
  const loaded = await loadContentDir(contentDir, options.site);
  return [...loaded.problems, ...checkArticles(loaded, options)];
}

/** The checks beyond the schema, over content already loaded (the build runs them too). */
export function checkArticles({ articles, pages: ownPages, registries, rejected }: LoadedContent, options: CheckOptions): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const published = articles.filter((a) => isPublished(a.fields, options.now));
  // Old addresses lead somewhere (a redirect page), so a link to one is a good link.
  const pages = sitePaths(indexSourceArticles(published, registries));
  const aliases = aliasOwners(published.map((a) => a.fields)).owners;
  for (const alias of aliases.keys()) pages.add(alias);
  // The newsroom's own pages may take no address the site already gives; then stories may link to them.
  const owners = new Map([
    ...published.map(({ fields }) => [fields.path, `the address of ${fields.file}`] as const),
    ...[...aliases].map(([alias, claim]) => [alias, `an old address (redirect) of ${claim.article.file}`] as const),
  ]);
  problems.push(
    ...pageClashes(
      ownPages.map(({ fields }) => fields),
      pages,
      owners,
    ),
  );
  for (const { fields } of ownPages) pages.add(fields.path);
  const publishedSet = new Set(published);
  const unpublished = new Map(
    articles
      .filter((a) => !publishedSet.has(a))
      .flatMap(({ fields }) => [fields.path, ...fields.aliases, ...fields.legacyAliases].map((p) => [p, fields] as const)),
  );
  const files = articleFiles(articles);
  for (const page of ownPages) problems.push(...bodyProblems(page, files, pages, unpublished, options));
  const nearRegistered = Object.fromEntries(REGISTRY_KINDS.map((kind) => [kind, nearNames(kind, registries[kind])])) as Record<
    RegistryKind,
    ReturnType<typeof nearNames>
  >;

  for (const record of REGISTRY_KINDS.flatMap((kind) => registries[kind].records)) {
    const src = record.photo?.src;
    if (src === undefined || hasBadEscape(src)) continue;
    const problem =
      imageSource(src).kind === 'beside'
        ? {
            message: `The image ${src} is named relative to the registry; portraits are served as they are, from public/ or the web.`,
            expected: 'a path under public/ such as /images/people/name.jpg, or an https:// address',
            hint: 'Put the portrait under public/ and give its path from there.',
          }
        : imageFileProblem(src, undefined, options);
    if (problem) {
      const message = problem.message.replace(`The image ${src}`, `The photo of "${record.name}", ${src},`);
      problems.push({ severity: 'error', file: record.file, line: record.line, column: 1, field: 'photo.src', ...problem, message });
    }
  }

  for (const article of articles) {
    const { fields } = article;
    const at = (field: (string | number)[]) => ({ file: fields.file, field: fieldName(field), ...article.locate(field) });

    problems.push(...bodyProblems(article, files, pages, unpublished, options));

    const imageSrc = fields.image?.src;
    if (imageSrc && hasBadEscape(imageSrc)) {
      problems.push({ severity: 'error', ...at(['image', 'src']), ...badEscape(imageSrc) });
    } else if (imageSrc) {
      const problem = imageFileProblem(imageSrc, path.dirname(article.absolutePath), options);
      if (problem) problems.push({ severity: 'error', ...at(['image', 'src']), ...problem });
    }
    if (fields.audio && hasBadEscape(fields.audio)) {
      problems.push({ severity: 'error', ...at(['audio']), ...badEscape(fields.audio) });
    } else if (fields.audio?.startsWith('/') && !existsSync(path.join(options.publicDir, decodeURI(fields.audio)))) {
      problems.push({
        severity: 'error',
        ...at(['audio']),
        message: `The file ${fields.audio} does not exist.`,
        expected: `a file at ${path.join(path.relative(process.cwd(), options.publicDir), fields.audio)}`,
        hint: 'Add the file under public/, or correct the path.',
      });
    }

    for (const kind of REGISTRY_KINDS) {
      const refs = KINDS[kind].refs(fields);
      problems.push(
        ...nearRegistered[kind](
          refs.map(({ ref, field }, i) => ({ name: ref.name, at: [field, i] })),
          at,
        ),
      );
    }

    const body = article.body.toLocaleLowerCase('en');
    fields.speakers.forEach((speaker, i) => {
      const names = [speaker.name, ...(registries.people.resolve(speaker.name)?.aliases ?? [])];
      const mentioned = names.some((name) => {
        const surname = name.trim().split(/\s+/).at(-1)!.toLocaleLowerCase('en');
        return body.includes(surname);
      });
      if (!mentioned) {
        problems.push({
          severity: 'warning',
          ...at(['speakers', i]),
          message: `${speaker.name} is listed as quoted but never named in the story.`,
          hint: 'Attribute the quote in the text, or remove the name from speakers.',
        });
      }
    });

    for (const field of ['title', 'summary'] as const) {
      const markup = /<\/?[a-z][^>]*>/i.exec(fields[field]);
      if (markup) {
        problems.push({
          severity: 'warning',
          ...at([field]),
          message: `The ${field} contains markup (${markup[0].slice(0, 40)}); it is shown as plain text, never run.`,
          hint: 'Remove the markup; headlines and summaries are text.',
        });
      }
    }

    if (fields.summary.length > SNIPPET_MAX) {
      problems.push({
        severity: 'warning',
        ...at(['summary']),
        message: `The summary is ${fields.summary.length} characters; social cards, news apps and search results cut it after about ${SNIPPET_MAX}, mid-sentence.`,
        hint: 'Shorten the standfirst to one or two sentences.',
      });
    }

    if (fields.date.getTime() > options.now.getTime() + DAY_MS && !fields.draft) {
      problems.push({
        severity: 'warning',
        ...at(['date']),
        message: `The article is dated ahead: it will be published by the first build on or after ${formatArticleDate(fields.date, options.site.timeZone)} (${fields.date.toISOString()}).`,
        hint: 'This is how to schedule a story; if it is not meant, correct the date.',
      });
    }
  }
  // An article whose frontmatter is invalid still gets its names checked, so the writer fixes
  // everything in one round.
  for (const { file, names, locate } of rejected) {
    const at = (field: (string | number)[]) => ({ file, field: fieldName(field), ...locate(field) });
    for (const kind of REGISTRY_KINDS) {
      const field = KINDS[kind].field;
      problems.push(
        ...nearRegistered[kind](
          (names[field] ?? []).map((name, i) => ({ name, at: [field, i] })),
          at,
        ),
      );
    }
  }
  return problems;
}

/** What the body checks need of a story or a page. */
type BodySource = Pick<SourceArticle, 'body' | 'bodyLine' | 'absolutePath'> & { fields: { file: string; path: string } };

/** A body's HTML, images and links (written from the root, relative to its page, or as article files), of a story or a page. */
function bodyProblems(
  source: BodySource,
  files: ArticleFiles,
  pages: Set<string>,
  unpublished: Map<string, { draft: boolean; date: Date; file: string }>,
  options: CheckOptions,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const references = bodyReferences(source.body, source.bodyLine);
  problems.push(...bodyHtmlProblems(source.fields.file, source.body, source.bodyLine, references));
  for (const ref of references) {
    const where = { file: source.fields.file, line: ref.line, column: ref.column };
    if (ref.kind === 'image' && !ref.alt?.trim()) {
      problems.push({
        severity: 'error',
        ...where,
        message: `The image ${ref.url} has no alt text.`,
        hint: 'Describe the image for readers who cannot see it: ![What the photo shows](…).',
      });
    }
    if (ref.kind === 'link' && ref.text === '') {
      problems.push({
        severity: 'error',
        ...where,
        message: `The link to ${ref.url} has no text, so readers cannot see it and screen readers announce only "link".`,
        hint: 'Write the words to click between the brackets: [What the page is](…).',
      });
    }
    if (hasBadEscape(ref.url)) {
      problems.push({ severity: 'error', ...where, ...badEscape(ref.url) });
      continue;
    }
    const target = sitePath(ref.url, options.site, source.fields.path);
    if (target === undefined) continue;
    if (ref.kind === 'link' && isFileLink(ref.url)) {
      problems.push(...checkFileLink(ref.url, target, where, source, files, pages, unpublished, options));
      continue;
    }
    problems.push(...checkTarget(target, ref.url, where, pages, unpublished, options));
  }
  return problems;
}

/**
 * Why an image's file cannot be published, or undefined when it can: a file beside the article
 * (`articleDir`; undefined for registry portraits) or under public/ that is missing or over the
 * size limit, or a web address on a host the site settings do not list. The format was checked
 * by the schema (`imageSrc`).
 */
function imageFileProblem(
  src: string,
  articleDir: string | undefined,
  { publicDir, site }: CheckOptions,
): Pick<ContentProblem, 'message' | 'expected' | 'found' | 'hint'> | undefined {
  const source = imageSource(src);
  if (source.kind === 'remote') {
    const hosts = site.imageHosts ?? [];
    if (hosts.includes(source.url.hostname.toLowerCase())) return undefined;
    return {
      message: `The image ${src} is on ${source.url.hostname}, which is not one of the site's image hosts.`,
      expected: hosts.length ? `an address on ${hosts.join(', ')}` : 'a file beside the article or under public/ (the site lists no image hosts)',
      found: source.url.hostname,
      hint: 'Keep the photo with the site (beside the article, or under public/) and name that file, or add the host to imageHosts in src/site.config.ts if the newsroom trusts it.',
    };
  }
  const file = source.kind === 'public' ? path.join(publicDir, decodeURI(source.path)) : path.resolve(articleDir ?? publicDir, source.path);
  const shown = path.relative(process.cwd(), file);
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    return {
      message: `The image ${src} does not exist.`,
      expected: `a file at ${shown}`,
      hint:
        source.kind === 'public'
          ? 'Add the file under public/, or correct the path.'
          : 'Save the photo beside the article, or correct its name (letter case counts).',
    };
  }
  const limit = site.imageMaxBytes ?? Infinity;
  if (stat.size > limit) {
    return {
      message: `The image ${src} is ${megabytes(stat.size)}, over the site's limit of ${megabytes(limit)}.`,
      expected: `a file of at most ${megabytes(limit)}`,
      found: megabytes(stat.size),
      hint: 'Export the photo as a JPEG of about 4,000 pixels across at quality 85: that is 2 to 8 MB and more than any screen needs.',
    };
  }
  return undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A `%` not followed by two hex digits (`/files/100%.pdf`): no browser or server can read the address. */
function hasBadEscape(url: string): boolean {
  try {
    decodeURI(url);
    return false;
  } catch {
    return true;
  }
}

function badEscape(url: string) {
  return {
    message: `The address ${url} has a "%" that does not start an escape such as %20, so it cannot be read.`,
    expected: '"%" followed by two hexadecimal digits',
    found: `"${url}"`,
    hint: 'Write a percent sign in an address as %25.',
  };
}

/**
 * A link's path within the site (percent escapes decoded, as file names are written), or
 * undefined for a link elsewhere (another site, mail, a bare fragment). A relative link
 * (`../other-post/`) is read as a browser reads it on the page at `from` (a site path).
 */
export function sitePath(url: string, site: Pick<SiteConfig, 'url' | 'base'>, from?: string): string | undefined {
  let local = url;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
    if (!url.startsWith(site.url.replace(/\/$/, ''))) return undefined;
    local = url.slice(site.url.replace(/\/$/, '').length) || '/';
  }
  if (!local.startsWith('/')) {
    if (from === undefined || /^[#?]/.test(local) || local === '') return undefined;
    local = new URL(local, `http://site.invalid${withBase(site.base, from)}`).pathname;
  }
  local = local.split(/[?#]/)[0]!;
  if (site.base !== '/' && local.startsWith(site.base)) local = local.slice(site.base.length - 1);
  try {
    return decodeURI(local);
  } catch {
    return local;
  }
}

/**
 * A link to an article's source file: good when it names one article (then checked as a link to
 * that article's address), or a file under public/ at the address it resolves to on the page.
 */
function checkFileLink(
  url: string,
  target: string,
  where: { file: string; line: number; column: number },
  article: BodySource,
  files: ArticleFiles,
  pages: Set<string>,
  unpublished: Map<string, { draft: boolean; date: Date; file: string }>,
  options: CheckOptions,
): ContentProblem[] {
  const resolved = resolveFileLink(url, article.absolutePath, files);
  if ('article' in resolved) return checkTarget(resolved.article.path, url, where, pages, unpublished, options);
  if ('candidates' in resolved) {
    return [
      {
        severity: 'error',
        ...where,
        message: `The link ${url} could mean any of ${resolved.candidates.length} articles: ${resolved.candidates.map((c) => c.file).join(', ')}.`,
        hint: 'Write the path of the one you mean relative to this file, e.g. ../2015/that-story.md.',
      },
    ];
  }
  if (existsSync(path.join(options.publicDir, target))) return [];
  return [
    {
      severity: 'error',
      ...where,
      message: `The link ${url} names no article file.`,
      expected: `an article file at ${path.join(path.dirname(article.fields.file), path.relative(path.dirname(article.absolutePath), resolved.missing.relative))}, or one article file anywhere called ${resolved.missing.name}`,
      found: 'neither',
      hint: "Check the file name, or link to the story's address (/<yyyy>/<mm>/<slug>/).",
    },
  ];
}

function checkTarget(
  target: string,
  url: string,
  where: { file: string; line: number; column: number },
  pages: Set<string>,
  unpublished: Map<string, { draft: boolean; date: Date; file: string }>,
  options: CheckOptions,
): ContentProblem[] {
  if (pages.has(target)) return [];
  const hidden = unpublished.get(target) ?? unpublished.get(`${target}/`);
  if (hidden?.draft) {
    return [{ severity: 'error', ...where, message: `The link ${url} points to a draft (${hidden.file}), which is never published.` }];
  }
  if (hidden) {
    return [
      {
        severity: 'warning',
        ...where,
        message: `The link ${url} points to a story scheduled for ${formatArticleDate(hidden.date, options.site.timeZone)}; it leads nowhere until then.`,
      },
    ];
  }
  if (!target.endsWith('/') && pages.has(`${target}/`)) {
    return [{ severity: 'warning', ...where, message: `The link ${url} lacks its final slash.`, hint: `Write ${url}/.` }];
  }
  if (existsSync(path.join(options.publicDir, target)) && !target.endsWith('/')) return [];
  const relative = !/^([a-z][a-z0-9+.-]*:|\/)/i.test(url);
  return [
    {
      severity: 'error',
      ...where,
      message: `The link ${url} points to no page or file of the site${relative ? ` (from this story's page it leads to ${target})` : ''}.`,
      hint: 'Check the address: articles live at /<yyyy>/<mm>/<slug>/, people at /people/<slug>/, files under public/.',
    },
  ];
}

/**
 * Finds names that are in no registry but are one slip away from a registry name or alias,
 * compared on their transliterated slugs so that spelling and script differences both count
 * (`Shanghai Cooperation Organisation`, `Antonio Gutteres`, `Токаев` against `Tokayev`).
 */
function nearNames(kind: RegistryKind, registry: Registry) {
  const candidates = registry.records.flatMap((record) =>
    [record.name, ...record.aliases].map((name) => ({ slug: toSlug(name), canonical: record.name, spelled: name })),
  );
  return (
    names: readonly { name: string | undefined; at: (string | number)[] }[],
    at: (field: (string | number)[]) => Omit<ContentProblem, 'severity' | 'message'>,
  ): ContentProblem[] => {
    const problems: ContentProblem[] = [];
    for (const { name, at: where } of names) {
      if (name === undefined || registry.resolve(name)) continue;
      const slug = toSlug(name);
      let best: (typeof candidates)[number] | undefined;
      let bestDistance = Infinity;
      for (const candidate of candidates) {
        const d = distance(slug, candidate.slug);
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
      }
      if (best && bestDistance <= Math.max(1, Math.floor(best.slug.length / 6))) {
        const also = best.spelled !== best.canonical ? ` (an alias of "${best.canonical}")` : '';
        problems.push({
          severity: 'warning',
          ...at(where),
          message: `"${name.trim()}" is in no registry, so it gets a page of its own.`,
          hint: `Did you mean "${best.spelled}"${also}? If it is a different ${KINDS[kind].label.toLowerCase()}, add it to ${KINDS[kind].registry}.`,
        });
      }
    }
    return problems;
  };
}
