/**
 * Reads a newsroom's content directory (articles and registries), validates all of it and
 * returns every article with every problem found, so one run reports everything at once.
 *
 * Layout: `articles/**\/*.md`, and optionally a registry file per kind (`organizations.yaml`…).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildArticle, type ArticleFields, type ContentSettings, type Registries } from './article.ts';
import { locator, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from './indexes.ts';
import type { ContentProblem } from './problems.ts';
import { articleRefs, KINDS, REGISTRY_KINDS } from './entity-kinds.ts';
import { parseRegistry } from './registry.ts';
import { entityPath } from './urls.ts';

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

export interface LoadedContent {
  articles: SourceArticle[];
  registries: Registries;
  problems: ContentProblem[];
}

/** `CONTENT_DIR` (absolute, or relative to the working directory), else `content/`. */
export function resolveContentDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CONTENT_DIR || 'content');
}

export async function loadContentDir(contentDir: string, site: ContentSettings): Promise<LoadedContent> {
  const { registries, problems } = await loadRegistries(contentDir);

  const articlesDir = path.join(contentDir, 'articles');
  const files = await listMarkdown(articlesDir);
  if (files === undefined) {
    problems.push({
      severity: 'error',
      file: display(contentDir),
      message: 'The content directory has no articles folder.',
      expected: `a folder ${display(articlesDir)} holding one Markdown file per article`,
      found: 'no such folder',
      hint: 'Check CONTENT_DIR, or create the folder.',
    });
  }

  const articles: SourceArticle[] = [];
  const sources = await readAll(files ?? []);
  for (const [index, absolutePath] of (files ?? []).entries()) {
    const file = display(absolutePath);
    const parsed = parseMarkdown(sources[index]!, file);
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
    }
  }

  problems.push(...findCollisions(articles.map((a) => a.fields)));
  return { articles, registries, problems };
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

/** The registries of a content directory; absent files are empty. */
export async function loadRegistries(contentDir: string): Promise<{ registries: Registries; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const registries = {} as Registries;
  for (const kind of REGISTRY_KINDS) {
    const file = path.join(contentDir, KINDS[kind].registry);
    const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const parsed = parseRegistry(kind, source, display(file));
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
async function readAll(files: readonly string[], concurrency = 64): Promise<string[]> {
  const texts: string[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      texts[index] = await readFile(files[index]!, 'utf8');
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return texts;
}

/** Markdown files below `dir` in a stable order; undefined when `dir` does not exist. */
async function listMarkdown(dir: string): Promise<string[] | undefined> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return entries
    ?.filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
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
  for (const article of articles) {
    for (const { kind, key, ref, field } of articleRefs(article)) {
      const page = entityPath({ kind, key });
      const owner = claims.get(page);
      if (!owner) claims.set(page, { name: ref.name, file: article.file });
      else if (owner.name !== ref.name) {
        problems.push({
          severity: 'error',
          file: article.file,
          field,
          message: `"${ref.name}" and "${owner.name}" (in ${owner.file}) would share one page, ${page}.`,
          hint: 'Spell the name the same way in both articles, or add one of the spellings to the registry as an alias.',
        });
      }
    }
  }
  return problems;
}
