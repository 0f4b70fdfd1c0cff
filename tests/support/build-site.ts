/**
 * Builds the site from a content directory into a temporary output folder, as `npm run build`
 * would with CONTENT_DIR set, and reads the pages it wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { forgetContentAssets } from '../../src/lib/build/output-cache.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
  status: number | null;
  output: string;
  outDir: string;
  /** The HTML of a site path (`/2025/07/x/`), parsed; throws if the page does not exist. */
  page(sitePath: string): cheerio.CheerioAPI;
  exists(sitePath: string): boolean;
  /** Site paths of every HTML page written. */
  pages(): string[];
}

/**
 * A new folder for a build's output and cache. It is inside the project (under node_modules):
 * Astro writes its prerender bundle beside an output folder inside the working directory, and
 * otherwise into the project's one `.astro/`, where builds running at once (test files run in
 * parallel) would delete each other's bundle.
 */
export function newWorkDir(): string {
  return mkdtempSync(path.join(root, 'node_modules', '.newsroom-build-'));
}

/** Builds into `work`/dist with its cache in `work`/cache; pass the same `work` again to rebuild. */
export function buildSite(contentDir: string, env: Record<string, string> = {}, work = newWorkDir()): BuiltSite {
  const outDir = path.join(work, 'dist');
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
  forgetContentAssets(root);
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  return siteReader(outDir, result.status, `${result.stdout}\n${result.stderr}`);
}

/** Reads a built site in `outDir`, with the status and output of the build that wrote it. */
export function siteReader(outDir: string, status: number | null, output: string): BuiltSite {
  // `/2025/07/x/` is a folder's index.html; `/404.html` or `/_astro/x.css` is a file.
  const file = (sitePath: string) => path.join(outDir, sitePath, /\.[a-z0-9]+$/i.test(sitePath) ? '' : 'index.html');
  return {
    status,
    output,
    outDir,
    exists: (sitePath) => existsSync(file(sitePath)),
    page: (sitePath) => cheerio.load(readFileSync(file(sitePath), 'utf8')),
    pages: () =>
      existsSync(outDir)
        ? readdirSync(outDir, { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.html'))
            .map((f) => `/${f.replace(/index\.html$/, '')}`)
        : [],
  };
}
