interface ImportMetaEnv {
  /** True under `astro dev` only: drafts and scheduled stories are shown, marked. */
  readonly NEWSROOM_PREVIEW: boolean;
  /** Where the content loader writes rendered article bodies (`src/lib/markdown/rendered-bodies.ts`). */
  readonly NEWSROOM_BODIES_DIR: string;
}
