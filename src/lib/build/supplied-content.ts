/**
 * How content reaches the compiled pages when the publish engine renders them
 * (`publish-engine.ts`): the engine prepares the collections' entries from the content snapshot
 * and hands them over here, and the pages' one door to the content (src/lib/site/newsroom.ts)
 * takes them instead of the content store that `astro build` baked into the bundle. The bundle
 * holds its own copy of this module, so the hand-over goes through a global symbol.
 *
 * The same door notes, during `astro build`, the photo metadata Astro's bundle resolved for each
 * article (where the built photo is, its size), which the engine needs and cannot compute without
 * Vite: `src/integrations/search-index.ts` keeps it with the compiled pages.
 */

const SUPPLIED = Symbol.for('newsroom.supplied-content');
const PHOTOS = Symbol.for('newsroom.resolved-photos');

/** An entry as the pages read it: `getCollection`'s shape, as far as the pages use it. */
interface SuppliedEntry<Data> {
  id: string;
  collection: string;
  data: Data;
}

export interface SuppliedContent {
  articles: SuppliedEntry<unknown>[];
  pages: SuppliedEntry<unknown>[];
}

type Host = { [SUPPLIED]?: SuppliedContent; [PHOTOS]?: Map<string, ResolvedPhoto> };

export function supplyContent(content: SuppliedContent): void {
  (globalThis as Host)[SUPPLIED] = content;
}

/** The entries the engine supplied, or undefined in `astro build` and `astro dev`. */
export function suppliedContent(): SuppliedContent | undefined {
  return (globalThis as Host)[SUPPLIED];
}

/** A photo beside an article as Astro's bundle resolved it: its metadata and its source file. */
export interface ResolvedPhoto {
  metadata: Record<string, unknown>;
  fsPath: string;
}

/** Starts noting the photos the bundle resolves (in the process that runs `astro build`). */
export function notePhotos(): Map<string, ResolvedPhoto> {
  const noted = new Map<string, ResolvedPhoto>();
  (globalThis as Host)[PHOTOS] = noted;
  return noted;
}

/**
 * Notes the photo metadata of entries Astro resolved. `clone` and `fsPath` are read because Astro's
 * image proxy answers them without counting the photo as used by the page being rendered.
 */
export function notePhoto(file: unknown): void {
  const noted = (globalThis as Host)[PHOTOS];
  if (!noted || typeof file !== 'object' || file === null) return;
  const { clone, fsPath } = file as { clone?: Record<string, unknown>; fsPath?: string };
  if (clone && fsPath) noted.set(fsPath, { metadata: clone, fsPath });
}
