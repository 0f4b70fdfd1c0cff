/**
 * Every path the built site will have, worked out from the indexes without building it: what a
 * link in an article may point to.
 */
import { ENTITY_KINDS, KINDS } from '../entity-kinds.ts';
import type { Newsroom } from './indexes.ts';
import { lastModified } from './lastmod.ts';
import { entityPath } from './urls.ts';

/** Pages and files that every build writes, whatever the content. */
const FIXED = ['/', '/search/', '/404.html', '/feed.xml', '/sitemap-index.xml', '/news-sitemap.xml', '/robots.txt'];

export function sitePaths(newsroom: Newsroom): Set<string> {
  const paths = new Set([...FIXED, ...ENTITY_KINDS.map((kind) => KINDS[kind].section), ...lastModified(newsroom).keys()]);
  for (const kind of ENTITY_KINDS) {
    for (const entity of newsroom.entities[kind].values()) paths.add(`${entityPath(entity)}feed.xml`);
  }
  return paths;
}
