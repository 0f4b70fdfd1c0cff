/**
 * The content-layer loader for articles. It takes the content from the content snapshot
 * (`src/lib/build/snapshot.ts`, which reads only the files changed since it was last updated) and
 * runs the content check's errors (so every problem of a build is reported
 * together, with file, line and field, exactly as `npm run check` reports it), renders each body
 * with the configured Markdown processor into the build cache (`rendered-bodies.ts`), and stores
 * the article records. A body whose text and Markdown pipeline (`markdownPipelineDigest`) have
 * not changed keeps its rendered HTML from the previous build.
 *
 * Astro's `glob()` loader is not used: its YAML 1.1 frontmatter parser turns a date-time written
 * without an offset into UTC (the contract reads it in the newsroom's time zone), and it stops
 * at the first invalid file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { SiteConfig } from '../../site.config.ts';
import type { ArticleRecord } from '../model/article.ts';
import { checkArticles } from './content-check.ts';
import { articleFiles, fileLinkTargets } from '../markdown/file-links.ts';
import { createBodyRenderer, markdownPipelineDigest } from '../markdown/markdown.ts';
import { renderBodies, type BodyJob } from '../markdown/markdown-workers.ts';
import type { LoadedContent, SourceArticle } from './content-dir.ts';
import { ContentError, formatProblems, plural, type ContentProblem } from './problems.ts';
import { renderedBodies, renderedBodiesDir } from '../markdown/rendered-bodies.ts';
import type { PageRecord } from './static-pages.ts';
import { imageSource } from '../schema.ts';
import { buildTime } from '../build/clock.ts';
import { inShard, type Shard } from '../build/shards.ts';
import { updateSnapshot } from '../build/snapshot.ts';
import { writeEntryRecords } from '../build/entry-records.ts';

/**
 * One update of the content snapshot for the loaders Astro runs at once (articles and pages), so
 * a sync reads it once: kept while a sync holds it (and until memory is collected), forgotten at
 * once when a content file changes, so the live preview's next sync updates it again. The
 * snapshot lives in Astro's cache folder, which `npm run build` points at its staging cache.
 */
const reads = new Map<string, WeakRef<Promise<LoadedContent>>>();

function readContent({ contentDir, site }: LoaderOptions, { config, logger }: LoaderContext): Promise<LoadedContent> {
  let read = reads.get(contentDir)?.deref();
  if (!read) {
    const started = performance.now();
    read = updateSnapshot({ contentDir, site, cacheDir: fileURLToPath(config.cacheDir) }).then((snapshot) => {
      const content = snapshot.content();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      logger.info(`Content snapshot: ${plural(snapshot.parsed, 'changed file')} parsed, ${plural(content.articles.length, 'article')} in ${seconds}s`);
      return content;
    });
    reads.set(contentDir, new WeakRef(read));
  }
  return read;
}

/**
 * In a sharded build (`shard`), only the bodies of the articles whose pages are in the shard are
 * rendered: an article's page is the one page that shows its body and reading time. The others
 * are stored with a reading time of 0 (a real one is at least a minute) for the lists, feeds and
 * entity pages of the shard, which show neither.
 */
export function articlesLoader(options: LoaderOptions & { shard: Shard | undefined }): Loader {
  return { name: 'newsroom-articles', load: (context) => syncAndWatch(context, options, syncArticles) };
}

/** The newsroom's own pages (`static-pages.ts`), rendered by the stories' Markdown pipeline. */
export function pagesLoader(options: LoaderOptions): Loader {
  return { name: 'newsroom-pages', load: (context) => syncAndWatch(context, options, syncPages) };
}

export type LoaderOptions = { contentDir: string; site: SiteConfig; shard?: Shard };
/** `started`: when the sync began, before the content was read. */
type Sync = (context: LoaderContext, options: LoaderOptions, content: LoadedContent, started: number) => Promise<void>;

/** Watchers that already forget the shared update on a change (one listener each, before the loaders' own). */
const forgetting = new WeakSet<object>();

async function syncAndWatch(context: LoaderContext, options: LoaderOptions, sync: Sync): Promise<void> {
  const run = async () => {
    const started = performance.now();
    await sync(context, options, await readContent(options, context), started);
  };
  await run();
  const { watcher } = context;
  if (!watcher) return;
  // Live preview: any change under the content directory (an article, a page or a registry)
  // re-syncs. The watcher (chokidar) follows symbolic links and reports their files under the
  // link's path, so an edit in a linked archive folder re-syncs too.
  watcher.add(options.contentDir);
  const events = ['add', 'change', 'unlink'] as const;
  if (!forgetting.has(watcher)) {
    forgetting.add(watcher);
    const forget = (changed: string) => {
      for (const dir of reads.keys()) if (changed.startsWith(dir)) reads.delete(dir);
    };
    for (const event of events) watcher.on(event, forget);
  }
  const resync = (changed: string) => {
    if (!changed.startsWith(options.contentDir)) return;
    run().catch((error: Error) => context.logger.error(error.message));
  };
  for (const event of events) watcher.on(event, resync);
}

/**
 * Stores the valid pages. Their problems (and clashes with the site's addresses) are reported by
 * the articles loader with every other problem of the content, and fail the build there.
 */
export async function syncPages(
  { store, generateDigest, parseData, config, watcher }: LoaderContext,
  { site }: LoaderOptions,
  content: LoadedContent,
): Promise<void> {
  const files = articleFiles(content.articles);
  const pipeline = markdownPipelineDigest();
  const stale = new Set(store.keys());
  let renderer: Awaited<ReturnType<typeof createBodyRenderer>> | undefined;
  for (const { fields, body, absolutePath } of content.pages) {
    const id = fields.slug;
    stale.delete(id);
    const siteLinks = { base: site.base, fileLinks: fileLinkTargets(body, absolutePath, files, site.base) };
    const digest = generateDigest({ ...fields, updated: fields.updated?.toISOString(), pipeline, body, siteLinks });
    if (store.get<PageRecord>(id)?.digest === digest) continue;
    renderer ??= await createBodyRenderer();
    const rendered = await renderer.render(body, { frontmatter: { siteLinks } });
    store.set({ id, data: await parseData({ id, data: { ...fields, html: rendered.code } as Record<string, unknown> }), digest });
  }
  for (const id of stale) store.delete(id);
  if (!watcher) writeEntryRecords(fileURLToPath(config.cacheDir), 'pages', store.values());
}

/**
 * Checks the articles, renders the bodies that changed and stores the article records. Also run
 * by the publish engine (src/lib/build/publish-engine.ts) outside Astro, on the records this
 * stored: a build keeps them in its cache (`entry-records.ts`); a shard's partial records are not kept.
 */
export async function syncArticles(
  { store, generateDigest, parseData, logger, config, watcher }: LoaderContext,
  { site, shard }: LoaderOptions,
  content: LoadedContent,
  started: number,
): Promise<void> {
  const now = buildTime();
  // The same checks as `npm run check`: what fails there fails the build …
  let problems = [...content.problems, ...checkArticles(content, { site, publicDir: fileURLToPath(config.publicDir), now })];
  let { articles } = content;
  // … except a draft's, in a production build: a draft is never published, so one writer's
  // unfinished story must not stop the newsroom's. It is left out; `npm run check` and the
  // pull-request check still report its problems as errors.
  if (!watcher) ({ problems, articles } = leaveOutBrokenDrafts(problems, content));
  if (problems.some((p) => p.severity === 'error')) throw new ContentError(problems);
  if (problems.length) logger.warn(formatProblems(problems));

  const bodiesDir = renderedBodiesDir(fileURLToPath(config.cacheDir));
  const files = articleFiles(articles);
  // The pipeline is part of both digests: when it changes, bodies render again and pages whose
  // cache key holds the article's digest are rebuilt instead of copied.
  const pipeline = markdownPipelineDigest();
  const bodies = renderedBodies(bodiesDir);
  const stale = new Set(store.keys());
  const liveBodies = new Set<string>();
  // First the articles whose stored record is out of date, and the bodies among them to render …
  const changed: {
    id: string;
    fields: SourceArticle['fields'];
    filePath: string;
    photo?: string;
    bodyDigest: string;
    digest: string;
    minutes?: number;
  }[] = [];
  const root = fileURLToPath(config.root);
  const toRender = new Map<string, BodyJob>();
  for (const { absolutePath, fields, body } of articles) {
    const id = fields.path.slice(1, -1);
    stale.delete(id);
    // The rendered HTML holds the addresses of the articles the body links by file name, and the
    // base its root links get, so they are part of the digest that names the rendered body: when
    // a linked article moves, the body is rendered again. Rewriting links after the cache instead
    // would touch every page's HTML on every build, out of sight of the page cache keys.
    const siteLinks = { base: site.base, fileLinks: fileLinkTargets(body, absolutePath, files, site.base) };
    const bodyDigest = generateDigest({ pipeline, body, siteLinks });
    liveBodies.add(bodyDigest);
    // The photo's bytes too: a replaced photo gets new processed files, so its pages must render again.
    const photo = await photoBeside(absolutePath, fields.image?.src);
    const shown = inShard(fields.path, shard);
    // A record without its reading time is another record, and a rebuild that shows its page makes it whole.
    const partial = shown ? {} : { readingTimeLeftOut: true };
    const digest = generateDigest({ ...fields, date: fields.date.toISOString(), body, bodyDigest, photo: photo?.digest, ...partial });
    const existing = store.get<ArticleRecord>(id);
    if (existing?.digest === digest && (bodies.has(bodyDigest) || !shown)) continue;
    const known = existing?.data.bodyDigest === bodyDigest && bodies.has(bodyDigest) && existing.data.readingMinutes > 0;
    const minutes = known ? existing.data.readingMinutes : shown ? undefined : 0;
    if (minutes === undefined) toRender.set(bodyDigest, { file: absolutePath, digest: bodyDigest, body, siteLinks });
    changed.push({ id, fields, filePath: path.relative(root, absolutePath), photo: photo?.file, bodyDigest, digest, minutes });
  }
  // … then the bodies, on every core, and the records.
  const rendered = await renderBodies([...toRender.values()], bodiesDir);
  for (const { id, fields, filePath, photo, bodyDigest, digest, minutes } of changed) {
    const readingMinutes = minutes ?? rendered.readingMinutes.get(bodyDigest)!;
    // `image.file` goes through `image()` (src/content.config.ts), which Astro resolves from `filePath`.
    const image = fields.image && (photo ? { ...fields.image, file: photo } : fields.image);
    const data = await parseData({ id, filePath, data: { ...fields, image, readingMinutes, bodyDigest } as Record<string, unknown> });
    store.set({ id, data, digest, filePath });
  }
  for (const id of stale) store.delete(id);
  bodies.prune(liveBodies);
  if (!watcher && !shard) writeEntryRecords(fileURLToPath(config.cacheDir), 'articles', store.values());
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  logger.info(
    `${articles.length} articles read, checked and rendered in ${seconds}s (${toRender.size} bodies rendered${rendered.workers ? ` on ${rendered.workers} threads` : ''})`,
  );
}

/**
 * A photo beside the article (`image.src` relative to its file): the path Astro's `image()`
 * resolves from the article (`./name.jpg`), and the digest of its bytes. Undefined for an image
 * under public/ or on the web, which is served as it is.
 */
async function photoBeside(articleFile: string, src: string | undefined): Promise<{ file: string; digest: string } | undefined> {
  if (src === undefined || imageSource(src).kind !== 'beside') return undefined;
  const bytes = await readFile(path.resolve(path.dirname(articleFile), src));
  const relative = src.startsWith('.') ? src : `./${src}`;
  return { file: relative, digest: createHash('sha256').update(bytes).digest('base64url') };
}

/**
 * The problems of drafts (files whose frontmatter says `draft: true`, even where other fields
 * are broken) turned into warnings that say the draft was left out, and the articles without
 * those drafts.
 */
export function leaveOutBrokenDrafts(
  problems: readonly ContentProblem[],
  { articles, drafts }: Pick<LoadedContent, 'articles' | 'drafts'>,
): { problems: ContentProblem[]; articles: SourceArticle[] } {
  const broken = new Set(problems.filter((p) => p.severity === 'error' && drafts.has(p.file)).map((p) => p.file));
  return {
    problems: problems.map((problem) =>
      broken.has(problem.file) && problem.severity === 'error'
        ? {
            ...problem,
            severity: 'warning',
            hint: `${problem.hint ? `${problem.hint} ` : ''}This draft was left out of the build; npm run check reports this as an error.`,
          }
        : problem,
    ),
    articles: articles.filter((article) => !broken.has(article.fields.file)),
  };
}
