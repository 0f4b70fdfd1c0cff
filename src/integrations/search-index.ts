/**
 * Writes the Pagefind search index as the last step of `astro build`, through Pagefind's Node
 * API, so `dist/pagefind/` is complete when the build exits. Only article pages are indexed:
 * they alone mark their article element with `data-pagefind-body`. When no page changed since
 * the previous build (and neither did the dependencies), its index is put back from Astro's
 * cache folder instead of indexing the site again.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { cachedOutput, filesDigest } from '../lib/output-cache.ts';

/** Pagefind's prebuilt interfaces, which the site does not use (its search page has its own script). */
const UNUSED_BUNDLES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

export function searchIndex(options: { language: string }): AstroIntegration {
  let cacheDir = '';
  let lockfile = '';
  return {
    name: 'newsroom-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(new URL('search-index/', config.cacheDir));
        lockfile = fileURLToPath(new URL('package-lock.json', config.root));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        const key = createHash('sha256')
          .update(JSON.stringify({ options, UNUSED_BUNDLES }))
          .update(await readFile(lockfile).catch(() => ''))
          .update(filesDigest(site, (file) => file.endsWith('.html')))
          .digest('hex');
        let pages = 0;
        const outcome = await cachedOutput({
          cacheDir,
          key,
          outDir: path.join(site, 'pagefind'),
          generate: async () => {
            pages = await writeIndex(site, options.language);
          },
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        logger.info(
          outcome === 'reused'
            ? `Search index written in ${seconds}s (no page changed: the previous build's index, reused)`
            : `Search index written in ${seconds}s (${pages} HTML pages read; only articles are indexed)`,
        );
      },
    },
  };
}

/** Indexes the built site into `<site>/pagefind/`; returns how many HTML pages Pagefind read. */
async function writeIndex(site: string, language: string): Promise<number> {
  try {
    // One language for the whole site: an article with `lang: ru` stays findable from the
    // same search page instead of landing in a separate Russian index.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    await Promise.all(UNUSED_BUNDLES.map((file) => rm(path.join(site, 'pagefind', file), { force: true })));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
