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
import { inShard, type Shard } from '../lib/build/shards.ts';
import { aliasFile } from '../lib/model/aliases.ts';
import { metaContentSecurityPolicies, parseHeadersFile } from '../lib/site/headers-file.ts';
import { loadRedirects, redirectPage, redirectsLines } from '../lib/site/redirects.ts';
import { withBase } from '../lib/model/urls.ts';

export function redirects(site: { url: string; base: string; lang: string }, shard: Shard | undefined): AstroIntegration {
  let cacheDir = '';
  let publicDir = '';
  return {
    name: 'newsroom-redirects',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        publicDir = fileURLToPath(config.publicDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const list = loadRedirects(cacheDir);
        // Redirect pages carry the site's policy too, as every page does (ContentSecurityPolicy.astro).
        const headers = parseHeadersFile(await readFile(path.join(publicDir, '_headers'), 'utf8').catch(() => ''));
        for (const redirect of list) {
          if (!inShard(redirect.from, shard)) continue;
          const file = path.join(outDir, aliasFile(redirect.from));
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, redirectPage(redirect, site, metaContentSecurityPolicies(headers, withBase(site.base, redirect.from))));
        }
        const own = await readFile(path.join(publicDir, '_redirects'), 'utf8').catch(() => '');
        const lines = redirectsLines(list, site.base);
        if ((own || lines) && inShard('/_redirects', shard)) await writeFile(path.join(outDir, '_redirects'), `${own}${own && !own.endsWith('\n') ? '\n' : ''}${lines}`);
        if (list.length) logger.info(`${list.length} old addresses redirect to their articles`);
      },
    },
  };
}
