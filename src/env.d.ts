interface ImportMetaEnv {
  /** True under `astro dev` only: drafts and scheduled stories are shown, marked. */
  readonly NEWSROOM_PREVIEW: boolean;
}
