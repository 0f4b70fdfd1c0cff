/**
 * npm run build [-- --outDir DIR] [--verbose] [--full]
 *
 * `astro build` (pages, feeds, sitemaps and the search index), then `verify` on what it wrote:
 * what CI runs before publishing. When nothing the site is made from has changed since the
 * last build (content, code, settings), its output is untouched and no scheduled story has come
 * due, the build stops at once: the site in DIR is already what a build would write.
 *
 * When only the content changed (same code, settings and packages, DIR as the last build left
 * it), the publish engine renders the pages that changed with the pages the last `astro build`
 * compiled, without compiling anything (src/lib/build/publish-engine.ts): the same site, byte
 * for byte, in seconds. It leaves to `astro build` what only Astro can do (a new or replaced
 * photo, new old addresses to redirect) and says so; --full always runs `astro build`.
 *
 * The published site is replaced whole or not at all: the build writes into a staging folder
 * beside DIR, with a staging copy of the build cache, and swaps both in only once the new site is
 * verified (src/lib/build/staged-output.ts). A build that fails at any phase, or is killed at any
 * moment, leaves DIR and the cache as the last good build left them. One build at a time: a
 * second one exits at once, naming the first (src/lib/build/build-lock.ts).
 *
 * The log says what a desk needs: phases, counts, time, warnings and errors; Astro's line for
 * every page written shows with --verbose.
 *
 * Astro runs with a larger heap than Node gives by default (about 4 GiB on this kind of
 * machine), which 100,000 articles outgrow; nobody has to pass a Node flag by hand.
 *
 * One clock for the whole build: `--now 2025-08-05T12:00:00Z` (default: the time the build
 * starts) is what every page, feed and check takes as the present (src/lib/build/clock.ts).
 *
 * Beyond one machine (src/lib/build/shards.ts):
 *   npm run build -- --shard k/n --now T --outDir DIR   renders shard k of n of the pages into
 *       DIR, with a manifest for the merge; no search index and no verification, which need
 *       every page. Every shard of one site gets the same --now.
 *   npm run build -- --merge DIR1,DIR2,… --outDir DIR     merges the n shard outputs (hard links;
 *       a file two shards wrote must have the same bytes), writes the search index, verifies and
 *       publishes DIR like a whole build: the same site, byte for byte.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { acquireBuildLock, clockTime, describeHolder, type BuildLock } from '../src/lib/build/build-lock.ts';
import { BuildLogFilter } from '../src/lib/build/build-log.ts';
import { CLOCK_ENV, parseInstant } from '../src/lib/build/clock.ts';
import { mergeShardOutputs, readShardManifests } from '../src/lib/build/merge-shards.ts';
import { indexLanguage, recentIndexSince, SearchIndexer, writeSearchIndex } from '../src/lib/build/search-index.ts';
import { formatShard, parseShard, SHARD_ENV, type Shard } from '../src/lib/build/shards.ts';
import { resolveContentDir } from '../src/lib/content/content-root.ts';
import { buildCacheDir, forgetContentAssets } from '../src/lib/build/output-cache.ts';
import { ContentError, plural } from '../src/lib/content/problems.ts';
import { contentDigest, updateSnapshot } from '../src/lib/build/snapshot.ts';
import { forgetBundle, stampBundle } from '../src/lib/build/page-bundle.ts';
import { publishLayout, recoverInterrupted, removeInBackground, seedCache, swapIn } from '../src/lib/build/staged-output.ts';
import { inputsDigest, isUpToDate, outputListing, type BuildRecord } from '../src/lib/build/up-to-date.ts';

const HEAP_MIB = 12_288;
/** Pages not validated by earlier runs that a publish by the engine validates besides its own. */
const ENGINE_HTML_BACKLOG = 100;
const RECORD_FILE = 'last-build.json';

const { values } = parseArgs({
  options: {
    outDir: { type: 'string', default: 'dist' },
    verbose: { type: 'boolean', default: false },
    now: { type: 'string' },
    shard: { type: 'string' },
    merge: { type: 'string' },
    full: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(values.outDir);
/** The shard this build renders, or undefined for a whole site or a merge. */
let shard: Shard | undefined;
/** The shard outputs this build merges, or undefined when it renders. */
let shardDirs: string[] | undefined;
let clock: Date;
try {
  if (values.shard && values.merge) throw new Error('--shard and --merge: a build renders one shard or merges them all, not both.');
  shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && !values.now) {
    throw new Error('--shard needs --now: the shards of one site and their merge read one clock, e.g. --now "$(date -u +%Y-%m-%dT%H:%M:%SZ)".');
  }
  shardDirs = values.merge
    ?.split(',')
    .filter(Boolean)
    .map((dir) => path.resolve(dir));
  if (shardDirs?.length === 0) throw new Error('--merge: expected the shard outputs, separated by commas.');
  clock = values.now === undefined ? new Date() : parseInstant(values.now, '--now');
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const layout = publishLayout(outDir, buildCacheDir(root));
const shown = (dir: string) => path.relative(process.cwd(), dir) || dir;
const started = performance.now();
const elapsed = (digits = 1) => `${((performance.now() - started) / 1000).toFixed(digits)}s`;

// The output's lock first, then the cache's: the cache can be shared by several output folders.
// A merge also holds the shard outputs it reads, so no build replaces one meanwhile.
const locks: BuildLock[] = [];
for (const file of [layout.outLock, layout.cacheLock, ...(shardDirs ?? []).map((dir) => `${dir}.lock`)]) {
  const attempt = acquireBuildLock(file);
  if (!attempt.acquired) {
    console.error(`Not building ${shown(outDir)}: ${describeHolder(attempt.holder)} (lock ${shown(file)}).`);
    locks.forEach((lock) => lock.release());
    process.exit(1);
  }
  if (attempt.tookOverFrom) {
    const { pid, started: since } = attempt.tookOverFrom;
    console.log(`Taking over ${shown(file)} from a build (PID ${pid}, since ${clockTime(since)}) that is no longer running.`);
  }
  locks.push(attempt.lock);
}

let child: ReturnType<typeof spawn> | undefined;
/** What the build is doing, for the message when it fails. */
let phase = 'setup';
/** Removes this build's staging folders and releases its locks; the published site is untouched. */
function abandon(): void {
  child?.kill('SIGKILL');
  recoverInterrupted(layout.outDir);
  recoverInterrupted(layout.cacheDir);
  locks.forEach((lock) => lock.release());
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    console.error(`\nBuild stopped (${signal}); ${shown(outDir)} is unchanged.`);
    abandon();
    process.exit(code);
  });
}
// Anything unforeseen (a full disk while seeding the cache, a failed rename): publish nothing.
process.on('uncaughtException', (error) => {
  console.error(error);
  fail(phase, 1);
});
function fail(phase: string, status: number): never {
  console.error(`\nBuild failed during ${phase} after ${elapsed()}: nothing was published, ${shown(outDir)} is unchanged.`);
  abandon();
  process.exit(status);
}

for (const action of [...recoverInterrupted(layout.outDir), ...recoverInterrupted(layout.cacheDir)]) console.log(action);

/** The pages of the merged site, in the order the search index takes them. */
let mergedPages: string[] = [];
/** Files of the shard outputs that are not part of the merged site. */
let leftOut = new Set<string>();
if (shardDirs) {
  try {
    const manifests = readShardManifests(shardDirs.map(shown));
    if (values.now !== undefined && Date.parse(manifests.now) !== clock.getTime()) {
      throw new Error(`--now ${values.now}: the shards were built at ${manifests.now}.`);
    }
    clock = new Date(manifests.now);
    mergedPages = manifests.pages;
    leftOut = manifests.leftOut;
  } catch (error) {
    console.error(`Not merging: ${(error as Error).message}`);
    locks.forEach((lock) => lock.release());
    process.exit(1);
  }
}

/**
 * Everything the site is made from, besides the installed packages (the lockfile stands for them):
 * the code and settings, and the content, whose digest the content snapshot keeps file by file
 * (only files whose size or time changed since the last build are read).
 */
const contentDir = resolveContentDir();
const sources = ['src', 'public', 'astro.config.mjs', 'package-lock.json', '.htmlvalidate.json', 'tsconfig.json', 'scripts/build.ts', 'scripts/verify.ts'].map(
  (file) => path.join(root, file),
);
const settings = { SITE_URL: process.env.SITE_URL, SITE_BASE: process.env.SITE_BASE, outDir, node: process.version, contentDir };
// A shard or a merge is one step of a larger build, which a record of its own would not describe.
const whole = !shard && !shardDirs;
// The code and settings apart: a publish of content alone with the same code can use the pages
// the last build compiled (src/lib/build/publish-engine.ts).
const code = whole ? inputsDigest(sources, settings) : '';
// A clock given with --now is an input: the same content at another time is another site. The
// compiled pages read the clock when they render, so it is not part of `code`.
const inputs = whole ? inputsDigest([], { code, now: values.now, content: contentDigest({ contentDir, cacheDir: layout.cacheDir }) }) : '';
const previous: BuildRecord | undefined = await readFile(path.join(layout.cacheDir, RECORD_FILE), 'utf8').then(JSON.parse, () => undefined);
const publishedListing = whole ? outputListing(outDir) : '';
if (whole && isUpToDate(previous, { inputs, output: publishedListing }, clock)) {
  console.log(`Nothing to build: content, code and settings are as at the last build, and ${shown(outDir)} is as it left it (checked in ${elapsed(2)}).`);
  locks.forEach((lock) => lock.release());
  process.exit(0);
}

const what = shard ? `shard ${formatShard(shard)} of the site` : shardDirs ? `the site from ${shardDirs.length} shards` : 'the site';
console.log(
  `Building ${what} in ${shown(layout.outStaging)} (clock ${clock.toISOString()}); ${shown(outDir)} stays as it is until the new ${shard ? 'shard' : 'site is verified'}.`,
);
/**
 * Why the publish engine cannot publish this build (src/lib/build/publish-engine.ts), as far as
 * can be told before the content is read; undefined when it may.
 */
const engineRefusal = !whole
  ? 'a shard or a merge'
  : values.full
    ? '--full'
    : !previous?.code
      ? 'no earlier build to start from'
      : previous.code !== code
        ? 'the code, the settings or the installed packages changed since the last build'
        : previous.output !== publishedListing
          ? `${shown(outDir)} was changed since the last build`
          : undefined;
// The engine writes only new files, so its staging cache can be the published one in hard links;
// `astro build` rewrites files of its cache in place, and gets a copy (staged-output.ts).
let linkedCache = engineRefusal === undefined;
await seedCache(layout.cacheDir, layout.cacheStaging, { linked: linkedCache, spare: layout.cacheSpare });
// A shard only when asked with --shard, whatever the calling environment says.
const environment = { ...process.env };
delete environment[SHARD_ENV];
const stagedEnv = {
  ...environment,
  ASTRO_CACHE_DIR: layout.cacheStaging,
  [CLOCK_ENV]: clock.toISOString(),
  ...(shard ? { [SHARD_ENV]: formatShard(shard) } : {}),
};

// Loaded only now: the settings and the site model take longer to load than the check above.
const { siteConfig } = await import('../src/site.config.ts');
const { nextTimedChange } = await import('../src/lib/build/timed-change.ts');
const { publishedRedirects } = await import('../src/lib/site/redirects.ts');
const { redirectsFile } = await import('../src/integrations/redirects.ts');

// The content snapshot, updated once, first: the content loader, the sitemap, the redirects and
// the verification of this build find it up to date.
phase = 'the reading of the content';
const snapshotStarted = performance.now();
const snapshot = await updateSnapshot({ contentDir, site: siteConfig, cacheDir: layout.cacheStaging });
const content = snapshot.content();
const snapshotSeconds = ((performance.now() - snapshotStarted) / 1000).toFixed(2);
console.log(`Content: ${plural(content.articles.length, 'article')}, ${plural(snapshot.parsed, 'changed file')} parsed (${snapshotSeconds}s).`);
// At the build's clock, which the pages read too.
const validUntil =
  nextTimedChange(
    content.articles.map(({ fields }) => fields),
    clock,
    siteConfig.front,
  )?.toISOString() ?? null;
// Where the recent stories' search index starts (src/lib/build/search-index.ts), from what is published.
const recentSince = recentIndexSince(
  content.articles.map(({ fields }) => fields),
  clock,
);
phase = 'setup';

/**
 * Runs a Node script with the staging cache, passing its output through `filter`; resolves to its
 * exit status. `onLine` sees every line (shown or not), to follow the build's phases.
 */
function run(args: string[], filter: BuildLogFilter, onLine: (line: string) => void = () => {}): Promise<number> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { env: stagedEnv, stdio: ['inherit', 'pipe', 'pipe'] });
    child = proc;
    if (proc.pid) locks.forEach((lock) => lock.addChild(proc.pid!));
    for (const [stream, sink] of [
      [proc.stdout, process.stdout],
      [proc.stderr, process.stderr],
    ] as const) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        onLine(line);
        if (filter.keep(line)) sink.write(`${line}\n`);
      });
    }
    proc.on('close', (status, signal) => {
      child = undefined;
      resolve(status ?? (signal ? 128 : 1));
    });
  });
}

const log = new BuildLogFilter(values.verbose);
/** How many files the publish engine rendered, when it published. */
let engineRendered: number | undefined;
if (shardDirs) await merge(shardDirs);
else if (!(whole && (await publishContentOnly()))) await render();

if (shard) {
  // A shard is not verified: its links lead into the other shards. The merge verifies the site.
  publish(`Shard ${formatShard(shard)} in ${shown(outDir)}`);
  process.exit(0);
}

phase = 'verification';
console.log(`Verifying ${shown(layout.outStaging)}`);
// After the engine, the pages it rendered are validated and only a few of those earlier runs left
// (a full build leaves most of its pages to the publishes that follow): a publish stays quick.
const htmlBudget = engineRendered === undefined ? [] : ['--html-pages', String(engineRendered + ENGINE_HTML_BACKLOG)];
// The larger heap too: verification reads the content snapshot whole, which at 100,000 articles
// outgrows the default heap.
const verifyStatus = await run(
  [`--max-old-space-size=${HEAP_MIB}`, path.join(root, 'scripts/verify.ts'), '--dist', layout.outStaging, ...htmlBudget],
  new BuildLogFilter(true),
);
if (verifyStatus !== 0) fail(phase, verifyStatus);

// The record goes with the cache it describes; renaming the staging folder keeps every file's
// path, size and modification time, so its listing is the published output's.
if (whole) {
  const record: BuildRecord = { inputs, code, output: outputListing(layout.outStaging), validUntil };
  // A new file: the staging cache may be the published one in hard links.
  await rm(path.join(layout.cacheStaging, RECORD_FILE), { force: true });
  await writeFile(path.join(layout.cacheStaging, RECORD_FILE), JSON.stringify(record, null, 2));
}
publish(`Published ${shown(outDir)}`);

/**
 * A publish of content alone, when the code, the settings and the published output are as the
 * last build left them: the engine renders the pages that changed with the pages the last build
 * compiled, then the sitemaps and the search index are written. False, having written nothing to
 * publish, when the engine leaves it to `astro build` (it says why).
 */
async function publishContentOnly(): Promise<boolean> {
  if (engineRefusal) {
    console.log(`Rendering with astro build: ${engineRefusal}.`);
    return false;
  }
  phase = 'the publish engine';
  const aliases = publishedRedirects(
    content.articles.map(({ fields }) => fields),
    clock,
  );
  const redirects = await redirectsFile(path.join(root, 'public'), aliases, siteConfig.base);
  if (redirects !== (await readFile(path.join(outDir, '_redirects'), 'utf8').catch(() => undefined))) {
    console.log('Rendering with astro build: the old addresses that redirect to stories changed.');
    return false;
  }
  // The engine renders in this process: the pages read the clock and the shard from here.
  process.env[CLOCK_ENV] = clock.toISOString();
  delete process.env[SHARD_ENV];
  const { publishWithEngine } = await import('../src/lib/build/publish-engine.ts');
  const outcome = await publishWithEngine({
    root,
    outDir,
    staging: layout.outStaging,
    spare: layout.outSpare,
    cacheDir: layout.cacheStaging,
    key: code,
    content,
    loader: { contentDir, site: siteConfig },
    site: siteConfig,
    log: (line) => console.log(line),
  }).catch((error: Error) => {
    console.error(error.message);
    return fail(error instanceof ContentError ? 'the reading of the content' : phase, 1);
  });
  if (!outcome.published) {
    console.log(`Rendering with astro build: ${outcome.reason}.`);
    return false;
  }
  console.log(
    `Pages and feeds: ${plural(outcome.rendered.length, 'file')} rendered by the publish engine, ${outcome.kept} kept from the previous build, ${outcome.removed} removed, ${elapsed()} so far.`,
  );
  console.log(`Publish engine: ${outcome.phases.map(([name, seconds]) => `${name} ${seconds.toFixed(2)}s`).join(', ')}.`);
  if (values.verbose) for (const { pathname } of outcome.rendered) console.log(`  ${pathname}`);
  engineRendered = outcome.rendered.length;

  phase = 'the sitemaps';
  await writeSitemaps(outcome.pages);
  await indexStaging(outcome.pages);
  return true;
}

/**
 * The search indexes of the staging output, from its pages read from disk in the order of
 * `pages`: digested first, so Pagefind indexes only the index (recent or archive) whose pages
 * changed. After the publish engine and the merge of shards, which hand Pagefind no page as it renders.
 */
async function indexStaging(pages: readonly string[]): Promise<void> {
  phase = 'the search index';
  const started = performance.now();
  const language = indexLanguage(siteConfig.lang);
  // Made whole again (or put back from the cache): none of the published index's files may stay.
  rmSync(path.join(layout.outStaging, 'pagefind'), { recursive: true, force: true });
  const indexer = new SearchIndexer(language, layout.outStaging, { recentSince, deferred: true });
  indexer.setPages(pages);
  const { generated, reused, read, kept } = await writeSearchIndex(indexer, {
    language,
    site: layout.outStaging,
    cacheDir: path.join(layout.cacheStaging, 'search-index'),
    lockfile: path.join(root, 'package-lock.json'),
  }).catch((error: Error) => {
    console.error(error.message);
    return fail(phase, 1);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Search index written in ${seconds}s (${searchSummary(generated, reused, read, kept)}).`);
}

/** The sitemaps of the staging output, as the sitemap integration writes them after `astro build`. */
async function writeSitemaps(pages: readonly string[]): Promise<void> {
  const { siteSitemap } = await import('../src/integrations/sitemap.ts');
  const integration = siteSitemap({ site: siteConfig, contentDir, cacheDir: layout.cacheStaging, shard: undefined, sitePages: () => pages });
  // Written anew, never through the published site's files, to which the staging output links.
  for (const file of readdirSync(layout.outStaging)) if (/^sitemap-.*\.xml$/.test(file)) rmSync(path.join(layout.outStaging, file));
  const hooks = integration.hooks as Record<string, ((params: unknown) => Promise<void> | void) | undefined>;
  const logger = { info: () => {}, warn: (line: string) => console.warn(line), error: (line: string) => console.error(line) };
  await hooks['astro:routes:resolved']?.({ routes: [] });
  await hooks['astro:config:done']?.({
    config: { site: siteConfig.url, base: siteConfig.base, trailingSlash: 'always', build: { format: 'directory' } },
    logger,
  });
  // As Astro names the pages it built: no leading slash, a trailing one.
  const built = pages.map((pathname) => ({ pathname: pathname.replace(/\/?$/, '/').replace(/^\//, '') }));
  await hooks['astro:build:done']?.({ dir: pathToFileURL(`${layout.outStaging}/`), pages: built, logger });
}

/** `astro build` into the staging folder: the whole site, or one shard of it. */
async function render(): Promise<void> {
  forgetContentAssets(root);
  if (linkedCache) {
    // A copy in place of the links: Astro writes into its cache's files.
    await seedCache(layout.cacheDir, layout.cacheStaging);
    linkedCache = false;
  }
  // The pages this build compiles replace those kept; they serve the engine once the build succeeds.
  forgetBundle(layout.cacheStaging);
  const astroStatus = await run(
    [`--max-old-space-size=${HEAP_MIB}`, path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, '--outDir', layout.outStaging],
    log,
    (line) => {
      if (line.includes('[content]')) phase = 'the content sync';
      else if (line.includes('Building static entrypoints')) phase = 'the bundling of the pages';
      else if (line.includes('generating static routes')) phase = 'the writing of the pages';
      else if (line.includes('[@astrojs/sitemap]')) phase = 'the search index';
    },
  );
  if (astroStatus !== 0) fail(phase, astroStatus);
  if (whole) stampBundle(layout.cacheStaging, code);
  const { rendered, copied } = log.pages;
  console.log(
    `Pages and feeds: ${plural(rendered + copied, 'file')} written (${rendered} rendered, ${copied} copied from the previous build), ${elapsed()} so far.`,
  );
  const { made, reused } = log.images;
  if (made + reused) console.log(`Photos: ${plural(made + reused, 'size')} written (${made} made, ${reused} reused from the cache).`);
}

/**
 * The shard outputs put together in the staging folder, and the search index of every page,
 * handed to Pagefind in the order the shards recorded: the index a whole build writes.
 */
async function merge(dirs: string[]): Promise<void> {
  phase = 'the merge of the shards';
  await mkdir(layout.outStaging, { recursive: true });
  try {
    const { files, shared } = mergeShardOutputs(dirs, layout.outStaging, leftOut);
    console.log(`Merged ${plural(dirs.length, 'shard')}: ${plural(files, 'file')} (${shared} written by several shards alike), ${elapsed()} so far.`);
  } catch (error) {
    console.error((error as Error).message);
    fail(phase, 1);
  }
  await indexStaging(mergedPages);
}

/**
 * What the search index step did: which of the indexes it made and which it reused, and from how
 * many articles, `read` of them from disk and `kept` from the last build's records (their files unchanged).
 */
function searchSummary(generated: readonly string[], reused: readonly string[], read: number, kept: number): string {
  const names = (buckets: readonly string[]) => buckets.map((bucket) => (bucket === 'recent' ? 'the recent stories’' : 'the archive’s')).join(' and ');
  const parts = [
    ...(generated.length ? [`${names(generated)} index${generated.length > 1 ? 'es' : ''} made`] : []),
    ...(reused.length ? [`${names(reused)} reused, no indexed page of ${reused.length > 1 ? 'theirs' : 'its'} having changed`] : []),
  ];
  return `${plural(read + kept, 'article')}, ${read} read anew; ${parts.join(', ')}`;
}

/** Swaps the staging output and cache in, releases the locks and says so. */
function publish(what: string): void {
  phase = 'publishing';
  // Output first: if a kill comes between the two swaps, the older cache's record does not match
  // the new output, so the next build builds (from that cache, which is whole) rather than skip.
  const unneeded = [
    ...swapIn(layout.outStaging, layout.outDir, layout.outAside, layout.outSpare),
    ...swapIn(layout.cacheStaging, layout.cacheDir, layout.cacheAside, layout.cacheSpare),
  ];
  // The build is over once the new site is in place: what it no longer needs goes in the background.
  removeInBackground(unneeded);
  locks.forEach((lock) => lock.release());
  const { rendered, copied } = log.pages;
  const made = shardDirs
    ? 'merged'
    : engineRendered === undefined
      ? `${plural(rendered + copied, 'file')} from Astro`
      : `${plural(engineRendered, 'file')} rendered by the publish engine`;
  const checked = shard ? 'not verified until merged' : 'verified, replacing the previous site whole';
  console.log(`${what} in ${elapsed()}: ${made}, ${checked}.`);
}
