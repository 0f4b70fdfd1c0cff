/**
 * Reads a newsroom's content directory (articles and registries), validates all of it and
 * returns every article with every problem found, so one run reports everything at once.
 *
 * Layout: `articles/**\/*.md` (or `.markdown`, any letter case; symbolic links followed), and
 * optionally a registry file per kind (`organizations.yaml`…). Files are read as UTF-8 and
 * nothing else: a file in another encoding is reported, never shown garbled.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasOwners, type AliasClaim } from '../model/aliases.ts';
import { buildArticle, datelineText, type ArticleFields, type ContentSettings, type EntityRef, type Registries } from '../model/article.ts';
import { fileTree } from './file-tree.ts';
import { locator, normalizeLineBreaks, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from '../model/indexes.ts';
import type { ContentProblem } from './problems.ts';
import { articleRefs, KINDS, REGISTRY_KINDS, type EntityKind } from '../entity-kinds.ts';
import { parseRegistry } from './registry.ts';
import { entityPath } from '../model/urls.ts';
import { fieldName } from './validate.ts';
import { sitePaths } from '../model/site-paths.ts';
import { buildPage, type PageFields } from './static-pages.ts';

export interface SourceArticle {
  fields: ArticleFields;
  /** Markdown body without the frontmatter. */
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
  /** Absolute path of the file. */
  absolutePath: string;
  /** Where a frontmatter field is written. */
  locate: ParsedMarkdown['locate'];
  /** The names each list field gives, trimmed, as written: where a spelling stands in the file. */
  written: Record<string, string[]>;
}

/** An article whose frontmatter failed validation, with the names it lists, so the name checks still run on them. */
export interface RejectedArticle {
  file: string;
  /** Names as written, by their position in the list (undefined where an item is not a name). */
  names: Partial<Record<string, (string | undefined)[]>>;
  locate: ParsedMarkdown['locate'];
}

/** A page of the newsroom itself (`pages/**\/*.md`), valid. */
export interface SourcePage {
  fields: PageFields;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
  absolutePath: string;
}

export interface LoadedContent {
  articles: SourceArticle[];
  /** The newsroom's own pages (About, Contact…), from the optional `pages/` folder. */
  pages: SourcePage[];
  registries: Registries;
  problems: ContentProblem[];
  rejected: RejectedArticle[];
  /**
   * Files whose frontmatter says `draft: true`, valid or not (read from the raw text when the
   * YAML itself is broken): a production build leaves a broken draft out instead of failing.
   */
  drafts: Set<string>;
}

export async function loadContentDir(contentDir: string, site: ContentSettings): Promise<LoadedContent> {
  const { registries, problems } = await loadRegistries(contentDir);

  const articlesDir = path.join(contentDir, 'articles');
  const tree = fileTree(articlesDir);
  if (tree === undefined) {
    problems.push({
      severity: 'error',
      file: display(contentDir),
      message: 'The content directory has no articles folder.',
      expected: `a folder ${display(articlesDir)} holding one Markdown file per article`,
      found: 'no such folder',
      hint: 'Check CONTENT_DIR, or create the folder.',
    });
  }
  for (const { link, target } of tree?.loops ?? []) {
    problems.push({
      severity: 'error',
      file: display(link),
      message: 'This symbolic link leads back into a folder it is already in, so the folder would be read without end.',
      expected: 'a link to a folder outside the one holding the link',
      found: `a link to ${display(target)}`,
      hint: 'Remove the link, or point it at the archive folder itself.',
    });
  }
  for (const { link, target } of tree?.broken ?? []) {
    problems.push({
      severity: 'error',
      file: display(link),
      message: 'This symbolic link leads to nothing, so the articles it stood for are missing.',
      found: `a link to ${display(target)}, which does not exist`,
      hint: 'Point the link at the folder or file it should show, or remove it.',
    });
  }
  const files = tree?.files.filter(isMarkdown) ?? [];
  if (tree && files.length === 0) {
    problems.push({
      severity: 'error',
      file: display(articlesDir),
      message: 'The articles folder holds no articles, so the site would have none.',
      expected: 'Markdown files (.md or .markdown) in the folder or below it',
      found: tree.files.length ? `${tree.files.length} other files` : 'an empty folder',
      hint: 'Put the articles here, or check CONTENT_DIR and that linked archive folders exist.',
    });
  }

  const articles: SourceArticle[] = [];
  const rejected: RejectedArticle[] = [];
  const drafts = new Set<string>();
  for (const { absolutePath, file, parsed } of await readMarkdown(files, problems)) {
    if (saysDraft(parsed)) drafts.add(file);
    const built = buildArticle(file, parsed, registries, site);
    problems.push(...built.problems);
    if (built.article) {
      articles.push({
        fields: built.article,
        body: parsed.body,
        bodyLine: parsed.bodyLine,
        absolutePath,
        locate: locator(parsed.frontmatter, 1),
        written: writtenNames(parsed.data),
      });
    } else if (parsed.data) {
      rejected.push({ file, names: rawNames(parsed.data), locate: parsed.locate });
    }
  }

  problems.push(...unifySpellings(articles, registries));
  problems.push(...findCollisions(articles, registries));
  const loadedPages = await loadPages(contentDir, site);
  problems.push(...loadedPages.problems);
  return { articles, pages: loadedPages.pages, registries, problems, rejected, drafts };
}

/**
 * The newsroom's own pages: `pages/**\/*.md` (or `.markdown`; symbolic links followed), read
 * like articles (UTF-8, any line endings). The folder is optional; a file in it that is not
 * Markdown is reported, not skipped in silence.
 */
export async function loadPages(contentDir: string, site: Pick<ContentSettings, 'timeZone'>): Promise<{ pages: SourcePage[]; problems: ContentProblem[] }> {
  const pagesDir = path.join(contentDir, 'pages');
  const tree = fileTree(pagesDir);
  const problems: ContentProblem[] = [];
  const pages: SourcePage[] = [];
  if (!tree) return { pages, problems };
  for (const { link, target } of [...tree.loops, ...tree.broken]) {
    problems.push({
      severity: 'error',
      file: display(link),
      message: 'This symbolic link leads nowhere a page can be read from (to nothing, or back into its own folder).',
      found: `a link to ${display(target)}`,
      hint: 'Point the link at the page file or folder it should show, or remove it.',
    });
  }
  for (const other of tree.files.filter((file) => !isMarkdown(file))) {
    problems.push({
      severity: 'warning',
      file: display(other),
      message: 'This file in the pages folder is not Markdown, so it is not published.',
      expected: 'a .md or .markdown file',
      hint: 'Put images and documents under public/; rename a page written in Markdown to .md.',
    });
  }
  const files = tree.files.filter(isMarkdown);
  for (const { absolutePath, file, parsed } of await readMarkdown(files, problems)) {
    const built = buildPage(file, parsed, site.timeZone);
    problems.push(...built.problems);
    if (built.page) pages.push({ fields: built.page, body: parsed.body, bodyLine: parsed.bodyLine, absolutePath });
  }
  return { pages, problems };
}

/**
 * The indexes of articles read outside Astro (the content check, the sitemap's dates). Reading
 * time and the rendered body come from rendering, which happens only in the build, so they are
 * left empty here.
 */
export function indexSourceArticles(articles: readonly Pick<SourceArticle, 'fields'>[], registries: Registries): Newsroom {
  return buildNewsroom(
    articles.map(({ fields }) => ({ id: fields.path, data: { ...fields, readingMinutes: 0, bodyDigest: '' } })),
    registries,
  );
}

/** The registries of a content directory; absent files are empty. */
export async function loadRegistries(contentDir: string): Promise<{ registries: Registries; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const registries = {} as Registries;
  for (const kind of REGISTRY_KINDS) {
    const file = path.join(contentDir, KINDS[kind].registry);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const source = bytes && decodeUtf8(bytes, display(file));
    if (source !== undefined && typeof source !== 'string') {
      problems.push(source);
      registries[kind] = parseRegistry(kind, undefined, display(file)).registry;
      continue;
    }
    const parsed = parseRegistry(kind, source === undefined ? undefined : normalizeLineBreaks(source), display(file));
    registries[kind] = parsed.registry;
    problems.push(...parsed.problems);
  }
  return { registries, problems };
}

/** Markdown files read as UTF-8 and parsed, in the order given; a file that is not UTF-8 adds its problem instead. */
async function readMarkdown(
  files: readonly string[],
  problems: ContentProblem[],
): Promise<{ absolutePath: string; file: string; parsed: ParsedMarkdown }[]> {
  const sources = await readAll(files);
  return files.flatMap((absolutePath, index) => {
    const file = display(absolutePath);
    const source = decodeUtf8(sources[index]!, file);
    if (typeof source !== 'string') {
      problems.push(source);
      return [];
    }
    return [{ absolutePath, file, parsed: parseMarkdown(source, file) }];
  });
}

/** A path as problems show it: relative to the working directory when inside it. */
function display(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') ? relative : absolute;
}

/** Reads files concurrently, a bounded number at a time, in the order given. */
async function readAll(files: readonly string[], concurrency = 64): Promise<Uint8Array[]> {
  const contents: Uint8Array[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      contents[index] = await readFile(files[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return contents;
}

/** `.md` or `.markdown`, in any letter case (`.MD` from old Windows tools). */
function isMarkdown(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file's bytes as UTF-8 (a byte-order mark dropped), or a problem naming the line
 * and column of the first byte that is not UTF-8 (a file saved as Latin-1 or Windows-1251),
 * instead of text with replacement characters in it.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string | ContentProblem {
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = utf8.decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    const lines = normalizeLineBreaks(before).split('\n');
    return {
      severity: 'error',
      file,
      line: lines.length,
      column: lines.at(-1)!.length + 1,
      message: 'The file is not UTF-8 text, so some letters would show as "�".',
      expected: 'UTF-8',
      found: `the byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}, which UTF-8 does not allow here (the file was probably saved as Latin-1 or Windows-1251)`,
      hint: 'Open the file in an editor and save it again with the encoding "UTF-8".',
    };
  }
}

/** Index of the first byte of the first invalid UTF-8 sequence (the bytes are known to hold one). */
function firstInvalidByte(bytes: Uint8Array): number {
  const validPrefix = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that is valid or ends in an unfinished sequence; the next byte breaks it.
  let [low, high] = [0, bytes.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (validPrefix(middle)) low = middle;
    else high = middle - 1;
  }
  // When the prefix ends in an unfinished sequence, the error is where that sequence starts.
  for (let i = low - 1; i >= Math.max(0, low - 3); i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) break;
    if (byte >= 0xc0) return i + (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) > low ? i : low;
  }
  return low;
}

/** Whether the frontmatter says `draft: true`, read from the text itself when the YAML cannot be parsed. */
function saysDraft(parsed: ParsedMarkdown): boolean {
  const data = parsed.data as { draft?: unknown } | undefined;
  if (data && typeof data === 'object') return data.draft === true;
  return /^draft:\s*true\s*(#.*)?$/m.test(parsed.frontmatter);
}

function rawNames(data: unknown): RejectedArticle['names'] {
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const fields = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const nameOf = (item: unknown) =>
    typeof item === 'string' ? item : typeof (item as { name?: unknown } | null)?.name === 'string' ? (item as { name: string }).name : undefined;
  return Object.fromEntries(REGISTRY_KINDS.map((kind) => [KINDS[kind].field, list(fields[KINDS[kind].field]).map(nameOf)]));
}

/**
 * Two articles with one URL, two articles claiming one old address, and an old address that is
 * a page of the site, each named with the files involved.
 */
function findCollisions(sources: readonly Pick<SourceArticle, 'fields' | 'locate'>[], registries: Registries): ContentProblem[] {
  const articles = sources.map((source) => source.fields);
  const problems: ContentProblem[] = [...aliasCollisions(sources, registries)];
  const byPath = new Map<string, ArticleFields>();
  for (const article of articles) {
    const owner = byPath.get(article.path);
    if (owner) {
      problems.push({
        severity: 'error',
        file: article.file,
        field: 'slug',
        message: `This article and ${owner.file} would both be published at ${article.path}.`,
        hint: 'Give one of them a different "slug" (or file name).',
      });
    } else {
      byPath.set(article.path, article);
    }
  }
  return problems;
}

/** The names of every list field (`topics: [Water, Energy]`, `speakers: [{ name: … }]`), trimmed. */
function writtenNames(data: unknown): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(data ?? {})) {
    if (!Array.isArray(value)) continue;
    lists[field] = value.map((item) => String(item !== null && typeof item === 'object' ? (item as { name?: unknown }).name : item).trim());
  }
  return lists;
}

/**
 * Letter case and accents never split an entity: names that share a slug (`Design` and
 * `design`, `Gabriel Ramirez` and `Gabriel Ramírez`) are one entity with one page. Its name is
 * the registry's when a registry entry has that slug; else the spelling the most articles use,
 * counted over every article in the content directory (drafts and scheduled stories too), and on
 * a tie the first in code-point order (so `Design` before `design`, `Ramirez` before `Ramírez`).
 * Every article is rewritten to that name, so pages, search filters and feeds show one spelling,
 * and each other spelling gets a warning at the file, line and field where it is written.
 */
function unifySpellings(articles: readonly SourceArticle[], registries: Registries): ContentProblem[] {
  type Use = { article: SourceArticle; ref: EntityRef; field: string };
  const entities = new Map<string, { kind: EntityKind; uses: Use[] }>();
  for (const article of articles) {
    for (const { kind, key, ref, field } of articleRefs(article.fields)) {
      const page = entityPath({ kind, key });
      let entity = entities.get(page);
      if (!entity) entities.set(page, (entity = { kind, uses: [] }));
      entity.uses.push({ article, ref, field });
    }
  }
  const registered = new Map(
    REGISTRY_KINDS.map((kind) => [kind as EntityKind, new Map(registries[kind].records.map((record) => [record.slug, record]))]),
  );

  const problems: ContentProblem[] = [];
  const redated = new Set<SourceArticle>();
  for (const [page, { kind, uses }] of entities) {
    const counts = new Map<string, number>();
    for (const { ref } of uses) counts.set(ref.name, (counts.get(ref.name) ?? 0) + 1);
    const record = registered.get(kind)?.get(uses[0]!.ref.slug);
    const [majority, majorityCount] = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    const name = record?.name ?? majority;
    if (counts.size === 1 && counts.has(name)) continue;
    const noun = KINDS[kind].label.toLowerCase();
    const registry = 'registry' in KINDS[kind] ? KINDS[kind].registry : undefined;
    const why = record ? `its name in ${registry}` : `the spelling of ${majorityCount} of ${uses.length} articles`;
    for (const { article, ref, field } of uses) {
      if (ref.name === name) continue;
      const spelled = ref.name;
      const index = article.written[field]?.indexOf(spelled) ?? -1;
      const path = index < 0 ? [field] : [field, index];
      problems.push({
        severity: 'warning',
        file: article.fields.file,
        field: fieldName(path),
        ...article.locate(path),
        message: `"${spelled}" and "${name}" are one ${noun} with one page, ${page}; it is shown as "${name}", ${why}.`,
        expected: `"${name}"`,
        found: `"${spelled}"`,
        hint: !registry
          ? `Write "${name}" as the other articles do.`
          : record
            ? `Write "${name}", or add "${spelled}" to its aliases in ${registry}.`
            : `Write "${name}", or register the ${noun} in ${registry} (with "${spelled}" among its aliases) to choose how it is spelt.`,
      });
      ref.name = name;
      // The dateline's text is made of the place and country names.
      if (field === 'location') redated.add(article);
    }
  }
  for (const { fields } of redated) fields.location!.text = datelineText(fields.location!.country, fields.location!.place);
  return problems;
}

/** Old addresses (`aliases.ts`) claimed by two articles, or that are the address of a page of the site. */
function aliasCollisions(sources: readonly Pick<SourceArticle, 'fields' | 'locate'>[], registries: Registries): ContentProblem[] {
  if (!sources.some(({ fields }) => fields.aliases.length || fields.legacyAliases.length)) return [];
  const locate = new Map(sources.map((source) => [source.fields, source.locate]));
  const where = ({ article, index }: AliasClaim<ArticleFields>) => ({
    file: article.file,
    field: index === undefined ? 'aliases' : `aliases[${index}]`,
    ...(index === undefined ? {} : locate.get(article)!(['aliases', index])),
  });
  const origin = ({ index }: AliasClaim<ArticleFields>) => (index === undefined ? ' (from legacyPermalinks in src/site.config.ts)' : '');
  const problems: ContentProblem[] = [];
  const { owners, conflicts } = aliasOwners(sources.map(({ fields }) => fields));
  for (const { alias, claim, owner } of conflicts) {
    const ownerAt = where(owner);
    problems.push({
      severity: 'error',
      ...where(claim),
      message: `The old address ${alias}${origin(claim)} is claimed by this article and by ${owner.article.file}${'line' in ownerAt ? ` (line ${ownerAt.line})` : ''}; it can lead to one story only.`,
      hint:
        claim.index === undefined
          ? `Write ${alias} in the "aliases" of the story it belonged to; the pattern then gives way to it.`
          : 'Remove it from the article it did not belong to.',
    });
  }
  const pages = sitePaths(indexSourceArticles(sources, registries));
  const articleAt = new Map(sources.map(({ fields }) => [fields.path, fields.file]));
  for (const [alias, claim] of owners) {
    if (!pages.has(alias) && !articleAt.has(alias)) continue;
    const page = articleAt.has(alias) ? `the address of ${articleAt.get(alias)}` : 'the address of a page of the site';
    problems.push({
      severity: 'error',
      ...where(claim),
      message: `The old address ${alias}${origin(claim)} is ${page}; a redirect there would hide that page.`,
      hint: claim.index === undefined ? 'Change legacyPermalinks, or give this article another "slug".' : 'Remove it from "aliases".',
    });
  }
  return problems;
}
