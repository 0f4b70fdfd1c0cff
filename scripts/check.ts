/**
 * npm run check [paths...] [--format=text|github|json]
 *
 * Checks the content directory (CONTENT_DIR, else content/) without building the site and
 * prints every problem as `file:line:column  severity  message`. With paths, only problems in
 * those files or folders are shown (the whole newsroom is still read, since links and names
 * depend on other articles). Exits 1 when there is an error, 0 otherwise.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../src/lib/content/content-check.ts';
import { resolveContentDir } from '../src/lib/content/content-root.ts';
import { formatProblem, plural, type ContentProblem } from '../src/lib/content/problems.ts';
import { siteConfig } from '../src/site.config.ts';

const FORMATS = ['text', 'github', 'json'];
const { values, positionals: args } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'text' } },
});
// `npm run check --format=github` (without `--`) reaches the script as a bare `github`: npm takes
// the flag for its own and passes on the value. A bare format name that is not a path is the format.
const bareFormat = args.find((arg) => FORMATS.includes(arg) && !existsSync(arg));
const format = bareFormat ?? values.format;
const positionals = args.filter((arg) => arg !== bareFormat);
if (!FORMATS.includes(format)) {
  console.error(`Unknown --format=${format}: expected text, github or json.`);
  process.exit(2);
}
const missing = positionals.filter((arg) => !existsSync(arg));
if (missing.length) {
  console.error(`No such file or folder: ${missing.join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const contentDir = resolveContentDir();
const all = await checkContent(contentDir, { site: siteConfig, publicDir: path.resolve('public'), now: new Date() });
const wanted = positionals.map((p) => path.resolve(p));
const problems = (
  wanted.length ? all.filter((p) => wanted.some((w) => path.resolve(p.file) === w || path.resolve(p.file).startsWith(`${w}${path.sep}`))) : all
).sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
const errors = problems.filter((p) => p.severity === 'error').length;
const seconds = ((performance.now() - started) / 1000).toFixed(2);

if (format === 'json') {
  console.log(JSON.stringify({ errors, warnings: problems.length - errors, problems }, null, 2));
} else if (format === 'github') {
  for (const problem of problems) console.log(annotation(problem));
} else {
  for (const problem of problems) console.log(formatProblem(problem));
  const counts = `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
  console.log(`${problems.length ? '\n' : ''}Checked ${path.relative(process.cwd(), contentDir) || contentDir} in ${seconds}s: ${counts}.`);
}
process.exit(errors ? 1 : 0);

/** A GitHub Actions workflow command, so the problem shows on the pull request's line. */
function annotation(problem: ContentProblem): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const text = formatProblem(problem).split('  ').slice(2).join('  ');
  const where = `file=${property(problem.file)},line=${problem.line ?? 1},col=${problem.column ?? 1}`;
  return `::${problem.severity} ${where},title=${property(problem.field ?? 'content')}::${escapeData(text)}`;
}
