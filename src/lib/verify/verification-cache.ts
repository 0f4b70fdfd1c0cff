/**
 * What a verification that passed leaves for the next one: for every page and feed it checked,
 * the digest of its bytes, whether html-validate has passed it, and where its internal links
 * lead. A file whose bytes are unchanged keeps its own checks (title, canonical URL, links that
 * stay within the base, html-validate, well-formed XML); its links are checked again against the
 * site as it is, so a page removed elsewhere still breaks the pages linking to it.
 *
 * Written only after a verification found no problem, whole and then renamed, so it never holds a
 * result that did not pass. Anything unreadable in it (a file cut short, another format, entries
 * of the wrong shape) counts as absent: those files are checked afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file's checks that passed: the digest of its bytes, html-validate's verdict, its links. */
export interface PassedFile {
  digest: string;
  /** Whether html-validate passed the page (false: not yet validated, the budget was spent). */
  htmlValid: boolean;
  /** Site paths its internal links resolve to (a page's; none for other files). */
  links: string[];
}

/** A stored result: a {@link PassedFile} whose links are indexes into the stored targets. */
export interface StoredFile {
  digest: string;
  htmlValid: boolean;
  links: readonly number[];
}

/**
 * What the stored results depend on besides a file's bytes and path. `checks`: the checks
 * themselves (the source of the modules making them) and the base links are resolved under.
 * `html`: html-validate's version and configuration, which alone decide its verdict on given
 * bytes. When `checks` differs no stored result is used, though html-validate's verdicts are
 * while `html` is the same.
 */
export interface VerificationKeys {
  checks: string;
  html: string;
}

/**
 * The stored form: link targets once for the whole site, each file naming them by index, and
 * the file's identity on disk when it was checked (`fileIdentity`).
 */
interface Stored extends VerificationKeys {
  targets: string[];
  files: Record<string, [digest: string, htmlValid: 0 | 1, links: number[], identity?: string]>;
}

/**
 * A file's identity on disk: its inode, size and modification time. A publish hard-links the
 * files it does not change from the published site, so a file with the identity it had when it
 * was checked holds the same bytes, and its digest need not be taken again (reading and hashing a
 * large site's every page takes seconds). A file written anew has another inode.
 */
export function fileIdentity(info: { ino: number; size: number; mtimeMs: number }): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}`;
}

export function verificationKeys(settings: { base: string; htmlValidate: Record<string, unknown> }): VerificationKeys {
  const source = (module: string) => readFileSync(fileURLToPath(new URL(module, import.meta.url)));
  const { version } = createRequire(import.meta.url)('html-validate/package.json') as { version: string };
  const digest = (...parts: (string | Buffer)[]) => parts.reduce((hash, part) => hash.update(part).update('\0'), createHash('sha256')).digest('base64url');
  return {
    checks: digest(settings.base, source('./verify.ts'), source('./verification-cache.ts')),
    html: digest(JSON.stringify(settings.htmlValidate), version),
  };
}

export class VerificationCache {
  readonly #file: string | undefined;
  readonly #keys: VerificationKeys;
  readonly #stored: Stored | undefined;
  readonly #next: Stored;
  readonly #targetIndex = new Map<string, number>();
  /** By stored target index: whether it resolves, and its index in the next run's targets. */
  readonly #resolvedTargets: boolean[] = [];
  readonly #keptTargets: number[] = [];

  /** The results kept in `file` (none when it is missing or unreadable), to be used under `keys`. */
  constructor(file: string | undefined, keys: VerificationKeys) {
    this.#file = file;
    this.#keys = keys;
    this.#stored = file ? readStored(file) : undefined;
    // No prototype: a file may be named `__proto__`.
    this.#next = { ...keys, targets: [], files: Object.create(null) };
  }

  /** Whether a verification's results were read at all. */
  get hasResults(): boolean {
    return this.#stored !== undefined;
  }

  /** What a verification that passed found about `file` when its bytes had `digest`; undefined if unknown. */
  stored(file: string, digest: string): StoredFile | undefined {
    const entry = this.#entry(file, digest);
    if (!entry || this.#stored!.checks !== this.#keys.checks) return undefined;
    return { digest, htmlValid: this.storedHtmlValid(file, digest), links: entry[2] };
  }

  /** The digest `file` had when it was checked, if it is the same file on disk (`fileIdentity`). */
  knownDigest(file: string, identity: string): string | undefined {
    const stored = this.#stored;
    if (!stored || !Object.hasOwn(stored.files, file)) return undefined;
    const entry = stored.files[file];
    return Array.isArray(entry) && entry[3] === identity && typeof entry[0] === 'string' ? entry[0] : undefined;
  }

  /** Whether html-validate passed `file` when its bytes had `digest`, whatever else changed since. */
  storedHtmlValid(file: string, digest: string): boolean {
    return this.#entry(file, digest)?.[1] === 1 && this.#stored!.html === this.#keys.html;
  }

  /**
   * Whether every link of a stored result still resolves (an index naming no stored target does
   * not). Asked once per stored target: pages share most of their links.
   */
  linksResolve(file: StoredFile, resolves: (target: string) => boolean): boolean {
    const { targets } = this.#stored!;
    return file.links.every((index) => {
      const target = targets[index];
      return typeof target === 'string' && (this.#resolvedTargets[index] ??= resolves(target));
    });
  }

  /** Keeps a stored result for the next run, as it is; once {@link linksResolve} said yes. */
  keep(file: string, stored: StoredFile, identity: string): void {
    const links = stored.links.map((index) => (this.#keptTargets[index] ??= this.#targetId(this.#stored!.targets[index]!)));
    this.#next.files[file] = [stored.digest, stored.htmlValid ? 1 : 0, links, identity];
  }

  /** Records what this run found about `file`, for {@link save}. */
  record(file: string, result: PassedFile, identity: string): void {
    this.#next.files[file] = [result.digest, result.htmlValid ? 1 : 0, result.links.map((target) => this.#targetId(target)), identity];
  }

  /** Whether html-validate passed `file` as recorded in this run. */
  recordedHtmlValid(file: string): boolean {
    return this.#next.files[file]?.[1] === 1;
  }

  /** Marks a recorded page as passed by html-validate. */
  markHtmlValid(file: string): void {
    const entry = this.#next.files[file];
    if (entry) entry[1] = 1;
  }

  /** Writes what was recorded; call it only when the verification found no problem. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const partial = `${this.#file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(this.#next));
    renameSync(partial, this.#file);
  }

  #entry(file: string, digest: string): Stored['files'][string] | undefined {
    const stored = this.#stored;
    if (!stored || !Object.hasOwn(stored.files, file)) return undefined;
    const entry = stored.files[file];
    return Array.isArray(entry) && entry[0] === digest && Array.isArray(entry[2]) ? entry : undefined;
  }

  #targetId(target: string): number {
    let index = this.#targetIndex.get(target);
    if (index === undefined) {
      index = this.#next.targets.push(target) - 1;
      this.#targetIndex.set(target, index);
    }
    return index;
  }
}

function readStored(file: string): Stored | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Stored> | null;
    const wellFormed = typeof stored?.checks === 'string' && typeof stored.html === 'string' && Array.isArray(stored.targets);
    return wellFormed && typeof stored.files === 'object' && stored.files !== null ? (stored as Stored) : undefined;
  } catch {
    return undefined;
  }
}
