/**
 * Digests of the project's own code, for caches whose contents that code decides.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The digest of the code whose first module is `entry`: the source of every project module it
 * imports, and the installed version of every package they import and of those packages' own
 * dependencies, from the lockfile of the project that holds it. What is cached under it (rendered
 * bodies, the content snapshot) is made again when that code or a library it runs on changes.
 * Read from the source files: call it from a module that runs as its source, not bundled.
 */
export function codeDigest(entry: string): string {
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
      else if (!specifier!.startsWith('node:'))
        packages.add(
          specifier!
            .split('/')
            .slice(0, specifier!.startsWith('@') ? 2 : 1)
            .join('/'),
        );
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
