/**
 * Headings of article bodies as valid HTML whatever the writer typed: old archives hold `##`
 * alone as a section break, headings that begin with a year and headings of punctuation only.
 * Run `rehypeValidHeadingIds` after Astro's `rehypeHeadingIds` (see markdown.ts).
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * A heading with nothing in it (`##` alone, an old way of writing a section break) is left out:
 * an empty heading is invalid HTML and tells a reader nothing.
 */
export function remarkDropEmptyHeadings() {
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
export function rehypeValidHeadingIds() {
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
