// @ts-check
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { remarkReadingTime } from './src/lib/reading-time.ts';
import { siteConfig } from './src/site.config.ts';

/**
 * Drafts and scheduled stories are shown only by `astro dev`, never by a build, whatever
 * NODE_ENV the environment happens to set (a test runner sets it to "test").
 */
const previewFlag = {
  name: 'newsroom-preview-flag',
  hooks: {
    /** @param {{ command: string, updateConfig: (config: object) => void }} options */
    'astro:config:setup': ({ command, updateConfig }) =>
      updateConfig({ vite: { define: { 'import.meta.env.NEWSROOM_PREVIEW': JSON.stringify(command === 'dev') } } }),
  },
};

export default defineConfig({
  integrations: [previewFlag],
  site: siteConfig.url,
  base: siteConfig.base,
  trailingSlash: 'always',
  output: 'static',
  build: { format: 'directory' },
  // Lets tests build several fixture sites side by side without sharing a cache.
  cacheDir: process.env.ASTRO_CACHE_DIR || './node_modules/.astro',
  markdown: {
    // The unified (remark) processor runs the project's own plugins; Astro's default does not.
    processor: unified({ remarkPlugins: [remarkReadingTime] }),
  },
  devToolbar: { enabled: false },
});
