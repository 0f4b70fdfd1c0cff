/**
 * The bridge between Astro's content collection and the indexes: every page asks
 * `getNewsroom()` and gets the same indexes, built once per build from the published articles.
 * In `astro dev` drafts and scheduled articles are included (pages mark them), and the indexes
 * are rebuilt on each request so edits show at once.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { loadRegistries, resolveContentDir } from './content-dir.ts';
import { buildNewsroom, isPublished, type Newsroom } from './indexes.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

let built: Promise<Newsroom<ArticleEntry>> | undefined;

export function getNewsroom(): Promise<Newsroom<ArticleEntry>> {
  if (import.meta.env.NEWSROOM_PREVIEW) return load(true);
  return (built ??= load(false));
}

async function load(preview: boolean): Promise<Newsroom<ArticleEntry>> {
  const now = new Date();
  const entries = await getCollection('articles', ({ data }) => preview || isPublished(data, now));
  // The registries were validated by the content loader; here they only add descriptions and roles.
  const { registries } = await loadRegistries(resolveContentDir());
  return buildNewsroom(entries, registries);
}

