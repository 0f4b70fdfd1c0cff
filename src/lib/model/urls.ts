/**
 * Internal URLs. Every link the site prints goes through `href`, so a site served under a
 * sub-path (`/news/`) links correctly everywhere.
 */
import { siteConfig } from '../../site.config.ts';
import { KINDS } from '../entity-kinds.ts';
import type { Entity } from './indexes.ts';

/** Joins the site base (`/` or `/news/`) and a site path (`/2025/07/x/`). */
export function withBase(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

/** Site path of an entity's first page: `/people/zhaslan-madiyev/`, `/locations/kazakhstan/astana/`. */
export function entityPath(entity: Pick<Entity, 'kind' | 'key'>): string {
  return `${KINDS[entity.kind].section}${entity.key}/`;
}

export function yearPath(year: number): string {
  return `/${year}/`;
}

export function monthPath(year: number, month: number): string {
  return `/${year}/${String(month).padStart(2, '0')}/`;
}

/** `withBase` with this site's base: the one function pages and components link through. */
export function href(path: string): string {
  return withBase(siteConfig.base, path);
}

/** An image or audio file given as a site path (`/images/x.svg`) lives under the base; a full URL stays as it is. */
export function mediaHref(url: string): string {
  return url.startsWith('/') ? href(url) : url;
}

/** An absolute URL for a site path (`/2025/07/x/`); a URL that is already absolute is kept. */
export function absoluteUrl(pathOrUrl: string): string {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : new URL(href(pathOrUrl), siteConfig.url).href;
}

/** The search page with filters set, e.g. `/search/?organization=United+Nations`. */
export function searchPath(filters: Record<string, string> = {}): string {
  const query = new URLSearchParams(filters).toString();
  return `/search/${query ? `?${query}` : ''}`;
}
