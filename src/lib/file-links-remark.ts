/**
 * remark plugin: writes each link to an article's source file as that article's address. The
 * addresses come with the body (`fileLinks` in the render options' frontmatter, made by
 * `fileLinkTargets` in the content loader), since a worker thread rendering one body does not
 * know the other articles. Links in raw HTML (`<a href="other.md">`) are rewritten too.
 */
import type { Html, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export function remarkFileLinks() {
  return (tree: Root, file: VFile) => {
    const targets = file.data.astro?.frontmatter?.fileLinks as Record<string, string> | undefined;
    if (!targets || Object.keys(targets).length === 0) return;
    visit(tree, (node) => {
      if ((node.type === 'link' || node.type === 'definition') && Object.hasOwn(targets, node.url)) node.url = targets[node.url]!;
      else if (node.type === 'html') {
        (node as Html).value = node.value.replace(
          /(<a\b[^>]*?\shref\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>]+))/gi,
          (whole, before: string, _quoted, double?: string, single?: string, bare?: string) => {
            const url = double ?? single ?? bare ?? '';
            return Object.hasOwn(targets, url) ? `${before}"${targets[url]!.replace(/"/g, '&quot;')}"` : whole;
          },
        );
      }
    });
  };
}
