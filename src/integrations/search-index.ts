/**
 * Writes the Pagefind search index as part of `astro build` (src/lib/build/search-index.ts), so
 * `dist/pagefind/` is complete when the build exits, and renders only one shard's pages when the
 * build is sharded (src/lib/build/shards.ts). Both wrap Astro's prerenderer, of which a build has
 * one, so they live in one wrapper.
 *
 * Each page is handed to Pagefind the moment Astro has rendered it, so Pagefind (a process of its
 * own) parses and indexes on the second core while Astro renders the next pages, instead of
 * reading the whole site back from disk once Astro is done. Pages that an incremental build copied
 * from its cache were not rendered; they are read from disk, in the order Astro would have
 * rendered them. When no page changed since the previous build (and neither did the
 * dependencies), the previous index is put back from Astro's cache folder instead.
 *
 * A shard's build writes no index: the index needs every page. It records instead, for the merge,
 * every page of the site in the order of Astro's static paths, which is the order the merge hands
 * them to Pagefind in (src/lib/build/merge-shards.ts).
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTime } from '../lib/build/clock.ts';
import { writeShardManifest, type ShardManifest } from '../lib/build/merge-shards.ts';
import { recentIndexSince, SearchIndexer, writeSearchIndex } from '../lib/build/search-index.ts';
import { updateSnapshot } from '../lib/build/snapshot.ts';
import type { SiteConfig } from '../site.config.ts';
import { formatShard, inShard, type Shard } from '../lib/build/shards.ts';
import { keepBundlePhotos, watchPageBundle, writeUnkeyedImages, type PageImages } from '../lib/build/page-bundle.ts';
import { notePhotos, type ResolvedPhoto } from '../lib/build/supplied-content.ts';

export function searchIndex(options: { language: string; shard: Shard | undefined; contentDir: string; site: SiteConfig }): AstroIntegration & {
  /** Site paths of every page of the site (every shard's), known once Astro has listed its static paths. */
  sitePages(): readonly string[];
} {
  const { language, shard, contentDir, site } = options;
  let cacheDir = '';
  let cacheRoot = '';
  let lockfile = '';
  let base = '/';
  let outDir = '';
  let pages: string[] = [];
  let indexer: SearchIndexer | undefined;
  let photos: Map<string, ResolvedPhoto> | undefined;
  /** Site paths (without a trailing slash) of the pages without a cache key, and the photos each used. */
  let unkeyed = new Set<string>();
  const unkeyedImages: Record<string, PageImages> = {};

  /** Astro's prerenderer, rendering only this shard's pages and handing each rendered one to Pagefind. */
  const wrap = (astro: AstroPrerenderer): AstroPrerenderer => ({
    ...astro,
    name: 'newsroom-search-index',
    setup: async () => {
      // The compiled pages, kept for the publish engine; a shard's build keeps none (its records are partial).
      const bundle = shard ? undefined : await watchPageBundle(outDir);
      photos = bundle && notePhotos();
      await astro.setup?.();
      bundle?.save(cacheRoot);
    },
    getStaticPaths: async () => {
      const paths = await astro.getStaticPaths();
      // Listing the paths resolved every article's photo.
      if (photos) keepBundlePhotos(cacheRoot, photos);
      // A path that two routes share is rendered once, by the first (Astro's rule too).
      pages = [...new Set(paths.filter(({ route }) => route.type === 'page').map(({ pathname }) => pathname))];
      unkeyed = new Set(paths.filter((path) => (path as { cacheKey?: string }).cacheKey === undefined).map(({ pathname }) => withoutSlash(pathname)));
      indexer?.setPages(pages);
      return shard ? paths.filter(({ pathname }) => inShard(pathname, shard)) : paths;
    },
    render: async (request, renderOptions) => {
      const result = await astro.render(request, renderOptions);
      // The site's sub-path without its trailing slash (`/news`, or empty at the root).
      const sitePath = decodeURI(new URL(request.url).pathname).slice(base.replace(/\/$/, '').length);
      const metadata = result instanceof Response ? undefined : result.metadata;
      if (photos && metadata && unkeyed.has(withoutSlash(sitePath))) {
        unkeyedImages[withoutSlash(sitePath)] = {
          staticImages: metadata.staticImages as PageImages['staticImages'],
          referencedImages: [...(metadata.referencedImages ?? [])],
        };
      }
      const at = indexer?.positionOf(sitePath);
      if (!indexer || at === undefined) return result;
      const response = result instanceof Response ? result : result.response;
      const html = await response.text();
      await indexer.addRendered(at, response.status === 200 ? html : undefined);
      const copy = new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
      return metadata ? { response: copy, metadata } : copy;
    },
  });

  return {
    name: 'newsroom-search-index',
    sitePages: () => pages,
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheRoot = fileURLToPath(config.cacheDir);
        cacheDir = path.join(cacheRoot, 'search-index');
        lockfile = fileURLToPath(new URL('package-lock.json', config.root));
        base = config.base;
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': async ({ setPrerenderer }) => {
        if (!shard) {
          const { articles } = (await updateSnapshot({ contentDir, site, cacheDir: cacheRoot })).content();
          indexer = new SearchIndexer(language, outDir, {
            recentSince: recentIndexSince(
              articles.map(({ fields }) => fields),
              buildTime(),
            ),
          });
        }
        setPrerenderer(wrap);
      },
      'astro:build:done': async ({ logger }) => {
        if (shard) {
          const originals = processedOriginals(outDir);
          await writeShardManifest(outDir, { shard: formatShard(shard), now: buildTime().toISOString(), pages, originals });
          logger.info(`Shard ${formatShard(shard)}: no search index here; the merge writes it from the ${pages.length} pages of every shard`);
          return;
        }
        if (photos) writeUnkeyedImages(cacheRoot, unkeyedImages);
        const started = performance.now();
        const streamed = indexer;
        indexer = undefined;
        if (!streamed) throw new Error('The search index was not started with the build.');
        const { outcome, rendered, read } = await writeSearchIndex(streamed, { language, site: outDir, cacheDir, lockfile });
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        logger.info(
          outcome === 'reused'
            ? `Search index written in ${seconds}s (no page changed: the previous build's index, reused)`
            : `Search index written in ${seconds}s after the pages (${rendered} articles indexed as they were rendered, ${read} read from the incremental cache)`,
        );
      },
    },
  };
}

/**
 * The camera originals of the photos this build resized, as output files, and whether Astro's
 * image step kept them (a page used the original itself) or removed them. Astro keeps the list
 * of the photos a build resized in `globalThis.astroAsset.staticImages` (the key is the
 * original's output path), the one place that says which originals were the image step's to
 * remove (astro/dist/assets/build/generate.js).
 */
function processedOriginals(outDir: string): ShardManifest['originals'] {
  type Resized = Map<string, { originalSrcPath?: string }>;
  const images: Resized = (globalThis as { astroAsset?: { staticImages?: Resized } }).astroAsset?.staticImages ?? new Map();
  const originals: ShardManifest['originals'] = {};
  for (const [original, { originalSrcPath }] of images) {
    // Photos from other hosts have no original in the output.
    if (!originalSrcPath) continue;
    const file = original.replace(/^\/+/, '');
    originals[file] = existsSync(path.join(outDir, file)) ? 'kept' : 'removed';
  }
  return originals;
}

/** A site path without its trailing slash, as both the listing and the requests give it. */
function withoutSlash(sitePath: string): string {
  return sitePath.replace(/\/+$/, '') || '/';
}
