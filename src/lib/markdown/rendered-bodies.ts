/**
 * Rendered article bodies, kept as files in the build cache (one per body text, named by its
 * digest) instead of in Astro's data store. The data store becomes a single JSON module of the
 * build: with every body in it, 100,000 articles exceed the longest string V8 can hold, and
 * every page would keep all bodies in memory. A body whose text is unchanged since the previous
 * build keeps its file, whatever else changed in the article (a registry rename, a new title).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import path from 'node:path';

/** The folder for rendered bodies inside a build cache folder. */
export function renderedBodiesDir(cacheDir: string): string {
  return path.join(cacheDir, 'rendered-bodies');
}

export interface RenderedBodies {
  has(digest: string): boolean;
  write(digest: string, html: string): void;
  read(digest: string): string;
  /** Deletes every body not named in `keep`, so the folder holds exactly the current bodies. */
  prune(keep: ReadonlySet<string>): void;
}

export function renderedBodies(dir: string): RenderedBodies {
  // Digests are base64url or hex: safe as file names on every system.
  const file = (digest: string) => path.join(dir, `${digest}.html`);
  return {
    has: (digest) => existsSync(file(digest)),
    write(digest, html) {
      mkdirSync(dir, { recursive: true });
      // A new file renamed into place, never an existing one rewritten: `npm run build` seeds its
      // staging cache with hard links to the published cache's bodies, which must stay intact.
      const draft = `${file(digest)}.${process.pid}-${threadId}.tmp`;
      writeFileSync(draft, html);
      renameSync(draft, file(digest));
    },
    read(digest) {
      try {
        return readFileSync(file(digest), 'utf8');
      } catch (error) {
        throw new Error(`The rendered body ${digest} is missing from ${dir}. The build cache was changed during the build; build again.`, { cause: error });
      }
    },
    prune(keep) {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        if (!keep.has(name.replace(/\.html$/, ''))) rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}
