/**
 * The publish engine: a publish that changes only content, rendered without `astro build`.
 *
 * `astro build` compiles the templates (Vite), syncs the content, lists every route's pages and
 * then renders or copies each one: tens of seconds before the first changed page, for a site of
 * ten thousand stories. When the code, the settings and the installed packages are those of the
 * last build, the engine instead:
 *
 * 1. runs the content loader (src/lib/content/loader.ts) on the entries the last build stored
 *    (`entry-records.ts`): the same checks, the same bodies rendered (only the changed ones);
 * 2. loads the pages Astro compiled last time (`page-bundle.ts`) and hands them the entries
 *    (`supplied-content.ts`);
 * 3. lists every page with its cache key, and plans (`render-plan.ts`) against Astro's own
 *    incremental-build manifest which pages to render, keep or remove;
 * 4. renders the planned pages with Astro's renderer, in memory, and writes them into the
 *    staging output, a hard-linked copy of the published site, and into Astro's page cache, so
 *    the next `astro build` finds everything as if it had rendered them itself;
 * 5. writes the sitemaps and the search index; `npm run build` then verifies and swaps in, as
 *    after `astro build`.
 *
 * What it cannot do, it leaves to `astro build`, before writing anything: a photo that Astro has
 * not processed (new or replaced), a page asking for a resized photo the last build did not make,
 * or a changed set of old addresses (their redirect pages). The output is byte for byte the
 * output of a clean build of the same content (tests/integration/incremental.test.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'astro/zod';
import xxhash from 'xxhash-wasm';
import type { LoaderContext } from 'astro/loaders';
import { StaticPaths } from 'astro/runtime/prerender/static-paths.js';
import type { LoadedContent } from '../content/content-dir.ts';
import { syncArticles, syncPages, type LoaderOptions } from '../content/loader.ts';
import { pageRecordSchema } from '../content/static-pages.ts';
import { articleEntrySchema } from '../model/article.ts';
import { EntryStore, IMAGE_MARKER, readEntryRecords } from './entry-records.ts';
import { loadPageBundle, readBundlePhotos, readUnkeyedImages, writeUnkeyedImages, type PageImages } from './page-bundle.ts';
import { outputFileOf, planRender, type BuildManifest, type PathRecord, type SitePath, type StaticImageRecord } from './render-plan.ts';
import { supplyContent, type ResolvedPhoto } from './supplied-content.ts';
import { linkTree } from './staged-output.ts';

/** Astro's incremental-build manifest and its copy of every keyed page, in the cache folder (astro/dist/core/build/incremental.js). */
const MANIFEST_FILE = 'incremental-build.json';
const PAGE_COPIES = 'dist';

export interface EngineOptions {
  root: string;
  /** The published output, which the staging output starts as a hard-linked copy of. */
  outDir: string;
  staging: string;
  /** The site the last publish replaced, in hard links, which the staging output is made from when it is there (`linkTree`). */
  spare: string;
  /** The staging cache (Astro's cache folder for this build). */
  cacheDir: string;
  /** What the compiled pages must have been compiled under (`stampBundle`). */
  key: string;
  content: LoadedContent;
  loader: LoaderOptions;
  site: { url: string; base: string };
  log: (line: string) => void;
}

export type EngineOutcome =
  | { published: true; rendered: SitePath[]; kept: number; removed: number; pages: string[]; phases: PhaseTimes }
  | { published: false; reason: string };

/** Seconds each phase took, in the order they ran, for the build's log and the benchmark. */
type PhaseTimes = [phase: string, seconds: number][];

/** An error that means "let `astro build` do it": nothing of this publish is kept. */
class NotForEngine extends Error {}

export async function publishWithEngine(options: EngineOptions): Promise<EngineOutcome> {
  try {
    return await publish(options);
  } catch (error) {
    if (error instanceof NotForEngine) return { published: false, reason: error.message };
    throw error;
  }
}

async function publish(options: EngineOptions): Promise<EngineOutcome> {
  const { cacheDir, staging, spare, outDir, site } = options;
  const phases: PhaseTimes = [];
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases.push([phase, (now - mark) / 1000]);
    mark = now;
  };
  const manifestFile = path.join(cacheDir, MANIFEST_FILE);
  if (!existsSync(manifestFile) || !existsSync(outDir)) throw new NotForEngine('there is no earlier build to start from');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BuildManifest;
  const articleRecords = readEntryRecords(cacheDir, 'articles');
  const pageRecords = readEntryRecords(cacheDir, 'pages');
  if (!articleRecords || !pageRecords) throw new NotForEngine('the last build kept no content records');
  const photos = readBundlePhotos(cacheDir);

  // 1. The content, through the loader, as Astro's content sync would store it.
  const articles = new EntryStore(articleRecords);
  const pages = new EntryStore(pageRecords);
  const generateDigest = await digestFunction();
  const context = (store: EntryStore, schema: z.ZodType) =>
    ({
      store,
      generateDigest,
      parseData: async ({ data }: { data: Record<string, unknown> }) => schema.parseAsync(data),
      logger: { info: options.log, warn: options.log, error: options.log, debug: () => {} },
      config: {
        cacheDir: pathToFileURL(`${cacheDir}/`),
        root: pathToFileURL(`${options.root}/`),
        publicDir: pathToFileURL(path.join(options.root, 'public/')),
      },
    }) as unknown as LoaderContext;
  await syncPages(context(pages, pageRecordSchema), options.loader, options.content);
  await syncArticles(context(articles, articleEntrySchema(referenceImage)), options.loader, options.content, performance.now());

  lap('content');

  // 2. The compiled pages, given the entries; photos as Astro's bundle resolved them.
  const bundle = await loadPageBundle(cacheDir, options.key, options.root);
  if ('unusable' in bundle) throw new NotForEngine(bundle.unusable);
  supplyContent({
    articles: articles.values().map((entry) => ({ ...entry, collection: 'articles', data: withPhoto(entry, options.root, photos) })),
    pages: pages.values().map((entry) => ({ ...entry, collection: 'pages' })),
  });
  const scope = renderScope();
  const unkeyedBefore = readUnkeyedImages(cacheDir);
  const before = [...manifestRecords(manifest), ...Object.values(unkeyedBefore)];
  const images = installImageService(before, site.base);

  lap('compiled pages');

  // 3. The plan.
  const listed = await new StaticPaths(bundle.app as never).getAll();
  const routes = new Map(listed.map(({ route }) => [route.component, route]));
  const paths: SitePath[] = listed.map(({ pathname, route, cacheKey }) => ({ pathname, component: route.component, type: route.type, cacheKey }));
  const plan = planRender(paths, manifest, bundle.dependencyHash);

  lap('plan');

  // 4. The pages, rendered in memory: nothing is written before the engine knows it can finish.
  const rendered: { path: SitePath; file: string; body: Uint8Array; record: PathRecord | undefined; images: Collectors }[] = [];
  for (const sitePath of plan.render) {
    const route = routes.get(sitePath.component)!;
    const url = new URL(`${site.base.replace(/\/$/, '')}${requestPath(sitePath)}`, site.url);
    const collected = { contentEntries: new Set<string>(), staticImages: [] as StaticImageRecord[], referencedImages: new Set<string>() };
    const response = await scope.run(collected, () => bundle.app.render(new Request(url), { routeData: route }));
    if (response.status !== 200 && sitePath.pathname !== '/404') throw new Error(`${sitePath.pathname}: the page rendered with status ${response.status}.`);
    const body = new Uint8Array(await response.arrayBuffer());
    const file = outputFileOf(sitePath);
    const record: PathRecord | undefined =
      sitePath.cacheKey === undefined
        ? undefined
        : {
            cacheKey: sitePath.cacheKey,
            outputFile: file,
            ...(collected.staticImages.length ? { staticImages: collected.staticImages } : {}),
            ...(collected.referencedImages.size ? { referencedImages: [...collected.referencedImages] } : {}),
          };
    rendered.push({ path: sitePath, file, body, record, images: collected });
  }
  // Every page without a key renders on every publish, so these are all of them.
  const unkeyedAfter: Record<string, PageImages> = Object.fromEntries(
    rendered
      .filter(({ record }) => record === undefined)
      .map(({ path: page, images: used }) => [
        page.pathname.replace(/\/+$/, '') || '/',
        { staticImages: used.staticImages, referencedImages: [...used.referencedImages] },
      ]),
  );
  images.check(before, [
    ...plan.keep.map(({ record }) => record),
    ...rendered.flatMap(({ record }) => (record ? [record] : [])),
    ...Object.values(unkeyedAfter),
  ]);
  lap('render');

  // 5. The staging output: the published site, linked, with the changes written beside.
  linkTree(outDir, staging, spare);
  const next: BuildManifest = { ...manifest, routes: {} };
  const record = (component: string, pathname: string, entry: PathRecord) => {
    const route = (next.routes[component] ??= { dependencyHash: bundle.dependencyHash(component), paths: {} });
    route.paths[pathname] = entry;
  };
  for (const { path: kept, record: entry } of plan.keep) record(kept.component, kept.pathname, entry);
  for (const { path: page, file, body, record: entry } of rendered) {
    replaceFile(path.join(staging, decodeURI(file)), body);
    if (entry) {
      replaceFile(path.join(cacheDir, PAGE_COPIES, decodeURI(file)), body);
      record(page.component, page.pathname, entry);
    }
  }
  for (const { record: entry } of plan.remove) {
    removeFile(staging, decodeURI(entry.outputFile));
    removeFile(path.join(cacheDir, PAGE_COPIES), decodeURI(entry.outputFile));
  }
  for (const file of images.unused) removeFile(staging, file);
  replaceFile(manifestFile, JSON.stringify(next, null, '\t'));
  writeUnkeyedImages(cacheDir, unkeyedAfter);
  lap('write');
  return {
    phases,
    published: true,
    rendered: plan.render,
    kept: plan.keep.length,
    removed: plan.remove.length,
    // Every page, as the sitemap and the search index list them.
    pages: uniquePages(paths),
  };
}

/** Astro's content-layer digest (xxhash64 of the JSON), so the loader's digests match `astro build`'s. */
async function digestFunction(): Promise<(data: unknown) => string> {
  const { h64ToString } = await xxhash();
  return (data) => h64ToString(typeof data === 'string' ? data : JSON.stringify(data));
}

/** Astro's `image()` of the content layer without Vite: the reference stored in the entry (astro/dist/content/utils.js). */
function referenceImage() {
  return z.string().transform((value) => `${IMAGE_MARKER}${value}`);
}

/**
 * The entry's data with its photo reference replaced by the metadata Astro's bundle resolved for
 * that file, if the file is as it was then; otherwise the photo is new to Astro.
 */
function withPhoto(
  entry: { data: Record<string, unknown>; filePath?: string },
  root: string,
  photos: Map<string, ResolvedPhoto & { size: number; mtimeMs: number }>,
) {
  const image = entry.data.image as { file?: unknown } | undefined;
  // Stored as the content loader gave it: the photo's path beside the article.
  if (typeof image?.file !== 'string') return entry.data;
  const fsPath = path.resolve(root, path.dirname(entry.filePath ?? ''), image.file);
  const known = photos.get(fsPath);
  const now = statSync(fsPath, { throwIfNoEntry: false });
  if (!known || !now || now.size !== known.size || now.mtimeMs !== known.mtimeMs) {
    throw new NotForEngine(`the photo ${path.relative(root, fsPath)} is new or changed: Astro processes it`);
  }
  return { ...entry.data, image: { ...image, file: photoProxy(known) } };
}

/**
 * The photo metadata object Astro's bundle gives a page (astro/dist/assets/utils/proxy.js): reading
 * it counts as a use of the photo by the page being rendered, except for `clone` and `fsPath`.
 */
function photoProxy({ metadata, fsPath }: ResolvedPhoto): object {
  return new Proxy(metadata, {
    get(target, name) {
      if (name === 'clone') return structuredClone(target);
      if (name === 'fsPath') return fsPath;
      if (target[name as string] !== undefined) {
        const asset = (globalThis as { astroAsset?: { referencedImages?: Set<string> } }).astroAsset;
        asset?.referencedImages?.add(fsPath);
        renderCollectors()?.referencedImages.add(fsPath);
      }
      return target[name as string];
    },
  });
}

type Collectors = { contentEntries: Set<string>; staticImages: StaticImageRecord[]; referencedImages: Set<string> };
/** Astro's render scope (astro/dist/core/render-scope/scope.js): where a render notes what it used. */
const SCOPE = Symbol.for('astro:render-scope');

function renderScope(): AsyncLocalStorage<Collectors> {
  const host = globalThis as { [SCOPE]?: AsyncLocalStorage<Collectors> };
  host[SCOPE] ??= new AsyncLocalStorage<Collectors>();
  return host[SCOPE];
}

function renderCollectors(): Collectors | undefined {
  return (globalThis as { [SCOPE]?: AsyncLocalStorage<Collectors> })[SCOPE]?.getStore();
}

/**
 * Astro's image service for a build, answered from the last build's records: a resize a page asks
 * for gets the address Astro gave it then. `check` says whether the photos the site needs now are
 * exactly those made (else `astro build` must make them); `unused` lists resized files no page uses any more.
 */
function installImageService(pages: readonly PageImages[], base: string) {
  const known = new Map<string, StaticImageRecord>();
  for (const page of pages) for (const image of page.staticImages ?? []) known.set(transformKey(image.originalPath, image.transform), image);
  const missing: string[] = [];
  (globalThis as { astroAsset?: Record<string, unknown> }).astroAsset = {
    referencedImages: new Set<string>(),
    addStaticImage(options: { src: string | { src: string } }) {
      const original = withoutBase(typeof options.src === 'string' ? options.src : options.src.src, base);
      const image = known.get(transformKey(original, options));
      if (!image) {
        missing.push(original);
        return original;
      }
      renderCollectors()?.staticImages.push(image);
      // As Astro's build gives it: the file under the base, URL-encoded.
      return new URL(encodeURI(`/${base}/${image.finalPath}`.replace(/\/+/g, '/')), 'astro://placeholder').href.slice('astro://placeholder'.length);
    },
  };
  const unused: string[] = [];
  return {
    unused,
    /** `earlier`: every page's photos as the last build left them; `now`: as this publish leaves them. */
    check(earlier: readonly PageImages[], now: readonly PageImages[]) {
      if (missing.length) throw new NotForEngine(`a page needs a resized photo the last build did not make (${missing[0]})`);
      const before = imageFiles(earlier);
      const after = imageFiles(now);
      if (!sameSet(before.originals, after.originals) || !sameSet(before.referenced, after.referenced)) {
        throw new NotForEngine('the set of photos the pages show changed: Astro decides which originals to publish');
      }
      for (const file of before.resized) if (!after.resized.has(file)) unused.push(file.replace(/^\/+/, ''));
    },
  };
}

/**
 * A resize request, as the same request gives the same key in every build: the original and the
 * options as the manifest stores them (JSON: an option left undefined is absent), in name order.
 */
function transformKey(original: string, transform: Record<string, unknown>): string {
  const { src: _src, ...rest } = JSON.parse(JSON.stringify(transform)) as Record<string, unknown>;
  return JSON.stringify([original, Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))]);
}

/** A site address without the site's base (Astro's `removeBase`). */
function withoutBase(address: string, base: string): string {
  const prefix = base.replace(/\/+$/, '');
  return prefix && address.startsWith(base) ? address.slice(prefix.length) : address;
}

/** Every keyed page's photos as the last build left them: Astro's manifest. */
function manifestRecords(manifest: BuildManifest): PathRecord[] {
  return Object.values(manifest.routes).flatMap((route) => Object.values(route.paths));
}

function imageFiles(records: readonly PageImages[]) {
  const originals = new Set<string>();
  const referenced = new Set<string>();
  const resized = new Set<string>();
  for (const record of records) {
    for (const image of record.staticImages ?? []) {
      originals.add(image.originalPath);
      resized.add(image.finalPath);
    }
    for (const file of record.referencedImages ?? []) referenced.add(file);
  }
  return { originals, referenced, resized };
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

/** The address Astro requests a path at, without the base (astro/dist/core/build/generate.js `getUrlForPath`). */
function requestPath({ pathname, type }: Pick<SitePath, 'pathname' | 'type'>): string {
  if (pathname === '/' || pathname === '') return '/';
  if (type === 'endpoint') return /\.[^/]+$/.test(pathname) ? pathname : `${pathname.replace(/\/?$/, '/')}`;
  return `${pathname.replace(/\/+$/, '')}/`;
}

/** The site paths of the pages (not feeds), one per address, in the order Astro lists them. */
function uniquePages(paths: readonly SitePath[]): string[] {
  return [...new Set(paths.filter(({ type }) => type === 'page').map(({ pathname }) => pathname))];
}

/** Removes `file` (relative to `root`) and the folders it leaves empty, as a build that never wrote it would have none. */
function removeFile(root: string, file: string): void {
  rmSync(path.join(root, file), { force: true });
  for (let folder = path.dirname(file); folder !== '.' && folder !== '/'; folder = path.dirname(folder)) {
    const at = path.join(root, folder);
    if (!existsSync(at) || readdirSync(at).length > 0) break;
    rmdirSync(at);
  }
}

/**
 * Writes `file` as a new file, never through an existing one: in the staging output every file is
 * a hard link to the published site's, which must stay as it is until the swap.
 */
function replaceFile(file: string, body: Uint8Array | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, body);
  renameSync(draft, file);
}
