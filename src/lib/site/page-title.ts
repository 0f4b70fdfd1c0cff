/**
 * The text of a page's `<title>`: the headline and the site's name, shortened to what browsers
 * and search engines show and what html-validate's `long-title` rule allows (the limit is read
 * from .htmlvalidate.json, its one source), so that no headline, however long, makes the page
 * invalid. The headline itself is shown whole on the page.
 */
import htmlValidateConfig from '../../../.htmlvalidate.json' with { type: 'json' };

const [, longTitle] = htmlValidateConfig.rules['long-title'] as [string, { maxlength: number }];
export const TITLE_MAX = longTitle.maxlength;

export function pageTitle(title: string | undefined, site: { name: string; tagline: string }): string {
  if (!title) return `${site.name}: ${site.tagline}`;
  const suffix = ` · ${site.name}`;
  if (title.length + suffix.length <= TITLE_MAX) return `${title}${suffix}`;
  const room = TITLE_MAX - suffix.length - 1;
  const cut = title.slice(0, room + 1);
  // At the last space when there is one in the second half, so no word is cut in two.
  const space = cut.lastIndexOf(' ');
  const kept = (space > room / 2 ? cut.slice(0, space) : cut.slice(0, room)).replace(/[\s,;:.–—-]+$/, '');
  return `${kept}…${suffix}`;
}
