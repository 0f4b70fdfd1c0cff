// @ts-check
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { remarkReadingTime } from './src/lib/reading-time.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
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
