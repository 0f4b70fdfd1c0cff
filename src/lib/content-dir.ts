/**
 * Reads a newsroom's content directory (articles and registries), validates all of it and
 * returns every article with every problem found, so one run reports everything at once.
 *
 * Layout: `articles/**\/*.md`, and optionally a registry file per kind (`organizations.yaml`…).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildArticle, datelineText, type ArticleFields, type ContentSettings, type EntityRef, type Registries } from './article.ts';
import { locator, parseMarkdown, type ParsedMarkdown } from './frontmatter.ts';
import { buildNewsroom, type Newsroom } from './indexes.ts';
import type { ContentProblem } from './problems.ts';
import { articleRefs, KINDS, REGISTRY_KINDS, type EntityKind } from './entity-kinds.ts';
import { parseRegistry } from './registry.ts';
import { entityPath } from './urls.ts';
import { fieldName } from './validate.ts';

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
        written: writtenNames(parsed.data),
      });
    }
  }

  problems.push(...unifySpellings(articles, registries));
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

/** Two articles with one URL, each named with the files involved. */
function findCollisions(articles: readonly ArticleFields[]): ContentProblem[] {
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
