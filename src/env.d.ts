interface ImportMetaEnv {
  /** True under `astro dev` only: drafts and scheduled stories are shown, marked. */
  readonly NEWSROOM_PREVIEW: boolean;
  /** Where the content loader writes rendered article bodies (`src/lib/markdown/rendered-bodies.ts`). */
  readonly NEWSROOM_BODIES_DIR: string;
  /** Astro's cache folder, where the content loader keeps the content snapshot (`src/lib/build/snapshot.ts`). */
  readonly NEWSROOM_CACHE_DIR: string;
}
