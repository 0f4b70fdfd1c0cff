/**
 * The collections' entries as the content loader last stored them (src/lib/content/loader.ts),
 * kept in the build cache so the publish engine (`publish-engine.ts`) can run the same loader
 * without Astro: each entry's data, digest and file, one file per collection. `astro build` writes
 * them at the end of its content sync, the engine after its own; what either stores is what the
 * other would store for the same content.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { entryRecordsDir } from './output-cache.ts';

/** One entry of a collection, as Astro's data store holds it. */
export interface EntryRecord {
  id: string;
  data: Record<string, unknown>;
  digest?: string | number;
  filePath?: string;
}

/** How Astro's `image()` marks a photo reference in data given to the store (astro/dist/content/consts.js). */
export const IMAGE_MARKER = '__ASTRO_IMAGE_';

function withoutImageMarkers(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith(IMAGE_MARKER) ? value.slice(IMAGE_MARKER.length) : value;
  if (Array.isArray(value)) return value.map(withoutImageMarkers);
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutImageMarkers(item)]));
  }
  return value;
}

/** The stored form's version: records of another form are read as none. */
const FORMAT = 1;

const recordsFile = (cacheDir: string, collection: string) => path.join(entryRecordsDir(cacheDir), `${collection}.bin`);

export function writeEntryRecords(cacheDir: string, collection: string, entries: Iterable<EntryRecord>): void {
  const file = recordsFile(cacheDir, collection);
  mkdirSync(path.dirname(file), { recursive: true });
  // Renamed into place: the staging cache may share the published cache's files.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, serialize({ format: FORMAT, entries: [...entries].map(({ id, data, digest, filePath }) => ({ id, data, digest, filePath })) }));
  renameSync(draft, file);
}

/** The stored entries of `collection`, or undefined when none are kept (or of another form). */
export function readEntryRecords(cacheDir: string, collection: string): EntryRecord[] | undefined {
  try {
    const stored = deserialize(readFileSync(recordsFile(cacheDir, collection))) as { format: number; entries: EntryRecord[] };
    return stored.format === FORMAT ? stored.entries : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A collection's entries in memory with the part of the data-store interface the content loader
 * uses (`LoaderContext['store']`).
 */
export class EntryStore {
  private readonly entries: Map<string, EntryRecord>;
  constructor(records: readonly EntryRecord[] = []) {
    this.entries = new Map(records.map((record) => [record.id, record]));
  }
  get(id: string): EntryRecord | undefined {
    return this.entries.get(id);
  }
  /** Stores the entry as Astro's data store does: photo references without their marker. */
  set(entry: EntryRecord): boolean {
    this.entries.set(entry.id, { ...entry, data: withoutImageMarkers(entry.data) as Record<string, unknown> });
    return true;
  }
  delete(id: string): void {
    this.entries.delete(id);
  }
  has(id: string): boolean {
    return this.entries.has(id);
  }
  keys(): string[] {
    return [...this.entries.keys()];
  }
  values(): EntryRecord[] {
    return [...this.entries.values()];
  }
}
