/**
 * The content snapshot: the one reader of a content directory. It keeps, in one file of the
 * build cache (`contentSnapshotFile`), every content file's size, modification time and digest,
 * and what each article, page and registry file gave when read on its own (`content-dir.ts`:
 * fields, body, problems). An update walks the directory (`file-tree.ts`: symbolic links
 * followed), stats every file, and reads only the files whose size or modification time changed;
 * of those it parses again only the ones whose bytes changed. The checks across files (duplicate
 * URLs, old addresses, one spelling per entity) are made anew from the records each time, so the
 * content is exactly what reading every file would give.
 *
 * One build updates it once, first (scripts/build.ts, into its staging cache); every later step of
 * that build (the content loader, the sitemap's dates, the pages' registries, the verification)
 * finds it up to date and parses nothing.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { ArticleFile, LoadedContent, PageFile, RegistryFile } from '../content/content-dir.ts';
import { fileTree, isMarkdown, type FileTree } from '../content/file-tree.ts';
import type { RegistryRecord } from '../content/registry.ts';
import { KINDS, REGISTRY_KINDS, type RegistryKind } from '../entity-kinds.ts';
import type { ContentSettings, Registries } from '../model/article.ts';
import { codeDigest } from './code-digest.ts';
import { contentSnapshotFile } from './output-cache.ts';

/** The stored form's version: a snapshot of another form is read as none. */
const FORMAT = 1;

/**
 * A file modified this shortly before it was looked at could be written again within the same
 * tick of the file system's clock, keeping its size and time; it is read again at the next update.
 */
const RACY_MS = 2_000;

/**
 * The parsers and the checks across files, loaded when first needed: the build's up-to-date check
 * (`contentDigest`) loads none of them, and starts in a fraction of the time.
 */
const reader = () => import('../content/content-dir.ts');

export interface ContentSnapshot {
  /** Digest of the content directory: every file's path and bytes, and its broken or looping links. */
  digest: string;
  /** Markdown and registry files this update parsed (0 when nothing changed). */
  parsed: number;
  /** The content as reading every file would give it; the checks across files are made on the first call. */
  content(): LoadedContent;
}

interface Entry {
  size: number;
  mtimeMs: number;
  digest: string;
  racy: boolean;
}

/** A name an article looked up in a registry, and what the look-up found (`found`). */
type Lookup = [kind: RegistryKind, name: string, found: string];

/** An article file's record and its registry look-ups: while they find the same, the record holds. */
type StoredArticle = ArticleFile & { lookups: Lookup[] };

/** The small part of the file, read alone when only digests or registries are wanted. */
interface Header {
  format: number;
  /** What the records depend on besides each file's bytes (`recordsKey`). */
  key: string;
  /** Every file below the content directory, by the path it is reached through. */
  entries: Map<string, Entry>;
  registries: Partial<Record<RegistryKind, RegistryFile>>;
}

interface Records {
  articles: Map<string, StoredArticle>;
  pages: Map<string, PageFile>;
}

/**
 * Brings the snapshot in `cacheDir` up to date with `contentDir` and stores it there when
 * anything changed. Without `cacheDir`, every file is read and nothing is stored. A snapshot
 * that cannot be read (corrupt, truncated, of another form) counts as none.
 */
export async function updateSnapshot(options: { contentDir: string; site: ContentSettings; cacheDir?: string }): Promise<ContentSnapshot> {
  const { contentDir, site } = options;
  const { assembleContent, assembleRegistries, readArticleFile, readPageFile, readRegistryFile } = await reader();
  const file = options.cacheDir === undefined ? undefined : contentSnapshotFile(options.cacheDir);
  const key = recordsKey(contentDir, site);
  // The same update again in this process (a build's steps each ask): when no content file and
  // not the stored snapshot changed since, the snapshot made then, not a second copy of it.
  const latest = file === undefined ? undefined : latestUpdates.get(file);
  if (latest && latest.key === key && latest.stamp === fileStamp(file!)) {
    const walked = walk(contentDir);
    if (!indexFiles(walked, latest.entries, false).changed) return { ...latest.snapshot, parsed: 0 };
  }
  const stored = file === undefined ? undefined : readStored(file);
  const walked = walk(contentDir);
  const index = indexFiles(walked, stored?.header.entries, true);
  // The stored records, when made under the same key and readable whole.
  const old = stored?.header.key === key ? stored.records() : undefined;
  const previous = old && stored;
  const unchanged = (at: string) => {
    const before = previous?.header.entries.get(at);
    return before !== undefined && before.digest === index.entries.get(at)?.digest;
  };
  const bytes = (at: string) => index.bytes.get(at) ?? readFileSync(at);
  let parsed = 0;

  const registryFiles: Partial<Record<RegistryKind, RegistryFile>> = {};
  let registriesChanged = previous === undefined;
  for (const kind of REGISTRY_KINDS) {
    const at = walked.registries[kind];
    const before = previous?.header.registries[kind];
    if (at === undefined) {
      if (before) registriesChanged = true;
    } else if (before && unchanged(at)) {
      registryFiles[kind] = before;
    } else {
      registryFiles[kind] = readRegistryFile(kind, at, bytes(at));
      registriesChanged = true;
      parsed++;
    }
  }
  const { registries } = assembleRegistries(registryFiles);

  const articles = new Map<string, StoredArticle>();
  for (const at of walked.articles?.files.filter(isMarkdown) ?? []) {
    const before = old?.articles.get(at);
    if (before && unchanged(at) && (!registriesChanged || lookupsHold(before.lookups, registries))) {
      articles.set(at, before);
      continue;
    }
    const lookups: Lookup[] = [];
    articles.set(at, { ...readArticleFile(at, bytes(at), recording(registries, lookups), site), lookups });
    parsed++;
  }
  const pages = new Map<string, PageFile>();
  for (const at of walked.pages?.files.filter(isMarkdown) ?? []) {
    const before = old?.pages.get(at);
    if (before && unchanged(at)) {
      pages.set(at, before);
      continue;
    }
    pages.set(at, readPageFile(at, bytes(at), site));
    parsed++;
  }

  if (file && (previous === undefined || index.changed || parsed > 0)) {
    store(file, { format: FORMAT, key, entries: index.entries, registries: registryFiles }, { articles, pages });
  }
  let assembled: LoadedContent | undefined;
  const snapshot: ContentSnapshot = {
    digest: digestOf(contentDir, walked, index.entries),
    parsed,
    content: () =>
      (assembled ??= assembleContent({
        contentDir,
        registries: registryFiles,
        articles: { tree: walked.articles, files: articles },
        pages: { tree: walked.pages, files: pages },
      })),
  };
  if (file) latestUpdates.set(file, { key, stamp: fileStamp(file), entries: index.entries, snapshot });
  return snapshot;
}

/** The latest update of each snapshot file in this process, with what it was made from. */
const latestUpdates = new Map<string, { key: string; stamp: string; entries: ReadonlyMap<string, Entry>; snapshot: ContentSnapshot }>();

/** A snapshot file as it is on disk now: another build's update changes it. */
function fileStamp(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
}

/** The content of `contentDir` with every file read, and no snapshot kept (`npm run check`). */
export async function loadContentDir(contentDir: string, site: ContentSettings): Promise<LoadedContent> {
  return (await updateSnapshot({ contentDir, site })).content();
}

/**
 * The digest of `contentDir` as `updateSnapshot` would give it, for the build's up-to-date
 * check: files whose size and time match the snapshot in `cacheDir` are not read, and nothing is
 * parsed or stored.
 */
export function contentDigest(options: { contentDir: string; cacheDir: string }): string {
  const walked = walk(options.contentDir);
  const { entries } = indexFiles(walked, readHeader(contentSnapshotFile(options.cacheDir))?.entries, false);
  return digestOf(options.contentDir, walked, entries);
}

/**
 * The registries as the last update stored them, for the pages of a build (or of the live
 * preview), whose content loader has just updated the snapshot in `cacheDir`.
 */
export async function storedRegistries(cacheDir: string): Promise<Registries> {
  const header = readHeader(contentSnapshotFile(cacheDir));
  if (!header) throw new Error(`No content snapshot in ${cacheDir}: the content loader writes it before any page is built.`);
  return (await reader()).assembleRegistries(header.registries).registries;
}

interface Walked {
  articles: FileTree | undefined;
  pages: FileTree | undefined;
  /** The rest of the content directory: registries, photos kept outside `articles/`, anything else. */
  rest: FileTree | undefined;
  /** The registry files that exist, by kind. */
  registries: Partial<Record<RegistryKind, string>>;
  /** Every file of the three trees, sorted. */
  files: string[];
}

function walk(contentDir: string): Walked {
  const articlesDir = path.join(contentDir, 'articles');
  const pagesDir = path.join(contentDir, 'pages');
  const trees = { articles: fileTree(articlesDir), pages: fileTree(pagesDir), rest: fileTree(contentDir, new Set([articlesDir, pagesDir])) };
  const registries: Walked['registries'] = {};
  for (const kind of REGISTRY_KINDS) {
    const at = path.join(contentDir, KINDS[kind].registry);
    // A registry that is a link to nothing is absent, as a missing file is.
    if (statSync(at, { throwIfNoEntry: false })) registries[kind] = at;
  }
  const files = [trees.articles, trees.pages, trees.rest].flatMap((tree) => tree?.files ?? []).sort();
  return { ...trees, registries, files };
}

/**
 * Every file's entry: taken from `previous` when its size and time are the same (and it was not
 * modified just before it was last looked at), else read and digested. `keep`: keep the bytes
 * read of the files that are parsed (Markdown and registries), so they are not read twice.
 */
function indexFiles(walked: Walked, previous: ReadonlyMap<string, Entry> | undefined, keep: boolean) {
  const entries = new Map<string, Entry>();
  const bytes = new Map<string, Buffer>();
  const parsedFiles = new Set(Object.values(walked.registries));
  let changed = previous?.size !== walked.files.length;
  const now = Date.now();
  for (const at of walked.files) {
    const { size, mtimeMs } = statSync(at);
    const before = previous?.get(at);
    if (before && !before.racy && before.size === size && before.mtimeMs === mtimeMs) {
      entries.set(at, before);
      continue;
    }
    const content = readFileSync(at);
    const entry = { size, mtimeMs, digest: createHash('sha256').update(content).digest('base64url'), racy: now - mtimeMs < RACY_MS };
    entries.set(at, entry);
    if (keep && (isMarkdown(at) || parsedFiles.has(at))) bytes.set(at, content);
    changed ||= !before || before.size !== size || before.mtimeMs !== mtimeMs || before.digest !== entry.digest;
  }
  return { entries, bytes, changed };
}

function digestOf(contentDir: string, walked: Walked, entries: ReadonlyMap<string, Entry>): string {
  // Every path was found below `contentDir`, so it starts with it.
  const start = path.join(contentDir, path.sep).length;
  const relative = (at: string) => at.slice(start).split(path.sep).join('/');
  const hash = createHash('sha256');
  for (const at of walked.files) hash.update(`${relative(at)}\0${entries.get(at)!.digest}\0`);
  // A link that leads nowhere changes what the build reports, though it adds no file.
  for (const tree of [walked.articles, walked.pages, walked.rest]) {
    for (const { link, target } of [...(tree?.loops ?? []), ...(tree?.broken ?? [])]) hash.update(`${relative(link)}\0${target}\0`);
  }
  return hash.digest('hex');
}

/**
 * What the records depend on besides each file's bytes: the code that reads them (and the
 * libraries it runs on), the settings that shape an article, the working directory (problems
 * name files relative to it) and the content directory. Registries are not in it: an article
 * keeps its record while its look-ups find the same entries (`lookupsHold`).
 */
function recordsKey(contentDir: string, { timeZone, defaultByline, legacyPermalinks }: ContentSettings): string {
  code ??= codeDigest(fileURLToPath(import.meta.url));
  return JSON.stringify([FORMAT, code, process.cwd(), contentDir, timeZone, defaultByline, legacyPermalinks ?? null]);
}
let code: string | undefined;

/**
 * What a look-up found, as far as an article can show it: a digest of the entry without the
 * line it is written on (an entry added above it moves it, and no article shows it).
 */
function found(record: RegistryRecord | undefined): string {
  if (!record) return '';
  let digest = foundDigests.get(record);
  if (digest === undefined) {
    digest = createHash('sha256')
      .update(JSON.stringify({ ...record, line: undefined }))
      .digest('base64url');
    foundDigests.set(record, digest);
  }
  return digest;
}
const foundDigests = new WeakMap<RegistryRecord, string>();

/** `registries` with every look-up recorded: an article reads the registries through `resolve` only. */
function recording(registries: Registries, lookups: Lookup[]): Registries {
  const recorded = {} as Registries;
  for (const kind of REGISTRY_KINDS) {
    const registry = registries[kind];
    recorded[kind] = {
      ...registry,
      resolve: (name) => {
        const record = registry.resolve(name);
        lookups.push([kind, name, found(record)]);
        return record;
      },
    };
  }
  return recorded;
}

function lookupsHold(lookups: readonly Lookup[], registries: Registries): boolean {
  return lookups.every(([kind, name, was]) => found(registries[kind].resolve(name)) === was);
}

/*
 * The file: the header's length (4 bytes), the header, the records' length (4 bytes), the
 * records, each serialized by `node:v8` (which keeps dates, maps and undefined fields as they
 * are), then the bodies and frontmatter of the records as one UTF-8 text. Most of the bytes are
 * those texts, which v8 stores as UTF-16 as soon as one character needs it (a typographic quote
 * does): apart, the file is a third smaller and reads in two thirds of the time.
 */

function store(file: string, header: Header, records: Records): void {
  const texts: Buffer[] = [];
  const text = (value: string) => {
    const bytes = Buffer.from(value);
    texts.push(bytes);
    return bytes.length;
  };
  const slim = {
    articles: new Map(
      [...records.articles].map(([at, read]) => [
        at,
        read.article ? { ...read, article: { ...read.article, body: text(read.article.body), frontmatter: text(read.article.frontmatter) } } : read,
      ]),
    ),
    pages: new Map([...records.pages].map(([at, read]) => [at, read.page ? { ...read, page: { ...read.page, body: text(read.page.body) } } : read])),
  };
  const parts = [serialize(header), serialize(slim)].flatMap((part) => [Buffer.alloc(4), part]);
  parts[0]!.writeUInt32LE(parts[1]!.length);
  parts[2]!.writeUInt32LE(parts[3]!.length);
  // Written whole under another name, then renamed: a reader sees the old snapshot or the new one.
  const draft = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(draft, 'w');
    try {
      for (const part of [...parts, Buffer.concat(texts)]) writeSync(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(draft, file);
  } catch {
    // A snapshot not stored costs the next update a full read, nothing else.
    rmSync(draft, { force: true });
  }
}

/** The stored snapshot, its records deserialized when asked; undefined when there is none to read. */
function readStored(file: string): { header: Header; records(): Records | undefined } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = parseHeader(bytes);
  if (!header) return undefined;
  return {
    header,
    records() {
      try {
        const start = 8 + bytes.readUInt32LE(0);
        let at = start + bytes.readUInt32LE(start - 4);
        // Texts stand in the records as their lengths in bytes, in the order `store` wrote them.
        const records = deserialize(bytes.subarray(start, at)) as Records;
        if (!(records?.articles instanceof Map && records.pages instanceof Map)) return undefined;
        const text = (length: unknown) => {
          if (typeof length !== 'number' || at + length > bytes.length) throw new Error('truncated');
          return bytes.toString('utf8', at, (at += length));
        };
        for (const { article } of records.articles.values()) {
          if (article) Object.assign(article, { body: text(article.body), frontmatter: text(article.frontmatter) });
        }
        for (const { page } of records.pages.values()) if (page) page.body = text(page.body);
        return at === bytes.length ? records : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The header alone, without reading the records. */
function readHeader(file: string): Header | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = Buffer.alloc(4);
    if (readSync(fd, length, 0, 4, 0) < 4 || 4 + length.readUInt32LE(0) > size) return undefined;
    const head = Buffer.alloc(4 + length.readUInt32LE(0));
    length.copy(head);
    readSync(fd, head, 4, head.length - 4, 4);
    return parseHeader(head);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function parseHeader(bytes: Buffer): Header | undefined {
  try {
    if (bytes.length < 4) return undefined;
    const end = 4 + bytes.readUInt32LE(0);
    if (end > bytes.length) return undefined;
    const header = deserialize(bytes.subarray(4, end)) as Header;
    return header?.format === FORMAT && header.entries instanceof Map && typeof header.registries === 'object' ? header : undefined;
  } catch {
    return undefined;
  }
}
