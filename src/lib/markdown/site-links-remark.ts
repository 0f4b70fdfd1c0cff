/**
 * remark plugin: makes a body's links work where the site is served. A link to another article's
 * source file becomes that article's address, and a link from the site root (`/2014/03/x/`)
 * gets the site base when the site is served under a sub-path (`/news/2014/03/x/`). Both come
 * with the body, in the render options' frontmatter (`fileLinks` made by `fileLinkTargets`, and
 * `base`), since a worker thread rendering one body does not know the other articles. Links and
 * images in raw HTML (`<a href="other.md">`) are rewritten too.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../model/urls.ts';

export interface SiteLinks {
  /** The site base, `/` or `/news/`. */
  base: string;
  /** Address of each link to an article file, by link as written. */
  fileLinks: Record<string, string>;
}

export function remarkSiteLinks() {
  return (tree: Root, file: VFile) => {
    const links = file.data.astro?.frontmatter?.siteLinks as SiteLinks | undefined;
    if (!links) return;
    const { base, fileLinks } = links;
    const rewrite = (url: string) => {
      if (Object.hasOwn(fileLinks, url)) return fileLinks[url]!;
      // From the root, not protocol-relative, and not written with the base already.
      if (base !== '/' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith(base)) return withBase(base, url);
      return url;
    };
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition' || node.type === 'image') node.url = rewrite(node.url);
      else if (node.type === 'html') {
        node.value = node.value.replace(
          /(<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>]+))/gi,
          (whole, before: string, _value, double?: string, single?: string, bare?: string) => {
            const url = double ?? single ?? bare ?? '';
            const rewritten = rewrite(url);
            return rewritten === url ? whole : `${before}"${rewritten.replace(/"/g, '&quot;')}"`;
          },
        );
      }
    });
  };
}
