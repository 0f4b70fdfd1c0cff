/**
 * A newsroom's content directory as the build sees it: what each file gives on its own
 * (`readArticleFile`, `readPageFile`, `readRegistryFile`), and the content assembled from those
 * with the checks that span files (`assembleContent`): every article with every problem found,
 * so one run reports everything at once. The content snapshot (`src/lib/build/snapshot.ts`)
 * finds and reads the files, and keeps what each gave between builds.
 *
 * Layout: `articles/**\/*.md` (or `.markdown`, any letter case; symbolic links followed), and
 * optionally a registry file per kind (`organizations.yaml`…) and `pages/**\/*.md`. Files are
 * read as UTF-8 and nothing else: a file in another encoding is reported, never shown garbled.
 */
import path from 'node:path';
import { aliasOwners, type AliasClaim } from '../model/aliases.ts';
import { buildArticle, datelineText, type ArticleFields, type ContentSettings, type EntityRef, type Registries } from '../model/article.ts';
import { isMarkdown, type FileTree } from './file-tree.ts';
import { locator, normalizeLineBreaks, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from '../model/indexes.ts';
import type { ContentProblem } from './problems.ts';
import { articleRefs, KINDS, REGISTRY_KINDS, type EntityKind, type RegistryKind } from '../entity-kinds.ts';
import { parseRegistry, registryOf, type RegistryRecord } from './registry.ts';
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

/**
 * What one article file gives on its own, before any check across files: everything the
 * content snapshot (`src/lib/build/snapshot.ts`) keeps of a file between builds. Plain data, so
 * it can be stored; `frontmatter` stands in for the `locate` function it is made from.
 */
export interface ArticleFile {
  /** The file is not UTF-8: this problem, and nothing else, is known of it. */
  unreadable?: ContentProblem;
  problems: ContentProblem[];
  /** Whether the frontmatter says `draft: true` (see `LoadedContent.drafts`). */
  draft: boolean;
  article?: Omit<SourceArticle, 'absolutePath' | 'locate'> & { frontmatter: string };
  rejected?: Pick<RejectedArticle, 'names'> & { frontmatter: string };
}

/** What one page file (`pages/**\/*.md`) gives on its own. */
export interface PageFile {
  unreadable?: ContentProblem;
  problems: ContentProblem[];
  page?: Omit<SourcePage, 'absolutePath'>;
}

/** What one registry file gives: its valid records (`registryOf` makes the registry of them) and its problems. */
export interface RegistryFile {
  unreadable?: ContentProblem;
  records: RegistryRecord[];
  problems: ContentProblem[];
}

/** Reads one article file's bytes (as UTF-8), parses and validates it, resolving names through `registries`. */
export function readArticleFile(absolutePath: string, bytes: Uint8Array, registries: Registries, site: ContentSettings): ArticleFile {
  const file = display(absolutePath);
  const source = decodeUtf8(bytes, file);
  if (typeof source !== 'string') return { unreadable: source, problems: [], draft: false };
  const parsed = parseMarkdown(source, file);
  const built = buildArticle(file, parsed, registries, site);
  const read: ArticleFile = { problems: built.problems, draft: saysDraft(parsed) };
  if (built.article) {
    const { body, bodyLine, frontmatter } = parsed;
    read.article = { fields: built.article, body, bodyLine, frontmatter, written: writtenNames(parsed.data) };
  } else if (parsed.data) {
    read.rejected = { names: rawNames(parsed.data), frontmatter: parsed.frontmatter };
  }
  return read;
}

/** Reads one page file of the newsroom's own pages, like an article (UTF-8, any line endings). */
export function readPageFile(absolutePath: string, bytes: Uint8Array, site: Pick<ContentSettings, 'timeZone'>): PageFile {
  const file = display(absolutePath);
  const source = decodeUtf8(bytes, file);
  if (typeof source !== 'string') return { unreadable: source, problems: [] };
  const parsed = parseMarkdown(source, file);
  const built = buildPage(file, parsed, site.timeZone);
  return { problems: built.problems, ...(built.page && { page: { fields: built.page, body: parsed.body, bodyLine: parsed.bodyLine } }) };
}

/** Reads one registry file (`organizations.yaml`…). */
export function readRegistryFile(kind: RegistryKind, absolutePath: string, bytes: Uint8Array): RegistryFile {
  const file = display(absolutePath);
  const source = decodeUtf8(bytes, file);
  if (typeof source !== 'string') return { unreadable: source, records: [], problems: [] };
  const { registry, problems } = parseRegistry(kind, normalizeLineBreaks(source), file);
  return { records: registry.records, problems };
}

/** Where each file of a content directory is, and what each gave when read on its own. */
export interface ContentFiles {
  contentDir: string;
  /** The registry files present, by kind. */
  registries: Partial<Record<RegistryKind, RegistryFile>>;
  /** The tree below `articles/` (undefined when there is no such folder) and what each Markdown file in it gave. */
  articles: { tree: FileTree | undefined; files: ReadonlyMap<string, ArticleFile> };
  pages: { tree: FileTree | undefined; files: ReadonlyMap<string, PageFile> };
}

/** The registries of the registry files read (a kind without a file has an empty one), and their problems, in kind order. */
export function assembleRegistries(files: ContentFiles['registries']): { registries: Registries; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const registries = {} as Registries;
  for (const kind of REGISTRY_KINDS) {
    const read = files[kind];
    if (read?.unreadable) problems.push(read.unreadable);
    else if (read) problems.push(...read.problems);
    registries[kind] = registryOf(kind, read?.records ?? []);
  }
  return { registries, problems };
}

/**
 * The content of a directory from what each file gave on its own, with the checks that span
 * files done here (duplicate URLs, old addresses two articles claim, one spelling per entity):
 * every article with every problem found, so one run reports everything at once. `files` is
 * left as it is: an article whose names are unified gets its own copy of its fields.
 */
export function assembleContent(files: ContentFiles): LoadedContent {
  const { contentDir } = files;
  const { registries, problems } = assembleRegistries(files.registries);

  const articlesDir = path.join(contentDir, 'articles');
  const { tree } = files.articles;
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
  const markdown = tree?.files.filter(isMarkdown) ?? [];
  if (tree && markdown.length === 0) {
    problems.push({
      severity: 'error',
      file: display(articlesDir),
      message: 'The articles folder holds no articles, so the site would have none.',
      expected: 'Markdown files (.md or .markdown) in the folder or below it',
      found: tree.files.length ? `${tree.files.length} other files` : 'an empty folder',
      hint: 'Put the articles here, or check CONTENT_DIR and that linked archive folders exist.',
    });
  }

  const read = markdown.map((absolutePath) => ({ absolutePath, read: fileRead(files.articles.files, absolutePath) }));
  // A file that is not UTF-8 is reported before the problems of the files that could be read.
  for (const {
    read: { unreadable },
  } of read)
    if (unreadable) problems.push(unreadable);
  const articles: SourceArticle[] = [];
  const rejected: RejectedArticle[] = [];
  const drafts = new Set<string>();
  for (const { absolutePath, read: file } of read) {
    if (file.unreadable) continue;
    if (file.draft) drafts.add(file.article?.fields.file ?? display(absolutePath));
    problems.push(...file.problems);
    if (file.article) {
      const { fields, body, bodyLine, frontmatter, written } = file.article;
      articles.push({ fields, body, bodyLine, absolutePath, locate: locator(frontmatter, 1), written });
    } else if (file.rejected) {
      rejected.push({ file: display(absolutePath), names: file.rejected.names, locate: locator(file.rejected.frontmatter, 1) });
    }
  }

  problems.push(...unifySpellings(articles, registries));
  problems.push(...findCollisions(articles, registries));
  const pages = assemblePages(files.pages);
  problems.push(...pages.problems);
  return { articles, pages: pages.pages, registries, problems, rejected, drafts };
}

function fileRead<T>(files: ReadonlyMap<string, T>, absolutePath: string): T {
  const read = files.get(absolutePath);
  if (!read) throw new Error(`${absolutePath} was found in the content directory but not read.`);
  return read;
}

/**
 * The newsroom's own pages: `pages/**\/*.md` (or `.markdown`; symbolic links followed). The
 * folder is optional; a file in it that is not Markdown is reported, not skipped in silence.
 */
function assemblePages({ tree, files }: ContentFiles['pages']): { pages: SourcePage[]; problems: ContentProblem[] } {
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
  const read = tree.files.filter(isMarkdown).map((absolutePath) => ({ absolutePath, read: fileRead(files, absolutePath) }));
  for (const {
    read: { unreadable },
  } of read)
    if (unreadable) problems.push(unreadable);
  for (const { absolutePath, read: file } of read) {
    if (file.unreadable) continue;
    problems.push(...file.problems);
    if (file.page) pages.push({ ...file.page, absolutePath });
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

/** A path as problems show it: relative to the working directory when inside it. */
function display(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') ? relative : absolute;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file's bytes as UTF-8 (a byte-order mark dropped), or a problem naming the line
 * and column of the first byte that is not UTF-8 (a file saved as Latin-1 or Windows-1251),
 * instead of text with replacement characters in it.
 */
function decodeUtf8(bytes: Uint8Array, file: string): string | ContentProblem {
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
 * Every article is rewritten to that name (in a copy of its fields: the fields given may be
 * kept for the next build), so pages, search filters and feeds show one spelling,
 * and each other spelling gets a warning at the file, line and field where it is written.
 */
function unifySpellings(articles: readonly SourceArticle[], registries: Registries): ContentProblem[] {
  /** `index`: the ref's place among `articleRefs(article.fields)`, to find it again in the copy. */
  type Use = { article: SourceArticle; ref: EntityRef; field: string; index: number };
  const entities = new Map<string, { kind: EntityKind; uses: Use[] }>();
  for (const article of articles) {
    articleRefs(article.fields).forEach(({ kind, key, ref, field }, index) => {
      const page = entityPath({ kind, key });
      let entity = entities.get(page);
      if (!entity) entities.set(page, (entity = { kind, uses: [] }));
      entity.uses.push({ article, ref, field, index });
    });
  }
  const registered = new Map(REGISTRY_KINDS.map((kind) => [kind as EntityKind, new Map(registries[kind].records.map((record) => [record.slug, record]))]));

  const problems: ContentProblem[] = [];
  /** The new name of each renamed ref, by article and the ref's index. */
  const renamed = new Map<SourceArticle, Map<number, string>>();
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
    for (const { article, ref, field, index: refIndex } of uses) {
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
      let names = renamed.get(article);
      if (!names) renamed.set(article, (names = new Map()));
      names.set(refIndex, name);
    }
  }
  for (const [article, names] of renamed) {
    const fields = structuredClone(article.fields);
    const refs = articleRefs(fields);
    for (const [index, name] of names) refs[index]!.ref.name = name;
    // The dateline's text is made of the place and country names.
    if ([...names.keys()].some((index) => refs[index]!.field === 'location')) {
      fields.location!.text = datelineText(fields.location!.country, fields.location!.place);
    }
    article.fields = fields;
  }
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
