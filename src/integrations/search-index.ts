/**
 * Writes the Pagefind search index as the last step of `astro build`, through Pagefind's Node
 * API, so `dist/pagefind/` is complete when the build exits. Only article pages are indexed:
 * they alone mark their article element with `data-pagefind-body`.
 */
import type { AstroIntegration } from 'astro';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

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
  return {
    name: 'newsroom-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        try {
          // One language for the whole site: an article with `lang: ru` stays findable from the
          // same search page instead of landing in a separate Russian index.
          const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          await Promise.all(UNUSED_BUNDLES.map((file) => rm(path.join(site, 'pagefind', file), { force: true })));
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          logger.info(`Search index written in ${seconds}s (${added.page_count} HTML pages read; only articles are indexed)`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
