/**
 * The Markdown pipeline for article bodies, in one place: Astro's unified processor with the
 * project's remark plugins. astro.config.mjs gives it to Astro, and the content loader renders
 * bodies with it on worker threads (`markdown-workers.ts`), so both write the same HTML.
 */
import { rehypeHeadingIds, unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { remarkReadingTime } from './reading-time.ts';
import { remarkTypography } from './typography.ts';

/**
 * A heading with nothing in it (`##` alone, an old way of writing a section break) is left out:
 * an empty heading is invalid HTML and tells a reader nothing.
 */
function remarkDropEmptyHeadings() {
  return (tree: MdastRoot) => {
    visit(tree, 'heading', (node, index, parent) => {
      if (node.children.length === 0 && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
    });
  };
}

/**
 * Heading ids as Astro makes them, except that an id must begin with a letter to be valid HTML:
 * `## 2014 in review` gets `section-2014-in-review`, and a heading with no letters or digits
 * (`## ***`, `## —`), which Astro gives an empty id, gets `section`. Astro's own pass runs after
 * the project's plugins and keeps ids that are already set.
 */
function rehypeValidHeadingIds() {
  return (tree: HastRoot) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node) => {
      const { id } = node.properties;
      if (!/^h[1-6]$/.test(node.tagName) || typeof id !== 'string' || /^\p{L}/u.test(id)) return;
      const base = `section-${id}`.replace(/-+/g, '-').replace(/-$/, '');
      let unique = base;
      for (let n = 1; ids.has(unique); n++) unique = `${base}-${n}`;
      ids.add(unique);
      node.properties.id = unique;
    });
  };
}

/**
 * The project's own remark plugins run (Astro's default processor runs none). Typography is the
 * project's: Astro's SmartyPants writes the same, three times slower.
 */
export const markdownProcessor = unified({
  remarkPlugins: [remarkDropEmptyHeadings, remarkTypography, remarkReadingTime],
  rehypePlugins: [rehypeHeadingIds, rehypeValidHeadingIds],
  smartypants: false,
});

/** Stories carry no source code to colour; Shiki cost 2 ms of each body's 5.6 ms even so. */
export const syntaxHighlight = false;

/** A renderer as Astro's content layer makes one from the settings above. */
export function createBodyRenderer(): Promise<MarkdownRenderer> {
  return markdownProcessor.createRenderer({ syntaxHighlight, gfm: true });
}
