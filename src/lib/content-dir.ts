/**
 * Reads a newsroom's content directory (articles and registries), validates all of it and
 * returns every article with every problem found, so one run reports everything at once.
 *
 * Layout: `articles/**\/*.md`, and optionally `organizations.yaml` and `people.yaml`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasOwners, type AliasClaim } from './aliases.ts';
import { buildArticle, type ArticleFields, type ContentSettings, type EntityRef, type Registries } from './article.ts';
import { locator, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from './indexes.ts';
import type { ContentProblem } from './problems.ts';
import { parseRegistry, type RegistryKind } from './registry.ts';
import { sitePaths } from './site-paths.ts';

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

  problems.push(...findCollisions(articles, registries));
  return { articles, registries, problems };
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

/** The organizations and people registries of a content directory; absent files are empty. */
export async function loadRegistries(contentDir: string): Promise<{ registries: Registries; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const registries = {} as Registries;
  for (const kind of ['organizations', 'people'] as RegistryKind[]) {
    const file = path.join(contentDir, `${kind}.yaml`);
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
 * Two articles with one URL, two different names that would share one entity page
 * (`Tokayev` and `Tokáyev` both -> /people/tokayev/), two articles claiming one old address, and
 * an old address that is a page of the site, each named with the files involved.
 */
export function findCollisions(sources: readonly Pick<SourceArticle, 'fields' | 'locate'>[], registries: Registries): ContentProblem[] {
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
