/**
 * The Markdown pipeline for article bodies, in one place: Astro's unified processor with the
 * project's remark plugins and the story HTML policy (`story-html.ts`). astro.config.mjs gives it
 * to Astro, and the content loader renders bodies with it on worker threads
 * (`markdown-workers.ts`), so both write the same HTML.
 */
import { fileURLToPath } from 'node:url';
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { codeDigest } from '../build/code-digest.ts';
import { remarkReadingTime } from './reading-time.ts';
import { remarkSiteLinks } from './site-links-remark.ts';
import { rehypeStoryHtml, remarkRehypeOptions } from './story-html.ts';
import { remarkTypography } from './typography.ts';

/**
 * The project's own remark plugins run (Astro's default processor runs none). Typography is the
 * project's: Astro's SmartyPants writes the same, three times slower. Links to article files
 * become their addresses, and links from the root get the site base (`site-links-remark.ts`).
 */
export const markdownProcessor = unified({
  remarkPlugins: [remarkTypography, remarkReadingTime, remarkSiteLinks],
  rehypePlugins: [rehypeStoryHtml],
  remarkRehype: remarkRehypeOptions,
  smartypants: false,
});

/** Stories carry no source code to colour; Shiki cost 2 ms of each body's 5.6 ms even so. */
export const syntaxHighlight = false;

/** A renderer as Astro's content layer makes one from the settings above. */
export function createBodyRenderer(): Promise<MarkdownRenderer> {
  return markdownProcessor.createRenderer({ syntaxHighlight, gfm: true });
}

/**
 * A digest of everything that decides the HTML a body renders to: the source of this module and
 * of every project module it imports (the plugins, the HTML policy), and the installed version
 * of every package they import and of those packages' own dependencies (from the lockfile).
 * Rendered bodies are cached under it, so a change to the pipeline's code, its policy or a
 * library it runs on renders every body again instead of publishing HTML made by the old one.
 */
export function markdownPipelineDigest(): string {
  // Computed when first asked (by the content loader), not when the module loads: bundled into a
  // page, this module's address is no longer its source file.
  return (digest ??= codeDigest(fileURLToPath(import.meta.url)));
}
let digest: string | undefined;
