/**
 * Content collections. The frontmatter contract lives in `src/lib/schema.ts` (shared with the
 * writers' scripts); the loader validates every article with it and stores the resolved model
 * described by `articleRecordSchema`. A photo beside an article (`image.file`) becomes image
 * metadata through Astro's `image()`, so pages can process it with `astro:assets`.
 */
import { defineCollection } from 'astro:content';
import { articleEntrySchema } from './lib/model/article.ts';
import { articlesLoader, pagesLoader } from './lib/content/loader.ts';
import { pageRecordSchema } from './lib/content/static-pages.ts';
import { resolveContentDir } from './lib/content/content-root.ts';
import { shardFromEnv } from './lib/build/shards.ts';
import { siteConfig } from './site.config.ts';

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ contentDir: resolveContentDir(), site: siteConfig, shard: shardFromEnv() }),
    schema: ({ image }) => articleEntrySchema(image),
  }),
  pages: defineCollection({
    loader: pagesLoader({ contentDir: resolveContentDir(), site: siteConfig }),
    schema: pageRecordSchema,
  }),
};
