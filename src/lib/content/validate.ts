/**
 * Runs a zod schema over parsed YAML and turns every issue into a ContentProblem a writer can act
 * on: the field, its line, what was expected, what was found, and a "did you mean" for unknown
 * fields.
 */
import type { z } from 'astro/zod';
import type { FieldPath, Position } from './frontmatter.ts';
import { describeValue, didYouMean, type ContentProblem } from './problems.ts';

type Issue = z.core.$ZodIssue;

export interface Validated<T> {
  value?: T;
  problems: ContentProblem[];
}

export function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, locate: (path: FieldPath) => Position): Validated<z.output<S>> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues
    .flatMap((issue) => describeIssue(issue, schema, data, file, locate))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { problems };
}

function describeIssue(issue: Issue, schema: z.ZodType, data: unknown, file: string, locate: (path: FieldPath) => Position): ContentProblem[] {
  const path = issue.path as (string | number)[];
  const at = (fieldPath: FieldPath) => ({ severity: 'error' as const, file, field: fieldName(fieldPath), ...locate(fieldPath) });
  const found = valueAt(data, path);

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => {
      const suggestion = didYouMean(key, known);
      return {
        ...at([...path, key]),
        message: `Unknown field "${key}".`,
        expected: `one of ${known.join(', ')}`,
        found: `"${key}"`,
        hint: suggestion ? `Did you mean "${suggestion}"?` : 'Remove it, or check its spelling.',
      };
    });
  }
  if (issue.code === 'invalid_type') {
    if (found === undefined || found === null) {
      return [{ ...at(path), message: 'is required.', expected: article(issue.expected), found: describeValue(found) }];
    }
    return [{ ...at(path), message: 'has the wrong type.', expected: article(issue.expected), found: describeValue(found) }];
  }
  if (issue.code === 'invalid_union') {
    return [
      {
        ...at(path),
        message: 'has the wrong form.',
        expected: 'a name, or an object with "name" and an optional "role"',
        found: describeValue(found),
      },
    ];
  }
  const message = issue.message.replace(/^expected /, '');
  const isExpectation = issue.message.startsWith('expected ');
  // A rule may say what to do about it (the link rule in schema.ts does).
  const hint = issue.code === 'custom' && typeof issue.params?.hint === 'string' ? issue.params.hint : undefined;
  return [
    {
      ...at(path),
      message: isExpectation ? 'has the wrong form.' : `${issue.message}.`.replace(/\.\.$/, '.'),
      ...(isExpectation ? { expected: message } : {}),
      found: describeValue(found),
      ...(hint ? { hint } : {}),
    },
  ];
}

/** `speakers[1].role` from `['speakers', 1, 'role']`. */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>((name, step) => (typeof step === 'number' ? `${name}[${step}]` : name ? `${name}.${step}` : step), '');
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function article(type: string): string {
  const described: Record<string, string> = {
    string: 'a text',
    array: 'a list',
    object: 'a group of fields',
    boolean: 'true or false',
    number: 'a number',
  };
  return described[type] ?? type;
}

/** The field names an object schema accepts at `path`, for "did you mean" and "expected one of". */
export function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  let current: unknown = schema;
  for (const step of [...path, undefined]) {
    current = unwrap(current);
    if (step === undefined) break;
    const def = (current as { def: { type: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def.type === 'object' && typeof step === 'string') current = def.shape?.[step];
    else if (def.type === 'array') current = def.element;
    else return [];
  }
  const def = (current as { def?: { type: string; shape?: Record<string, unknown> } } | undefined)?.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Looks through optional, default and union wrappers to the object schema inside. */
function unwrap(schema: unknown): unknown {
  let current = schema as { def: { type: string; innerType?: unknown; options?: unknown[] } } | undefined;
  while (current) {
    const { def } = current;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') current = def.innerType as typeof current;
    else if (def.type === 'union') current = def.options?.find((o) => (o as typeof current)?.def.type === 'object') as typeof current;
    else break;
  }
  return current;
}
