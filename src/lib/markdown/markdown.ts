/**
 * The Markdown pipeline for article bodies, in one place: Astro's unified processor with the
 * project's remark plugins and the story HTML policy (`story-html.ts`). astro.config.mjs gives it
 * to Astro, and the content loader renders bodies with it on worker threads
 * (`markdown-workers.ts`), so both write the same HTML.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { remarkReadingTime } from './reading-time.ts';
import { remarkSiteLinks } from './site-links-remark.ts';
import { rehypeStoryHtml, remarkRehypeOptions } from './story-html.ts';
import { remarkTypography } from './typography.ts';

/**
 * The project's own remark plugins run (Astro's default processor runs none). Typography is the
 * project's: Astro's SmartyPants writes the same, three times slower. Links to article files
 * become their addresses, and links from the root get the site base (`site-links-remark.ts`).
 */
export const markdownProcessor = unified({
  remarkPlugins: [remarkTypography, remarkReadingTime, remarkSiteLinks],
  rehypePlugins: [rehypeStoryHtml],
  remarkRehype: remarkRehypeOptions,
  smartypants: false,
});

/** Stories carry no source code to colour; Shiki cost 2 ms of each body's 5.6 ms even so. */
export const syntaxHighlight = false;

/** A renderer as Astro's content layer makes one from the settings above. */
export function createBodyRenderer(): Promise<MarkdownRenderer> {
  return markdownProcessor.createRenderer({ syntaxHighlight, gfm: true });
}

/**
 * A digest of everything that decides the HTML a body renders to: the source of this module and
 * of every project module it imports (the plugins, the HTML policy), and the installed version
 * of every package they import and of those packages' own dependencies (from the lockfile).
 * Rendered bodies are cached under it, so a change to the pipeline's code, its policy or a
 * library it runs on renders every body again instead of publishing HTML made by the old one.
 */
export function markdownPipelineDigest(): string {
  // Computed when first asked (by the content loader), not when the module loads: bundled into a
  // page, this module's address is no longer its source file.
  return (digest ??= pipelineDigest(fileURLToPath(import.meta.url)));
}
let digest: string | undefined;

/** The digest of the pipeline whose first module is `entry`, with the lockfile of the project that holds it. */
export function pipelineDigest(entry: string): string {
  const hash = createHash('sha256');
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    hash.update(`${path.basename(file)}\0${source}\0`);
    for (const [, specifier] of source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)) {
      if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!));
      else if (!specifier!.startsWith('node:')) packages.add(specifier!.split('/').slice(0, specifier!.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  visit(entry);
  hash.update(installedVersions(nearestLockfile(path.dirname(entry)), packages));
  return hash.digest('base64url').slice(0, 16);
}

/** The `package-lock.json` of the project a folder is in (the first one up the tree). */
function nearestLockfile(dir: string): string {
  const lockFile = path.join(dir, 'package-lock.json');
  const parent = path.dirname(dir);
  return existsSync(lockFile) || parent === dir ? lockFile : nearestLockfile(parent);
}

/** `name@version` of each package and everything it depends on, as the lockfile pins them. */
function installedVersions(lockFile: string, roots: Set<string>): string {
  if (!existsSync(lockFile)) return 'no lockfile';
  const locked = (JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> })
    .packages;
  const found: string[] = [];
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // Every copy of the package, hoisted or nested.
    for (const [key, entry] of Object.entries(locked)) {
      if (key !== `node_modules/${name}` && !key.endsWith(`/node_modules/${name}`)) continue;
      found.push(`${key}@${entry.version}`);
      queue.push(...Object.keys(entry.dependencies ?? {}));
    }
  }
  return found.sort().join('\n');
}
