/**
 * Adds the hash of the stylesheet every page carries inline (src/layouts/Base.astro) to the
 * Content-Security-Policy of the output's `_headers`, once Astro has written the site, as
 * ContentSecurityPolicy.astro adds it to each page's `<meta>`: a host that sends the file's
 * headers enforces both policies, and `style-src 'self'` alone refuses an inline `<style>`. The
 * hash is taken from the home page as written, so it is the hash of exactly the text the pages
 * carry (Astro's CSS pipeline makes that text; this hook cannot run the pipeline itself).
 */
import type { AstroIntegration } from 'astro';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFileWithStyleSources, styleHash } from '../lib/site/headers-file.ts';

/** The text of every `<style>` element of an HTML page, as written (no entity is decoded in one). */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style\s*>/gi)].map((match) => match[1]!);
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
        const styles = inlineStyles(await readFile(path.join(outDir, 'index.html'), 'utf8'));
        if (styles.length === 0) throw new Error('The home page carries no inline stylesheet, which every page should (src/layouts/Base.astro).');
        await writeFile(headersFile, headersFileWithStyleSources(headers, styles.map(styleHash)));
      },
    },
  };
}
