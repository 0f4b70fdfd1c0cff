// @ts-check
import { defineConfig } from 'astro/config';
import { redirects } from './src/integrations/redirects.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { siteSitemap } from './src/integrations/sitemap.ts';
import { stylePolicy } from './src/integrations/style-policy.ts';
import { fileURLToPath } from 'node:url';
import { buildCacheDir } from './src/lib/build/output-cache.ts';
import { resolveContentDir } from './src/lib/content/content-root.ts';
import { indexLanguage } from './src/lib/build/search-index.ts';
import { shardFromEnv } from './src/lib/build/shards.ts';
import { renderedBodiesDir } from './src/lib/markdown/rendered-bodies.ts';
import { markdownProcessor, syntaxHighlight } from './src/lib/markdown/markdown.ts';
import { siteConfig } from './src/site.config.ts';

/**
 * Values the pages read from the build: whether drafts and scheduled stories are shown (only by
 * `astro dev`, never by a build, whatever NODE_ENV the environment sets — a test runner sets it
 * to "test"), and where the content loader left the rendered bodies and the content snapshot.
 */
const buildSettings = {
  name: 'newsroom-build-settings',
  hooks: {
    /** @param {{ command: string, config: { cacheDir: URL }, updateConfig: (config: object) => void }} options */
    'astro:config:setup': ({ command, config, updateConfig }) =>
      updateConfig({
        vite: {
          define: {
            'import.meta.env.NEWSROOM_PREVIEW': JSON.stringify(command === 'dev'),
            'import.meta.env.NEWSROOM_BODIES_DIR': JSON.stringify(renderedBodiesDir(fileURLToPath(config.cacheDir))),
            'import.meta.env.NEWSROOM_CACHE_DIR': JSON.stringify(fileURLToPath(config.cacheDir)),
          },
        },
      }),
  },
};

/** The part of the site this build renders: all of it, or shard k of n (`npm run build -- --shard k/n`). */
const shard = shardFromEnv();
const search = searchIndex({ language: indexLanguage(siteConfig.lang), shard, contentDir: resolveContentDir(), site: siteConfig });
const cacheDir = buildCacheDir(fileURLToPath(new URL('.', import.meta.url)));
const contentDir = resolveContentDir();

export default defineConfig({
  site: siteConfig.url,
  base: siteConfig.base,
  trailingSlash: 'always',
  output: 'static',
  // Stylesheets of components as files, never inline <style>: the Content-Security-Policy in
  // public/_headers allows styles from the site's own files, and the hash of the one stylesheet
  // every page inlines itself (src/layouts/Base.astro, src/integrations/style-policy.ts).
  build: { format: 'directory', inlineStylesheets: 'never' },
  cacheDir,
  integrations: [
    buildSettings,
    siteSitemap({ site: siteConfig, contentDir, cacheDir, shard, sitePages: () => search.sitePages() }),
    redirects({ site: siteConfig, contentDir, shard }),
    stylePolicy(),
    // Last, so the index is written once every page is on disk.
    search,
  ],
  // The same processor the content loader renders bodies with (src/lib/markdown/markdown.ts).
  markdown: { processor: markdownProcessor, syntaxHighlight },
  devToolbar: { enabled: false },
  // A rebuild copies every page whose cache key (src/lib/build/cache-keys.ts) and template are
  // unchanged from the previous build in cacheDir and outDir, instead of rendering it again.
  experimental: { incrementalBuild: true },
});
