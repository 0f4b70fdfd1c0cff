/**
 * Static paths for the paginated entity pages, so each route file only says which kinds it
 * serves and how its URL parameters are spelt.
 */
import type { PaginateFunction } from 'astro';
import { entityPageKey } from '../build/cache-keys.ts';
import type { EntityKind } from '../entity-kinds.ts';
import type { Entity, IndexedArticle, Newsroom } from '../model/indexes.ts';
import { PAGE_SIZE } from '../model/pagination.ts';

export function entityPages<T extends IndexedArticle>(
  newsroom: Newsroom<T>,
  kind: EntityKind,
  paginate: PaginateFunction,
  params: (entity: Entity<T>) => Record<string, string>,
  frame: string,
) {
  return [...newsroom.entities[kind].values()].flatMap((entity) =>
    paginate(entity.articles, { params: params(entity), props: { entity }, pageSize: PAGE_SIZE }).map((path) => ({
      ...path,
      cacheKey: entityPageKey(entity, path.props.page, frame),
    })),
  );
}

/** Entities of a kind for a list page: most stories first, then by name. */
export function byCount<T extends IndexedArticle>(entities: Iterable<Entity<T>>): Entity<T>[] {
  return [...entities].sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name));
}
