/**
 * Which pages a publish renders, which it keeps and which it removes: the plan the publish engine
 * (`publish-engine.ts`) follows, made before anything is rendered, from the pages the site has now
 * (every route's static paths with their cache keys, `cache-keys.ts`) and the record of the last
 * build (Astro's incremental-build manifest, which both `astro build` and the engine keep).
 *
 * A page is kept when its route's template is unchanged, its path was built last time and its
 * cache key is the same: the rule of Astro's own incremental build, so the two agree on every page.
 * A page without a key (a fixed route such as the home page) is always rendered. A page built
 * last time that the site no longer has is removed.
 */

/** A static path of the site, as Astro's `StaticPaths` lists it. */
export interface SitePath {
  pathname: string;
  /** The route's component file, which names the route in the manifest. */
  component: string;
  /** `page` or `endpoint` (a feed, a sitemap). */
  type: string;
  cacheKey?: string;
}

/** A transform of a photo a page asked for (Astro's record of `getImage`). */
export interface StaticImageRecord {
  originalPath: string;
  hash: string;
  finalPath: string;
  originalSrcPath?: string;
  transform: Record<string, unknown>;
}

/** What the manifest says of a page built last time. */
export interface PathRecord {
  cacheKey: string;
  /** Relative to the output folder, URL-encoded as Astro writes it. */
  outputFile: string;
  contentHashes?: Record<string, string>;
  staticImages?: StaticImageRecord[];
  referencedImages?: string[];
  headers?: [string, string][];
}

/** Astro's incremental-build manifest (`incremental-build.json` in the cache folder). */
export interface BuildManifest {
  version: number;
  configHash: string;
  lockfileHash: string;
  keyDigest?: string;
  routes: Record<string, { dependencyHash: string; paths: Record<string, PathRecord> }>;
}

export interface RenderPlan {
  render: SitePath[];
  keep: { path: SitePath; record: PathRecord }[];
  remove: { component: string; pathname: string; record: PathRecord }[];
}

/**
 * The plan for `paths` (in the order Astro lists them; a path two routes share belongs to the
 * first, as in Astro's build) against `previous`; `dependencyHash` gives a route's template hash.
 */
export function planRender(paths: readonly SitePath[], previous: BuildManifest, dependencyHash: (component: string) => string): RenderPlan {
  const plan: RenderPlan = { render: [], keep: [], remove: [] };
  const claimed = new Set<string>();
  const current = new Set<string>();
  for (const path of uniquePaths(paths, claimed)) {
    current.add(`${path.component}\0${path.pathname}`);
    const route = previous.routes[path.component];
    const record = route?.paths[path.pathname];
    const unchanged =
      path.cacheKey !== undefined &&
      record !== undefined &&
      route!.dependencyHash === dependencyHash(path.component) &&
      record.cacheKey === path.cacheKey &&
      // A page that rendered a content entry's own body (Astro's `render()`) depends on more than its key.
      record.contentHashes === undefined;
    if (unchanged) plan.keep.push({ path, record });
    else plan.render.push(path);
  }
  for (const [component, route] of Object.entries(previous.routes)) {
    for (const [pathname, record] of Object.entries(route.paths)) {
      if (!current.has(`${component}\0${pathname}`)) plan.remove.push({ component, pathname, record });
    }
  }
  return plan;
}

/** The paths without the later duplicates of one address (`/a` and `/a/` are one). */
function uniquePaths(paths: readonly SitePath[], claimed: Set<string>): SitePath[] {
  return paths.filter(({ pathname }) => {
    const address = pathname.replace(/\/+$/, '');
    if (claimed.has(address)) return false;
    claimed.add(address);
    return true;
  });
}

/** The output file of a page or endpoint Astro writes with `build.format: 'directory'`, URL-encoded as in the manifest. */
export function outputFileOf(path: Pick<SitePath, 'pathname' | 'type'>): string {
  const encoded = encodeURI(path.pathname).replace(/^\/+/, '');
  if (path.type === 'endpoint') return encoded;
  const name = encoded.replace(/\/+$/, '');
  if (name === '') return 'index.html';
  return name === '404' || name === '500' ? `${name}.html` : `${name}/index.html`;
}
