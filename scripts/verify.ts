/**
 * npm run verify [-- --dist dist] [--html-pages N|all]
 *
 * Verifies a built site before it is published (also the last step of `npm run build`): titles
 * and canonical URLs, internal links, no draft or scheduled article, well-formed feeds and
 * sitemaps on every page, and valid HTML (html-validate) on every page that changed since the
 * last verification, at most --html-pages of them a run (default 600, about 3 s), sampled across
 * every kind of page; the rest are validated by the runs that follow. Prints each problem with
 * its page and exits 1 if there is any.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isPublished } from '../src/lib/model/indexes.ts';
import { buildCacheDir } from '../src/lib/build/output-cache.ts';
import { plural } from '../src/lib/content/problems.ts';
import { resolveContentDir, updateSnapshot } from '../src/lib/build/snapshot.ts';
import { verifySite } from '../src/lib/verify/verify.ts';
import { siteConfig } from '../src/site.config.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, 'html-pages': { type: 'string', default: '600' } },
});
const htmlBudget = values['html-pages'] === 'all' ? Infinity : Number(values['html-pages']);
if (!(htmlBudget >= 0)) {
  console.error(`--html-pages: expected a number of pages or "all"; found "${values['html-pages']}".`);
  process.exit(2);
}
const dist = path.resolve(values.dist);
const started = performance.now();

const now = new Date();
const root = path.resolve(import.meta.dirname, '..');
// In `npm run build`, the content snapshot its content loader brought up to date (nothing is parsed).
const snapshot = await updateSnapshot({ contentDir: resolveContentDir(), site: siteConfig, cacheDir: buildCacheDir(root) });
const unpublished = snapshot
  .content()
  .articles.filter(({ fields }) => !isPublished(fields, now))
  .map(({ fields }) => fields.path);
const htmlValidate = JSON.parse(readFileSync(path.join(root, '.htmlvalidate.json'), 'utf8'));

const cacheFile = path.join(buildCacheDir(root), 'html-validate.json');
const { problems, html } = await verifySite({ dist, base: siteConfig.base, unpublished, htmlValidate, cacheFile, htmlBudget });
const seconds = ((performance.now() - started) / 1000).toFixed(2);
for (const problem of problems) console.error(`${problem.page}  ${problem.message}`);
if (problems.length) {
  console.error(`\nVerification failed: ${plural(problems.length, 'problem')} in ${path.relative(process.cwd(), dist) || dist}. Nothing should be published.`);
  process.exit(1);
}
const deferred = html.deferred ? ` (${plural(html.deferred, 'page')} left for the next runs)` : '';
console.log(`Verified ${path.relative(process.cwd(), dist) || dist} in ${seconds}s: no problems; valid HTML on ${plural(html.validated, 'page')}${deferred}.`);
