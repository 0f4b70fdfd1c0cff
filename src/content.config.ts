/**
 * Content collections. The frontmatter contract lives in `src/lib/schema.ts` (shared with the
 * writers' scripts); the loader validates every article with it and stores the resolved model
 * described by `articleRecordSchema`.
 */
import { defineCollection } from 'astro:content';
import { articleRecordSchema } from './lib/article.ts';
import { articlesLoader, pagesLoader } from './lib/loader.ts';
import { pageRecordSchema } from './lib/static-pages.ts';
import { resolveContentDir } from './lib/content-dir.ts';
import { siteConfig } from './site.config.ts';

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ contentDir: resolveContentDir(), site: siteConfig }),
    schema: articleRecordSchema,
  }),
  pages: defineCollection({
    loader: pagesLoader({ contentDir: resolveContentDir(), site: siteConfig }),
    schema: pageRecordSchema,
  }),
};
