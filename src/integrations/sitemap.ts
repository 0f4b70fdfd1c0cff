/**
 * The sitemaps (@astrojs/sitemap): every page, with `lastmod` from the content
 * (src/lib/model/lastmod.ts), split at 50,000 URLs. In a sharded build they need every shard's
 * pages, so only the shard that owns `/sitemap-index.xml` writes them (all of them), from the
 * list of every page the prerenderer saw (src/integrations/search-index.ts) instead of the pages
 * it rendered itself.
 */
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { buildTime } from '../lib/build/clock.ts';
import { inShard, type Shard } from '../lib/build/shards.ts';
import { updateSnapshot } from '../lib/build/snapshot.ts';
import { lastModifiedFromContent } from '../lib/model/lastmod.ts';
import type { SiteConfig } from '../site.config.ts';

export function siteSitemap(options: {
  site: SiteConfig;
  contentDir: string;
  cacheDir: string;
  shard: Shard | undefined;
  sitePages: () => readonly string[];
}): AstroIntegration {
  const { site, contentDir, cacheDir, shard, sitePages } = options;
  let lastModified: Promise<Map<string, Date>> | undefined;
  const integration = sitemap({
    entryLimit: 50_000,
    serialize: async (item) => {
      // From the content snapshot the content loader of this build brought up to date.
      lastModified ??= updateSnapshot({ contentDir, site, cacheDir }).then((snapshot) => lastModifiedFromContent(snapshot.content(), buildTime()));
      const sitePath = `/${new URL(item.url).pathname.slice(site.base.length)}`;
      const date = (await lastModified).get(sitePath);
      return date ? { ...item, lastmod: date.toISOString() } : item;
    },
  });
  const written = integration.hooks['astro:build:done'];
  if (!shard || !written) return integration;
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:build:done': async (params) => {
        if (!inShard('/sitemap-index.xml', shard)) return;
        // As Astro names the pages it built: no leading slash, a trailing one.
        const pages = sitePages().map((pathname) => ({ pathname: pathname.replace(/\/?$/, '/').replace(/^\//, '') }));
        await written({ ...params, pages });
      },
    },
  };
}
