/**
 * The compiled pages: Astro's prerender bundle (every route's module, the components, the CSS
 * they carry), kept in the build cache after a build that ran Astro, so a publish that changes
 * only content can render pages with it without compiling anything (`publish-engine.ts`).
 *
 * Astro builds this bundle into `.prerender/` and removes it once its pages are written. While it
 * exists, the prerenderer wrapper (src/integrations/search-index.ts) loads the bundle's entry before
 * Astro does (one module, so one app), notes what Astro's build hands the app (each page's
 * stylesheets, the bundled scripts, each route's template hash) and copies the bundle into the
 * cache with those notes. The notes are what `astro build` itself gives the same app, so a page
 * the engine renders is byte for byte the page Astro renders.
 *
 * The bundle holds paths of the build (the rendered bodies' folder, the cache folder), so it
 * serves only builds with the same code, settings and folders: `key` says which.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { pageBundleDir } from './output-cache.ts';
import type { StaticImageRecord } from './render-plan.ts';
import type { ResolvedPhoto } from './supplied-content.ts';

/** Native `import()`: the build runs integrations through Vite's module runner, which would load a second copy. */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

const NOTES_FILE = 'bundle.json';
const ENTRY_PREFIX = 'prerender-entry';

/** What Astro's build gives the app of the bundle, in a form that can be stored (maps as entries). */
interface BundleNotes {
  /** The inputs digest (code and settings, not content) of the build that compiled it; set by `stampBundle`. */
  key: string | null;
  entry: string;
  pagesByKeys: [string, unknown][];
  entrySpecifierToBundleMap: [string, string][];
  pageDependencyHashes: [string, string][];
  scripts: unknown[];
}

/** The part of Astro's app the engine uses. */
interface BundleApp {
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: unknown }): Promise<Response>;
}

/**
 * Watches Astro load the prerender bundle of the build writing `outDir`, then copies it with its
 * notes into the cache (call `save` once Astro's prerenderer is set up). Undefined when there is
 * no bundle to watch.
 */
export async function watchPageBundle(outDir: string): Promise<{ save(cacheDir: string): void } | undefined> {
  // Astro builds beside the output, or in `.astro/` of the working folder when the output is elsewhere.
  const folder = [path.join(outDir, '.prerender'), path.join(process.cwd(), '.astro', '.prerender')].find((dir) => entryIn(dir));
  const entry = folder && entryIn(folder);
  if (!folder || !entry) return undefined;
  const { app } = (await nativeImport(pathToFileURL(path.join(folder, entry)).href)) as { app: BundleApp & Record<string, unknown> };
  let internals: Record<string, unknown> | undefined;
  let options: { settings: { scripts: unknown[] } } | undefined;
  const setInternals = app.setInternals.bind(app);
  const setOptions = app.setOptions.bind(app);
  app.setInternals = (value) => {
    internals = value as Record<string, unknown>;
    setInternals(value);
  };
  app.setOptions = (value) => {
    options = value as typeof options;
    setOptions(value);
  };
  return {
    save(cacheDir) {
      if (!internals || !options) return;
      const target = pageBundleDir(cacheDir);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(folder, path.join(target, 'bundle'), { recursive: true });
      const pages = internals.pagesByKeys as Map<string, { styles: unknown }>;
      const notes: BundleNotes = {
        key: null,
        entry,
        pagesByKeys: [...pages].map(([key, { styles }]) => [key, { styles }]),
        entrySpecifierToBundleMap: [...(internals.entrySpecifierToBundleMap as Map<string, string>)],
        pageDependencyHashes: [...((internals.pageDependencyHashes as Map<string, string> | undefined) ?? [])],
        scripts: options.settings.scripts,
      };
      writeFileSync(path.join(target, NOTES_FILE), JSON.stringify(notes));
    },
  };
}

function entryIn(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((name) => name.startsWith(ENTRY_PREFIX) && name.endsWith('.mjs'));
}

/** Marks the bundle in `cacheDir` as compiled under `key`, once the build that compiled it succeeded. */
export function stampBundle(cacheDir: string, key: string): void {
  const file = path.join(pageBundleDir(cacheDir), NOTES_FILE);
  if (!existsSync(file)) return;
  const notes = JSON.parse(readFileSync(file, 'utf8')) as BundleNotes;
  writeFileSync(file, JSON.stringify({ ...notes, key }));
}

/** Forgets the bundle of `cacheDir`: the build that changes it is not one the bundle can stand for. */
export function forgetBundle(cacheDir: string): void {
  rmSync(pageBundleDir(cacheDir), { recursive: true, force: true });
}

export interface LoadedBundle {
  app: BundleApp;
  /** Each route component's template hash, as Astro's incremental build records it. */
  dependencyHash(component: string): string;
}

/**
 * Makes the packages the bundle in `bundleUrl` imports resolve from the project in `root`, as they
 * did where Astro built it: the cache folder may be anywhere (`ASTRO_CACHE_DIR`), outside the
 * project's node_modules.
 */
function resolvePackagesFrom(bundleUrl: string, root: string): void {
  const project = pathToFileURL(path.join(root, 'package.json')).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const bare = !/^(\.|\/|node:|file:|data:)/.test(specifier);
      return nextResolve(specifier, bare && context.parentURL?.startsWith(bundleUrl) ? { ...context, parentURL: project } : context);
    },
  });
}

/**
 * The bundle of `cacheDir` compiled under `key`, loaded and given what Astro's build gave it, or
 * why it cannot serve (none kept, another key).
 */
export async function loadPageBundle(cacheDir: string, key: string, root: string): Promise<LoadedBundle | { unusable: string }> {
  const dir = pageBundleDir(cacheDir);
  const notesFile = path.join(dir, NOTES_FILE);
  if (!existsSync(notesFile)) return { unusable: 'no compiled pages are kept from an earlier build' };
  const notes = JSON.parse(readFileSync(notesFile, 'utf8')) as BundleNotes;
  if (notes.key !== key) return { unusable: 'the code, the settings or the installed packages changed since the pages were compiled' };
  resolvePackagesFrom(pathToFileURL(`${path.join(dir, 'bundle')}/`).href, root);
  const { app } = (await nativeImport(pathToFileURL(path.join(dir, 'bundle', notes.entry)).href)) as { app: BundleApp };
  app.setInternals({
    pagesByKeys: new Map(notes.pagesByKeys),
    entrySpecifierToBundleMap: new Map(notes.entrySpecifierToBundleMap),
    pageDependencyHashes: new Map(notes.pageDependencyHashes),
  });
  // Astro logs through the destination; the engine reports what it does itself.
  app.setOptions({ settings: { scripts: notes.scripts, config: {} }, logger: { options: { destination: { write: () => true } } } });
  const hashes = new Map(notes.pageDependencyHashes);
  return { app, dependencyHash: (component) => hashes.get(component) ?? '' };
}

const PHOTOS_FILE = 'photos.json';

/** A photo the bundle resolved, and its file's size and time when it did. */
type KeptPhoto = ResolvedPhoto & { size: number; mtimeMs: number };

/** Keeps with the bundle the photos its pages resolved (`notePhotos`), each with its file's size and time. */
export function keepBundlePhotos(cacheDir: string, photos: ReadonlyMap<string, ResolvedPhoto>): void {
  const kept: KeptPhoto[] = [];
  for (const photo of photos.values()) {
    const info = statSync(photo.fsPath, { throwIfNoEntry: false });
    if (info) kept.push({ ...photo, size: info.size, mtimeMs: info.mtimeMs });
  }
  mkdirSync(pageBundleDir(cacheDir), { recursive: true });
  writeFileSync(path.join(pageBundleDir(cacheDir), PHOTOS_FILE), JSON.stringify(kept));
}

/** The photos kept with the bundle, by source file. */
export function readBundlePhotos(cacheDir: string): Map<string, KeptPhoto> {
  const file = path.join(pageBundleDir(cacheDir), PHOTOS_FILE);
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KeptPhoto[]) : [];
  return new Map(kept.map((photo) => [photo.fsPath, photo]));
}

const UNKEYED_FILE = 'unkeyed-pages.json';

/** The photos a page used: the resizes it asked for and the originals it read (Astro's render metadata). */
export interface PageImages {
  staticImages?: StaticImageRecord[];
  referencedImages?: string[];
}

/**
 * The photos each page without a cache key (the home page, the search page…) used when last
 * rendered, by site path: Astro's incremental-build manifest records only keyed pages, and the
 * engine must know every page's photos to know which resized files the site still needs.
 */
export function readUnkeyedImages(cacheDir: string): Record<string, PageImages> {
  const file = path.join(pageBundleDir(cacheDir), UNKEYED_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, PageImages>) : {};
}

export function writeUnkeyedImages(cacheDir: string, pages: Record<string, PageImages>): void {
  const file = path.join(pageBundleDir(cacheDir), UNKEYED_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  // Renamed into place: the staging cache may be the published one in hard links.
  writeFileSync(`${file}.tmp`, JSON.stringify(pages));
  renameSync(`${file}.tmp`, file);
}
