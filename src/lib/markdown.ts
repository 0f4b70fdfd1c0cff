/**
 * The Markdown pipeline for article bodies, in one place: Astro's unified processor with the
 * project's remark plugins. astro.config.mjs gives it to Astro, and the content loader renders
 * bodies with it on worker threads (`markdown-workers.ts`), so both write the same HTML.
 */
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { remarkReadingTime } from './reading-time.ts';
import { remarkSiteLinks } from './site-links-remark.ts';
import { remarkTypography } from './typography.ts';

/**
 * The project's own remark plugins run (Astro's default processor runs none). Typography is the
 * project's: Astro's SmartyPants writes the same, three times slower. Links to article files
 * become their addresses, and links from the root get the site base (`site-links-remark.ts`).
 */
export const markdownProcessor = unified({
  remarkPlugins: [remarkTypography, remarkReadingTime, remarkSiteLinks],
  smartypants: false,
});

/** Stories carry no source code to colour; Shiki cost 2 ms of each body's 5.6 ms even so. */
export const syntaxHighlight = false;

/** A renderer as Astro's content layer makes one from the settings above. */
export function createBodyRenderer(): Promise<MarkdownRenderer> {
  return markdownProcessor.createRenderer({ syntaxHighlight, gfm: true });
}
