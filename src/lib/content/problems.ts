/**
 * Content problems: one shape for everything wrong with a newsroom's content, and one way of
 * printing it. Every problem says what is wrong, where (file, line, field), what was expected,
 * what was found and what to do, so a writer can fix it without reading code.
 */
import { closest, distance } from 'fastest-levenshtein';

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  severity: Severity;
  /** Path of the file, relative to the working directory where possible. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. `speakers[1].role`. */
  field?: string;
  /** What is wrong, as a sentence. */
  message: string;
  expected?: string;
  found?: string;
  /** What to do about it. */
  hint?: string;
}

/** `file:line:column  severity  field: message Expected …; found …. Hint` on one line. */
export function formatProblem(problem: ContentProblem): string {
  const where = [problem.file, problem.line ?? 1, problem.column ?? 1].join(':');
  const parts = [problem.field ? `${problem.field}: ${problem.message}` : problem.message];
  const detail = [problem.expected !== undefined ? `expected ${problem.expected}` : '', problem.found !== undefined ? `found ${problem.found}` : ''].filter(
    Boolean,
  );
  if (detail.length) parts.push(`${capitalize(detail.join('; '))}.`);
  if (problem.hint) parts.push(problem.hint);
  return `${where}  ${problem.severity}  ${parts.join(' ')}`;
}

/** All problems, errors first, in file and line order, with a count line above them. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  const sorted = [...problems].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
  return [`Content has ${counts}:`, ...sorted.map((p) => `  ${formatProblem(p)}`)].join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Thrown when content has errors; carries every problem so all are reported together. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    super(`${formatProblems(problems)}\nNothing was published. Fix the problems above and build again.`);
    this.name = 'ContentError';
    this.problems = problems;
    // The problems name files and lines already; a stack trace into the loader would only bury them.
    this.stack = '';
  }
}

/**
 * The candidate nearest to `word` when it is near enough to be a likely typo
 * (`organisations` -> `organizations`), compared case-insensitively.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const byLower = new Map(candidates.map((c) => [c.toLowerCase(), c]));
  const best = closest(lower, [...byLower.keys()]);
  const tolerance = Math.max(2, Math.floor(lower.length / 3));
  return distance(lower, best) <= tolerance ? byLower.get(best) : undefined;
}

/** A value as a writer would recognise it in an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty text' : `"${truncate(showInvisible(value))}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item')}`;
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  return `an object with fields ${Object.keys(value as object).join(', ') || '(none)'}`;
}

/** Tabs, line breaks and other control characters written out (`\t`), so a writer can see what to remove. */
function showInvisible(text: string): string {
  const named: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
