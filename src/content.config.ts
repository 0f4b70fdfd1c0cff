/**
 * Content collections. The frontmatter contract lives in `src/lib/schema.ts` (shared with the
 * writers' scripts); the loader validates every article with it and stores the resolved model
 * described by `articleRecordSchema`.
 */
import { defineCollection } from 'astro:content';
import { articleRecordSchema } from './lib/article.ts';
import { articlesLoader } from './lib/loader.ts';
import { resolveContentDir } from './lib/content-dir.ts';
import { siteConfig } from './site.config.ts';

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ contentDir: resolveContentDir(), site: siteConfig }),
    schema: articleRecordSchema,
  }),
};
