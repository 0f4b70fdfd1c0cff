/**
 * The bridge between the content and the indexes: every page asks `getNewsroom()` and gets the
 * same indexes, built once per build from the published articles. The entries are Astro's
 * content collection, or, when the publish engine renders the pages, the ones it supplied from the
 * content snapshot (src/lib/build/supplied-content.ts). In `astro dev` drafts and scheduled
 * articles are included (pages mark them), and the indexes are rebuilt on each request so edits
 * show at once.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildTime } from '../build/clock.ts';
import { storedRegistries } from '../build/snapshot.ts';
import { notePhoto, suppliedContent } from '../build/supplied-content.ts';
import { buildNewsroom, isPublished, type Newsroom } from '../model/indexes.ts';
import { pageLinks, pageLinksDigest, type PageLinks } from '../content/static-pages.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

let built: Promise<Newsroom<ArticleEntry>> | undefined;

export function getNewsroom(): Promise<Newsroom<ArticleEntry>> {
  if (import.meta.env.NEWSROOM_PREVIEW) return load(true);
  return (built ??= load(false));
}

async function load(preview: boolean): Promise<Newsroom<ArticleEntry>> {
  const now = buildTime();
  const all = (suppliedContent()?.articles as ArticleEntry[] | undefined) ?? (await getCollection('articles'));
  // Every photo, a scheduled story's too: the engine may publish it when it comes due.
  for (const { data } of all) notePhoto(data.image?.file);
  const entries = all.filter(({ data }) => preview || isPublished(data, now));
  // The registries as the content loader left them in the content snapshot; here they only add
  // descriptions and roles.
  return buildNewsroom(entries, await storedRegistries(import.meta.env.NEWSROOM_CACHE_DIR));
}

export type PageEntry = CollectionEntry<'pages'>;

/** The newsroom's own pages (About, Contact…), in address order. */
export async function getSitePages(): Promise<PageEntry[]> {
  const entries = (suppliedContent()?.pages as PageEntry[] | undefined) ?? (await getCollection('pages'));
  return [...entries].sort((a, b) => a.data.path.localeCompare(b.data.path));
}

let links: Promise<PageLinks & { digest: string }> | undefined;

/** The pages the footer and the masthead link, and their digest for every page's cache key. */
export function getPageLinks(): Promise<PageLinks & { digest: string }> {
  const load = async () => {
    const found = pageLinks((await getSitePages()).map(({ data }) => data));
    return { ...found, digest: pageLinksDigest(found) };
  };
  if (import.meta.env.NEWSROOM_PREVIEW) return load();
  return (links ??= load());
}
