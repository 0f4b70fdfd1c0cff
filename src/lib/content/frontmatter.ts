/**
 * Splits a Markdown file into YAML frontmatter and body, and parses the YAML keeping positions,
 * so a problem can name the line of the field it is about.
 *
 * The YAML 1.2 core schema is used on purpose: an unquoted `date: 2025-07-31T09:30` stays the
 * text the writer typed, so a date without an offset can be read in the newsroom's time zone
 * (YAML 1.1 timestamps would silently turn it into UTC midnight or UTC time).
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ContentProblem } from './problems.ts';

export type FieldPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface ParsedYaml {
  data: unknown;
  problems: ContentProblem[];
  /** Where a field (or, for a missing field, its nearest parent) is written. */
  locate(path: FieldPath): Position;
}

export interface ParsedMarkdown extends ParsedYaml {
  /** The YAML text between the `---` lines. */
  frontmatter: string;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
}

/** Parses YAML text; `lineOffset` is the number of file lines above the text. */
export function parseYaml(source: string, file: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problems: ContentProblem[] = doc.errors.map((error) => {
    const { line, column } = toPosition(error.pos[0]);
    return {
      severity: 'error',
      file,
      line,
      column,
      message: `The YAML cannot be read: ${error.message.split('\n')[0]!.replace(/\.?$/, '.')}`,
      hint: 'Check indentation, and quote text that contains a colon followed by a space or starts with a special character.',
    };
  });
  return {
    data: problems.length ? undefined : doc.toJS(),
    problems,
    locate: (path) => toPosition(offsetOf(doc, path)),
  };
}

/**
 * Reads a Markdown article: frontmatter between `---` lines at the top, then the body. Windows
 * (CRLF) and old Mac (CR) line endings are read as line breaks, one each, so lines keep their
 * numbers; a byte-order mark is ignored.
 */
export function parseMarkdown(source: string, file: string): ParsedMarkdown {
  const lines = normalizeLineBreaks(source.replace(/^\uFEFF/, '')).split('\n');
  const opened = lines[0]?.trim() === '---';
  const closing = opened ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  if (closing < 0) return withoutFrontmatter(file, opened ? unclosed() : noFrontmatter(lines), opened ? lines.slice(1) : []);
  const storyAt = storyLine(lines, closing);
  if (storyAt >= 0) {
    // The story's text inside the frontmatter: the writer left out the closing line, and a `---`
    // further down (a horizontal rule) was taken for it.
    return withoutFrontmatter(file, unclosed(storyAt), lines.slice(1, storyAt));
  }
  const frontmatter = lines.slice(1, closing).join('\n');
  const yaml = parseYaml(frontmatter, file, 1);
  return { ...yaml, frontmatter, body: lines.slice(closing + 1).join('\n'), bodyLine: closing + 2 };
}

export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

type FrontmatterProblem = Pick<ContentProblem, 'line' | 'message' | 'expected' | 'found' | 'hint'>;

/** `fields`: the lines that were meant as frontmatter, kept so a broken draft is still known as one. */
function withoutFrontmatter(file: string, problem: FrontmatterProblem, fields: readonly string[]): ParsedMarkdown {
  return {
    data: undefined,
    frontmatter: fields.join('\n'),
    body: '',
    bodyLine: 1,
    locate: () => ({ line: 1, column: 1 }),
    problems: [{ severity: 'error', file, line: 1, column: 1, ...problem }],
  };
}

function noFrontmatter(lines: readonly string[]): FrontmatterProblem {
  return {
    message: 'The article has no frontmatter.',
    expected: 'a block between two "---" lines at the top of the file',
    found: lines[0]?.trim() ? `"${lines[0].trim().slice(0, 40)}" on the first line` : 'an empty first line',
    hint: 'Start the file with "---", the fields (title, summary, date…), then "---" and the story.',
  };
}

/** The frontmatter opened on line 1 is never closed; `storyAt`: index of the line where the story seems to start. */
function unclosed(storyAt?: number): FrontmatterProblem {
  return {
    line: 1,
    message: 'The frontmatter opened by "---" on line 1 is never closed.',
    expected: 'a line "---" after the last field, before the story',
    found: storyAt === undefined ? 'no closing "---" line' : `the story's text on line ${storyAt + 1} before any closing "---"`,
    hint: `Add a line "---" after the last field${storyAt === undefined ? '' : ` (before line ${storyAt + 1})`}.`,
  };
}

/**
 * Index of the first line inside the frontmatter block (before `closing`) that reads as prose
 * after a blank line, not as YAML: not a `field:` (one word), list item, indented line,
 * comment or flow collection; -1 when there is none.
 */
function storyLine(lines: readonly string[], closing: number): number {
  for (let i = 2; i < closing; i++) {
    const line = lines[i]!;
    if (lines[i - 1]!.trim() !== '' || line.trim() === '') continue;
    if (/^(\s|-(\s|$)|#|[[{\]}]|\.\.\.$)/.test(line) || /^(["']?)[\w-]+\1\s*:(\s|$)/.test(line)) continue;
    return i;
  }
  return -1;
}

/**
 * `locate` for YAML text that was already parsed and found valid: it keeps only the text and
 * parses it again on first use, so thousands of articles do not each hold a YAML document.
 */
export function locator(source: string, lineOffset: number): (path: FieldPath) => Position {
  let locate: ((path: FieldPath) => Position) | undefined;
  return (path) => (locate ??= parseYaml(source, '', lineOffset).locate)(path);
}

/** Offset of the key of the deepest field on `path` that exists in the document. */
function offsetOf(doc: Document, path: FieldPath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === step);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      node = node.items[step];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
