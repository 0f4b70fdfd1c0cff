/**
 * npm run verify [-- --dist dist] [--html-pages N|all]
 *
 * Verifies a built site before it is published (also the last step of `npm run build`): titles
 * and canonical URLs, internal links, no draft or scheduled article, well-formed feeds and
 * sitemaps on every page, and valid HTML (html-validate) on every page that changed since the
 * last verification, at most --html-pages of them a run (default 600, about 3 s), sampled across
 * every kind of page; the rest are validated by the runs that follow. Prints each problem with
 * its page and exits 1 if there is any.
 *
 * A page or feed whose bytes are unchanged since a verification that passed keeps its results;
 * its links are checked again against the site as it is (`src/lib/verify/verification-cache.ts`,
 * kept in the build cache folder, and written only when a verification passes). The drafts and
 * scheduled stories come from the content snapshot in that folder (`src/lib/build/snapshot.ts`),
 * which in `npm run build` is up to date, so no file is parsed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildTime } from '../src/lib/build/clock.ts';
import { resolveContentDir } from '../src/lib/content/content-root.ts';
import { buildCacheDir } from '../src/lib/build/output-cache.ts';
import { plural } from '../src/lib/content/problems.ts';
import { updateSnapshot } from '../src/lib/build/snapshot.ts';
import { isPublished } from '../src/lib/model/indexes.ts';
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

const root = path.resolve(import.meta.dirname, '..');
const cacheDir = buildCacheDir(root);
const now = buildTime();
const snapshot = await updateSnapshot({ contentDir: resolveContentDir(), site: siteConfig, cacheDir });
const unpublished = snapshot
  .content()
  .articles.filter(({ fields }) => !isPublished(fields, now))
  .map(({ fields }) => fields.path);
const htmlValidate = JSON.parse(readFileSync(path.join(root, '.htmlvalidate.json'), 'utf8'));

const cacheFile = path.join(cacheDir, 'verification.json');
const { problems, html, files } = await verifySite({ dist, base: siteConfig.base, unpublished, htmlValidate, cacheFile, htmlBudget });
const seconds = ((performance.now() - started) / 1000).toFixed(2);
for (const problem of problems) console.error(`${problem.page}  ${problem.message}`);
if (problems.length) {
  console.error(`\nVerification failed: ${plural(problems.length, 'problem')} in ${path.relative(process.cwd(), dist) || dist}. Nothing should be published.`);
  process.exit(1);
}
if (files.unchanged) {
  console.log(
    `Pages and feeds changed since the last verification: ${files.checked}, checked; unchanged: ${files.unchanged}, their results kept and their links checked again.`,
  );
}
const deferred = html.deferred ? ` (${plural(html.deferred, 'page')} left for the next runs)` : '';
console.log(`Verified ${path.relative(process.cwd(), dist) || dist} in ${seconds}s: no problems; valid HTML on ${plural(html.validated, 'page')}${deferred}.`);
