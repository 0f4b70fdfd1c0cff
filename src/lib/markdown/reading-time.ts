/**
 * remark plugin: reading time of an article body, at 230 words a minute (at least one minute),
 * stored as `readingMinutes` in the frontmatter metadata the Markdown processor returns.
 */
import type { Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import type { VFile } from 'vfile';

export const WORDS_PER_MINUTE = 230;

export function readingMinutes(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function remarkReadingTime() {
  return (tree: Root, file: VFile) => {
    const astro = (file.data.astro ??= {});
    astro.frontmatter = { ...astro.frontmatter, readingMinutes: readingMinutes(textOf(tree)) };
  };
}
