/**
 * What publishing removes from an article body's HTML, as content-check warnings: the same
 * parsing and the same policy as the Markdown pipeline (`story-html.ts`, `sanitize-policy.ts`),
 * run only on bodies that hold raw HTML or a link the policy refuses, so checking thousands of
 * plain Markdown stories costs nothing.
 */
import type { Root } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { BodyReference } from './body-links.ts';
import type { ContentProblem } from './problems.ts';
import { storySchema } from '../markdown/sanitize-policy.ts';
import { htmlFindings, remarkRehypeOptions, type HtmlFinding } from '../markdown/story-html.ts';

const toHast = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true, ...remarkRehypeOptions });

/** A tag, comment or declaration: where raw HTML starts. */
const RAW_HTML = /<[a-z!/?]/i;

/** Whether the policy refuses an address (only http(s), mailto and relative ones pass). */
function refusedAddress(ref: BodyReference): boolean {
  const scheme = /^([^:/?#]*):/.exec(ref.url)?.[1];
  const allowed = storySchema.protocols?.[ref.kind === 'image' ? 'src' : 'href'] ?? [];
  return scheme !== undefined && !allowed.includes(scheme);
}

/**
 * One warning per kind of removal in `body` (whose first line is line `bodyLine` of `file`),
 * naming every line it happens on. `references` are the body's links and images.
 */
export function bodyHtmlProblems(file: string, body: string, bodyLine: number, references: readonly BodyReference[]): ContentProblem[] {
  if (!RAW_HTML.test(body) && !references.some(refusedAddress)) return [];
  const source = new VFile(body);
  const tree = toHast.runSync(toHast.parse(source), source) as Root;
  const byKey = new Map<string, { first: HtmlFinding; lines: number[]; names: string[] }>();
  for (const finding of htmlFindings(tree, source)) {
    const line = finding.line + bodyLine - 1;
    const group = byKey.get(finding.key) ?? byKey.set(finding.key, { first: { ...finding, line }, lines: [], names: [] }).get(finding.key)!;
    if (!group.lines.includes(line)) group.lines.push(line);
    if (finding.name && !group.names.includes(finding.name)) group.names.push(finding.name);
  }
  return [...byKey.values()].map(({ first, lines, names }) => ({
    severity: 'warning',
    file,
    line: first.line,
    column: first.column,
    message: first.message.replace('{where}', whereText(lines)).replace('{names}', names.join(', ')),
    hint: first.hint,
  }));
}

/** "on line 12", "on lines 12, 15 and 18", "on lines 12, 15, 18 and 9 more". */
function whereText(lines: number[]): string {
  if (lines.length === 1) return `on line ${lines[0]}`;
  if (lines.length <= 4) return `on lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
  return `on lines ${lines.slice(0, 3).join(', ')} and ${lines.length - 3} more`;
}
