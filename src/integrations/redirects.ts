/**
 * Writes the redirects of old addresses once Astro has written the site: a redirect page at each
 * alias (`<alias>/index.html`, or the `.html` file itself) and `_redirects` at the root of the
 * output, after the lines of `public/_redirects` when there is one. Astro cannot make either as a
 * page: a route file named `_redirects` is ignored, and aliases are no route of the site. A
 * shard's build (src/lib/build/shards.ts) writes the redirect pages of its shard, and
 * `_redirects` if that path is its own.
 */
import type { AstroIntegration } from 'astro';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTime } from '../lib/build/clock.ts';
import { inShard, type Shard } from '../lib/build/shards.ts';
import { aliasFile } from '../lib/model/aliases.ts';
import { metaContentSecurityPolicies, parseHeadersFile } from '../lib/site/headers-file.ts';
import { publishedRedirects, redirectPage, redirectsLines, type Redirect } from '../lib/site/redirects.ts';
import { withBase } from '../lib/model/urls.ts';
import { updateSnapshot } from '../lib/build/snapshot.ts';
import type { SiteConfig } from '../site.config.ts';

/**
 * The output's `_redirects`: the lines of `public/_redirects`, then one per old address; undefined
 * when there are none.
 */
export async function redirectsFile(publicDir: string, list: readonly Redirect[], base: string): Promise<string | undefined> {
  const own = await readFile(path.join(publicDir, '_redirects'), 'utf8').catch(() => '');
  const lines = redirectsLines(list, base);
  return own || lines ? `${own}${own && !own.endsWith('\n') ? '\n' : ''}${lines}` : undefined;
}

export function redirects({ site, contentDir, shard }: { site: SiteConfig; contentDir: string; shard: Shard | undefined }): AstroIntegration {
  let cacheDir = '';
  let publicDir = '';
  /**
   * What is published: the build's clock (src/lib/build/clock.ts), read before any page renders
   * when no clock is fixed, so a story that comes due while pages render gets no redirect either.
   */
  let now = buildTime();
  return {
    name: 'newsroom-redirects',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        publicDir = fileURLToPath(config.publicDir);
      },
      'astro:build:start': () => {
        now = buildTime();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        // The content snapshot the content loader of this build brought up to date.
        const { articles } = (await updateSnapshot({ contentDir, site, cacheDir })).content();
        const list = publishedRedirects(
          articles.map(({ fields }) => fields),
          now,
        );
        // Redirect pages carry the site's policy too, as every page does (ContentSecurityPolicy.astro).
        const headers = parseHeadersFile(await readFile(path.join(publicDir, '_headers'), 'utf8').catch(() => ''));
        for (const redirect of list) {
          if (!inShard(redirect.from, shard)) continue;
          const file = path.join(outDir, aliasFile(redirect.from));
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, redirectPage(redirect, site, metaContentSecurityPolicies(headers, withBase(site.base, redirect.from))));
        }
        const text = await redirectsFile(publicDir, list, site.base);
        if (text !== undefined && inShard('/_redirects', shard)) await writeFile(path.join(outDir, '_redirects'), text);
        if (list.length) logger.info(`${list.length} old addresses redirect to their articles`);
      },
    },
  };
}
