/**
 * The registries (`organizations.yaml`, `people.yaml`…, one per kind with a registry in
 * entity-kinds.ts): canonical names, their aliases, and resolution of any name a writer uses
 * to its canonical entry.
 * Matching ignores case and repeated spaces ("SCO" and "sco" are one name); spelling is not
 * guessed, so a misspelt name becomes an entity of its own.
 */
import { KINDS, REGISTRY_KINDS, type RegistryKind } from '../entity-kinds.ts';
import { nameKey } from '../model/name-key.ts';
import { parseYaml } from './frontmatter.ts';
import type { ContentProblem } from './problems.ts';
import { registrySchemas, type RegistryEntry } from '../schema.ts';
import { toSlug } from '../model/slug.ts';
import { validate } from './validate.ts';

export interface RegistryRecord extends RegistryEntry {
  slug: string;
  /** Where the entry is written, for error messages. */
  file: string;
  line: number;
}

export interface Registry {
  kind: RegistryKind;
  records: RegistryRecord[];
  /** Resolves a name or alias to its entry. */
  resolve(name: string): RegistryRecord | undefined;
}

export { nameKey };

export function emptyRegistry(kind: RegistryKind): Registry {
  return { kind, records: [], resolve: () => undefined };
}

/** One empty registry per kind: a newsroom without registry files. */
export function emptyRegistries(): Record<RegistryKind, Registry> {
  return Object.fromEntries(REGISTRY_KINDS.map((kind) => [kind, emptyRegistry(kind)])) as Record<RegistryKind, Registry>;
}

/** Parses one registry file; `source` undefined means the optional file is absent. */
export function parseRegistry(kind: RegistryKind, source: string | undefined, file: string): { registry: Registry; problems: ContentProblem[] } {
  if (source === undefined) return { registry: emptyRegistry(kind), problems: [] };
  const yaml = parseYaml(source, file);
  if (yaml.problems.length) return { registry: emptyRegistry(kind), problems: yaml.problems };
  const list = yaml.data ?? [];
  if (!Array.isArray(list)) {
    return {
      registry: emptyRegistry(kind),
      problems: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          message: `The ${kind} registry must be a list of entries.`,
          expected: 'a YAML list ("- name: …")',
          found: typeof list === 'object' ? 'a single group of fields' : `"${String(list)}"`,
        },
      ],
    };
  }

  const schema = registrySchemas[kind].entry;
  const problems: ContentProblem[] = [];
  const records: RegistryRecord[] = [];
  const byKey = new Map<string, RegistryRecord>();
  const bySlug = new Map<string, RegistryRecord>();

  list.forEach((raw, index) => {
    const { value, problems: entryProblems } = validate(schema, raw, file, (path) => yaml.locate([index, ...path]));
    problems.push(...entryProblems.map((p) => ({ ...p, field: `[${index}]${p.field ? `.${p.field}` : ''}` })));
    if (!value) return;
    const record: RegistryRecord = { ...value, slug: value.slug ?? toSlug(value.name), file, line: yaml.locate([index]).line };
    if (!record.slug) {
      problems.push({
        severity: 'error',
        file,
        ...yaml.locate([index, 'name']),
        field: `[${index}].name`,
        message: 'The name has no letters or digits, so its page would have no address.',
        expected: 'a name in words, or a "slug"',
        found: `"${record.name}"`,
        hint: 'Write the name in letters, or give the entry a "slug".',
      });
      return;
    }

    const slugOwner = bySlug.get(record.slug);
    if (slugOwner) {
      problems.push({
        severity: 'error',
        file,
        line: record.line,
        column: 1,
        field: `[${index}].slug`,
        message: `"${record.name}" and "${slugOwner.name}" (line ${slugOwner.line}) would have the same page ${KINDS[kind].section}${record.slug}/.`,
        hint: 'Give one of them a distinct "slug".',
      });
      return;
    }
    bySlug.set(record.slug, record);

    for (const claimed of new Set([record.name, ...record.aliases].map(nameKey))) {
      const owner = byKey.get(claimed);
      if (owner) {
        problems.push({
          severity: 'error',
          file,
          line: record.line,
          column: 1,
          field: `[${index}]`,
          message: `"${record.name}" and "${owner.name}" (line ${owner.line}) both claim the name or alias "${claimed}".`,
          hint: 'A name or alias may belong to one entry only: remove it from one of them, or merge the entries.',
        });
      } else {
        byKey.set(claimed, record);
      }
    }
    records.push(record);
  });

  return { registry: registryOf(kind, records), problems };
}

/**
 * The registry of valid records (as `parseRegistry` keeps them): a name or alias resolves to the
 * first record that claims it, which is the one `parseRegistry` let keep it.
 */
export function registryOf(kind: RegistryKind, records: RegistryRecord[]): Registry {
  const byKey = new Map<string, RegistryRecord>();
  for (const record of records) {
    for (const claimed of [record.name, ...record.aliases].map(nameKey)) if (!byKey.has(claimed)) byKey.set(claimed, record);
  }
  return { kind, records, resolve: (name) => byKey.get(nameKey(name)) };
}
