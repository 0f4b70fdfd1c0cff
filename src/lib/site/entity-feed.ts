/**
 * The feed of one entity page (`/organizations/<slug>/feed.xml` and the like): static paths and
 * the response, shared by the feed routes of every kind of entity.
 */
import rss from '@astrojs/rss';
import { entityFeedKey } from '../build/cache-keys.ts';
import { siteConfig } from '../../site.config.ts';
import { ENTITY_FEED_SIZE, feedOptions } from './feeds.ts';
import type { EntityKind } from '../entity-kinds.ts';
import type { Entity, IndexedArticle, Newsroom } from '../model/indexes.ts';
import { absoluteUrl, entityPath } from '../model/urls.ts';

export function entityFeedPaths<T extends IndexedArticle>(newsroom: Newsroom<T>, kind: EntityKind, params: (entity: Entity<T>) => Record<string, string>) {
  return [...newsroom.entities[kind].values()].map((entity) => ({
    params: params(entity),
    props: { entity },
    cacheKey: entityFeedKey(entity, ENTITY_FEED_SIZE),
  }));
}

export function entityFeed(entity: Entity): Promise<Response> {
  const channel = {
    title: `${entity.name} · ${siteConfig.name}`,
    description: `The latest stories on ${entity.name} from ${siteConfig.name}.`,
    site: absoluteUrl(entityPath(entity)),
    lang: siteConfig.lang,
    timeZone: siteConfig.timeZone,
  };
  return rss(feedOptions(channel, entity.articles, ENTITY_FEED_SIZE, absoluteUrl));
}
