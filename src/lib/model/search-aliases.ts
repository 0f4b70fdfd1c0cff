/**
 * Registry aliases in search. Story pages index an entity by its canonical name only (an alias
 * written into the page would show up in result excerpts as "Also known as …"); instead the build
 * writes a small map of every alias to its name (/search/aliases.json, a file: the page's
 * Content-Security-Policy forbids inline data), and the search page reads an alias in the query
 * as the name it stands for: "SCO" searches for "Shanghai Cooperation Organization", the name
 * every story tagged with it carries in its "In this story" list.
 */
import { REGISTRY_KINDS } from '../entity-kinds.ts';
import type { Newsroom } from './indexes.ts';
import { nameKey } from './name-key.ts';

/** Alias (as `nameKey` folds it) → canonical name. */
export type AliasMap = Record<string, string>;

/** The aliases of the entities that have stories; an alias that is also some entity's name stays that name. */
export function aliasMap(entities: Newsroom['entities']): AliasMap {
  const names = new Set(REGISTRY_KINDS.flatMap((kind) => [...entities[kind].values()].map((entity) => nameKey(entity.name))));
  const map: AliasMap = {};
  for (const kind of REGISTRY_KINDS) {
    for (const entity of entities[kind].values()) {
      for (const alias of entity.record?.aliases ?? []) {
        const key = nameKey(alias);
        if (!names.has(key) && !(key in map)) map[key] = entity.name;
      }
    }
  }
  return map;
}

/**
 * The query with every alias, as whole words and in any case, replaced by its name: "sco summit"
 * is "Shanghai Cooperation Organization summit". Longer aliases are matched first, so
 * "Shanghai Cooperation Organisation" is not read as a shorter alias inside it.
 */
export function expandAliases(query: string, aliases: AliasMap): string {
  const keys = Object.keys(aliases).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return query;
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return query.replace(pattern, (alias) => aliases[nameKey(alias)] ?? alias);
}
