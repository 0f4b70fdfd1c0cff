/**
 * Adds the hash of the stylesheet every page carries inline (src/layouts/Base.astro) to the
 * Content-Security-Policy of the output's `_headers`, once Astro has written the site, as
 * ContentSecurityPolicy.astro adds it to each page's `<meta>`: a host that sends the file's
 * headers enforces both policies, and `style-src 'self'` alone refuses an inline `<style>`. The
 * hash is taken from a page as written (the home page, or in a shard's build, which may not hold
 * it, the first page that carries the stylesheet), so it is the hash of exactly the text the pages
 * carry: Astro's CSS pipeline makes that text, and this hook cannot run the pipeline itself. Every
 * shard thus writes the same `_headers`, as the merge of their outputs requires.
 */
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFileWithStyleSources, styleHash } from '../lib/site/headers-file.ts';

/** The text of every `<style>` element of an HTML page, as written (no entity is decoded in one). */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style\s*>/gi)].map((match) => match[1]!);
}

/** The inline styles of the first page of `outDir` that has any. */
async function siteStyles(outDir: string): Promise<string[]> {
  const pages = (await readdir(outDir, { recursive: true })).filter((file) => file.endsWith('.html'));
  for (const page of ['index.html', ...pages]) {
    const styles = inlineStyles(await readFile(path.join(outDir, page), 'utf8').catch(() => ''));
    if (styles.length > 0) return styles;
  }
  return [];
}

export function stylePolicy(): AstroIntegration {
  return {
    name: 'newsroom-style-policy',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const outDir = fileURLToPath(dir);
        const headersFile = path.join(outDir, '_headers');
        const headers = await readFile(headersFile, 'utf8').catch(() => undefined);
        if (headers === undefined) return;
        const styles = await siteStyles(outDir);
        if (styles.length === 0) throw new Error(`No page in ${outDir} carries the inline stylesheet every page should (src/layouts/Base.astro).`);
        await writeFile(headersFile, headersFileWithStyleSources(headers, styles.map(styleHash)));
      },
    },
  };
}
