/**
 * Reads a newsroom's content directory (articles and registries), validates all of it and
 * returns every article with every problem found, so one run reports everything at once.
 *
 * Layout: `articles/**\/*.md` (or `.markdown`, any letter case; symbolic links followed), and
 * optionally `organizations.yaml` and `people.yaml`. Files are read as UTF-8 and nothing else:
 * a file in another encoding is reported, never shown garbled.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildArticle, type ArticleFields, type ContentSettings, type EntityRef, type Registries } from './article.ts';
import { fileTree } from './file-tree.ts';
import { locator, normalizeLineBreaks, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from './indexes.ts';
import type { ContentProblem } from './problems.ts';
import { parseRegistry, type RegistryKind } from './registry.ts';

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
}

/** An article whose frontmatter failed validation, with the names it lists, so the name checks still run on them. */
export interface RejectedArticle {
  file: string;
  /** Names as written, by their position in the list (undefined where an item is not a name). */
  names: Record<'organizations' | 'speakers', (string | undefined)[]>;
  locate: ParsedMarkdown['locate'];
}

export interface LoadedContent {
  articles: SourceArticle[];
  registries: Registries;
  problems: ContentProblem[];
  rejected: RejectedArticle[];
  /**
   * Files whose frontmatter says `draft: true`, valid or not (read from the raw text when the
   * YAML itself is broken): a production build leaves a broken draft out instead of failing.
   */
  drafts: Set<string>;
}

/** `CONTENT_DIR` (absolute, or relative to the working directory), else `content/`. */
export function resolveContentDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CONTENT_DIR || 'content');
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
  const sources = await readAll(files);
  for (const [index, absolutePath] of files.entries()) {
    const file = display(absolutePath);
    const source = decodeUtf8(sources[index]!, file);
    if (typeof source !== 'string') {
      problems.push(source);
      continue;
    }
    const parsed = parseMarkdown(source, file);
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
      });
    } else if (parsed.data) {
      rejected.push({ file, names: rawNames(parsed.data), locate: parsed.locate });
    }
  }

  problems.push(...findCollisions(articles.map((a) => a.fields)));
  return { articles, registries, problems, rejected, drafts };
}

/**
 * The indexes of articles read outside Astro (the content check, the sitemap's dates). Reading
 * time and the rendered body come from rendering, which happens only in the build, so they are
 * left empty here.
 */
export function indexSourceArticles(articles: readonly SourceArticle[], registries: Registries): Newsroom {
  return buildNewsroom(
    articles.map(({ fields }) => ({ id: fields.path, data: { ...fields, readingMinutes: 0, bodyDigest: '' } })),
    registries,
  );
}

/** The organizations and people registries of a content directory; absent files are empty. */
export async function loadRegistries(contentDir: string): Promise<{ registries: Registries; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const registries = {} as Registries;
  for (const kind of ['organizations', 'people'] as RegistryKind[]) {
    const file = path.join(contentDir, `${kind}.yaml`);
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
  return { organizations: list(fields.organizations).map(nameOf), speakers: list(fields.speakers).map(nameOf) };
}

/**
 * Two articles with one URL, and two different names that would share one entity page
 * (`Tokayev` and `Tokáyev` both -> /people/tokayev/), each named with the files involved.
 */
export function findCollisions(articles: readonly ArticleFields[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
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

  const claims = new Map<string, { name: string; file: string }>();
  const claim = (kind: string, field: string, ref: EntityRef, file: string) => {
    const key = `${kind}/${ref.slug}`;
    const owner = claims.get(key);
    if (!owner) claims.set(key, { name: ref.name, file });
    else if (owner.name !== ref.name) {
      problems.push({
        severity: 'error',
        file,
        field,
        message: `"${ref.name}" and "${owner.name}" (in ${owner.file}) would share one page, /${key}/.`,
        hint: 'Spell the name the same way in both articles, or add one of the spellings to the registry as an alias.',
      });
    }
  };
  for (const article of articles) {
    article.organizations.forEach((ref) => claim('organizations', 'organizations', ref, article.file));
    article.speakers.forEach((ref) => claim('people', 'speakers', ref, article.file));
    article.topics.forEach((ref) => claim('topics', 'topics', ref, article.file));
    article.authors.forEach((ref) => claim('authors', 'authors', ref, article.file));
    const location = article.location;
    if (location) {
      claim('locations', 'location', location.country, article.file);
      if (location.place) claim(`locations/${location.country.slug}`, 'location', location.place, article.file);
    }
  }
  return problems;
}
