/**
 * npm run bench -- [--sizes 1000,10000] [--rounds 3] [--warm-up 1] [--content DIR] [--peers] [--shards N [--shards-only]] [--work DIR] [--tsv FILE]
 * npm run bench -- --generate DIR N [--seed S]
 *
 * Measures the site build as CI runs it (`astro build` then `verify`), from a clean state and
 * again after no change, after editing the body of the newest article, after editing the body of
 * the oldest one and after adding one article, dated after the newest, that names an existing
 * organization (a desk's usual publishes; the oldest story's edit shows what an archive fix
 * costs): --warm-up rounds (default 1; 0 for a single long run such as
 * 100,000 articles), then --rounds counted rounds. Wall time,
 * CPU and the peak RSS of the largest process come from GNU time (`/usr/bin/time -f`), the
 * phases (content, pages, search index, verification) from the build's own log. Prints Markdown
 * tables of medians (min–max) and writes every measurement to a TSV.
 *
 * With --peers, the corpus is made by ../shared/peers/gen-corpus.mjs (contract flavor, and the
 * hugo and eleventy flavors of the same seed), and Hugo + Pagefind and Eleventy + Pagefind build
 * it in the same rounds, alternating with this site, so ratios are taken round by round.
 *
 * With --shards N, each round also builds the site as the sharded workflow does
 * (.github/workflows/publish-sharded.yml), from nothing: shard 1 to N of N (`--shard k/N`), one
 * after the other, each into its own output with its own cache, then the merge (`--merge`: the
 * shards put together, the search index, verification). On CI the shards run side by side on
 * runners of their own, so the critical path is the slowest shard plus the merge. --shards-only
 * builds the sharded workflow alone (at 100,000 articles the one-machine builds take half an hour).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMarkdown } from '../src/lib/content/frontmatter.ts';
import { parseContentDate } from '../src/lib/model/dates.ts';
import { siteConfig } from '../src/site.config.ts';
import { generateCorpus } from './generate-corpus.ts';
import { median } from './lib/stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    generate: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
    sizes: { type: 'string', default: '1000,10000' },
    rounds: { type: 'string', default: '3' },
    'warm-up': { type: 'string', default: '1' },
    content: { type: 'string' },
    peers: { type: 'boolean', default: false },
    work: { type: 'string', default: '/tmp/newsroom-bench' },
    tsv: { type: 'string', default: 'bench-results.tsv' },
    shards: { type: 'string', default: '0' },
    'shards-only': { type: 'boolean', default: false },
  },
});

const root = path.resolve(import.meta.dirname, '..');
const build = path.join(root, 'scripts/build.ts');
const pagefind = path.join(root, 'node_modules/.bin/pagefind');
const peersDir = path.resolve(root, '../shared/peers');
const TIME = '/usr/bin/time';

if (values.generate) {
  const [dir, count] = positionals;
  if (!dir || !Number.isInteger(Number(count))) fail('usage: npm run bench -- --generate DIR N [--seed S]');
  const made = generateCorpus(path.resolve(dir), Number(count), Number(values.seed));
  console.log(`Wrote ${made.articles} articles to ${dir}`);
  process.exit(0);
}
if (!existsSync(TIME)) fail('GNU time is needed for CPU and peak memory figures: apt-get install time');

/** The builds of a round, in the order they run. */
const KINDS = ['full', 'no-change', 'edit-newest', 'edit-oldest', 'add-one'] as const;
/** The steps of a sharded build (--shards). */
const SHARDED = ['shard', 'merge'] as const;

interface Run {
  kind: (typeof KINDS)[number] | (typeof SHARDED)[number];
  tool: string;
  round: number;
  wall: number;
  cpu: number;
  rssMiB: number;
  phases: Record<string, number>;
  /** Which renderer made the pages: `astro build`, the publish engine, or none (nothing to build). */
  renderer?: 'astro' | 'engine' | 'none';
}

const rounds = Number(values.rounds);
const shardCount = Number(values.shards);
if (!Number.isInteger(shardCount) || shardCount < 0) fail(`--shards ${values.shards}: expected a whole number of shards.`);
if (values['shards-only'] && !shardCount) fail('--shards-only needs --shards N.');
const warmUps = Number(values['warm-up']);
const sizes = values.content ? [0] : values.sizes.split(',').map(Number);
const tsv = path.resolve(values.tsv);
writeFileSync(tsv, 'n\tkind\ttool\tround\twall_s\tcpu_s\tpeak_rss_mib\tphases\n');
console.log(
  `# ${new Date().toISOString()} | node ${process.version} | ${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1]} | ${execFileSync('nproc').toString().trim()} cores | ${Math.round(Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s*(\d+)/)?.[1]) / 1048576)} GiB`,
);

for (const size of sizes) {
  const work = path.join(path.resolve(values.work), `n${size || 'content'}`);
  const content = values.content ? path.resolve(values.content) : path.join(work, 'content');
  if (!values.content) prepareCorpus(size, content, work);
  const n = countArticles(content);
  const out = path.join(work, 'dist');
  const cache = path.join(work, 'cache');
  const runs: Run[] = [];
  const { oldest, newest } = datedEnds(content);
  console.error(`## ${n} articles in ${content}`);

  for (let round = 1 - warmUps; round <= rounds; round++) {
    console.error(`## round ${round}/${rounds}${round < 1 ? ' (warm-up, not counted)' : ''}`);
    // From nothing: no output, no cache, and no spare of either (staged-output.ts), so the first
    // publish after the full build links its staging copy anew, as on a CI runner that restores
    // only the output and the cache; the publishes after it start from the spare it leaves.
    for (const dir of [out, cache]) for (const suffix of ['', '.spare']) rmSync(`${dir}${suffix}`, { recursive: true, force: true });
    const record = (run: Run) => {
      if (round < 1) return;
      runs.push(run);
      appendFileSync(tsv, `${[n, run.kind, run.tool, run.round, run.wall, run.cpu, run.rssMiB, JSON.stringify(run.phases)].join('\t')}\n`);
    };
    if (values['shards-only']) {
      for (const run of buildShards(round, content, work)) record(run);
      continue;
    }
    record(buildSite('full', round, content, out, cache));
    record(buildSite('no-change', round, content, out, cache));
    const editedNewest = editArticle(newest.file, round);
    record(buildSite('edit-newest', round, content, out, cache));
    const editedOldest = editArticle(oldest.file, round);
    record(buildSite('edit-oldest', round, content, out, cache));
    const added = addOneArticle(content, round, new Date(newest.date.getTime() + 60_000));
    record(buildSite('add-one', round, content, out, cache));
    for (const { file, original } of [editedNewest, editedOldest]) writeFileSync(file, original);
    rmSync(added);
    if (shardCount) for (const run of buildShards(round, content, work)) record(run);
    if (values.peers) for (const run of buildPeers(work, round)) record(run);
  }

  report(n, runs, values['shards-only'] ? path.join(work, 'merged') : out);
}
console.log(`\nEvery measurement: ${path.relative(process.cwd(), tsv)}`);

/** Writes the corpus for `size` articles (and the peers' flavors of it with --peers). */
function prepareCorpus(size: number, content: string, work: string): void {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  if (!values.peers) {
    generateCorpus(content, size, Number(values.seed));
    return;
  }
  const gen = path.join(peersDir, 'gen-corpus.mjs');
  const seed = `--seed=${values.seed}`;
  execFileSync(process.execPath, [gen, path.join(content, 'articles'), String(size), '--flavor=contract', seed], { stdio: 'ignore' });
  cpSync(path.join(peersDir, 'hugo'), path.join(work, 'hugo'), { recursive: true });
  execFileSync(process.execPath, [gen, path.join(work, 'hugo/content/articles'), String(size), '--flavor=hugo', seed], { stdio: 'ignore' });
  cpSync(path.join(peersDir, 'eleventy'), path.join(work, 'eleventy'), { recursive: true });
  execFileSync(process.execPath, [gen, path.join(work, 'eleventy/src/articles'), String(size), '--flavor=eleventy', seed], { stdio: 'ignore' });
}

/** `npm run build` (`astro build` then `verify`), timed by GNU time. */
function buildSite(kind: Run['kind'], round: number, content: string, out: string, cache: string): Run {
  const env = { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' };
  const run = timed([process.execPath, build, '--outDir', out], root, env);
  const log = run.output;
  const seconds = (pattern: RegExp) => Number(pattern.exec(log)?.[1] ?? NaN);
  // Astro writes "812ms", "37.54s" or, past a minute, "14m 3s".
  const pages = /generating static routes[\s\S]*?Completed in (?:(\d+)m )?(\d+(?:\.\d+)?)(ms|s)/.exec(log);
  // The publish engine states its phases on one line; its pages are loading the compiled pages, the plan, rendering and writing.
  const engine = /^Publish engine: (.*)\.$/m.exec(log);
  const enginePhase = (name: string) => Number(new RegExp(`${name} ([\\d.]+)s`).exec(engine?.[1] ?? '')?.[1] ?? 0);
  return {
    kind,
    tool: 'this site',
    round,
    wall: run.wall,
    cpu: run.cpu,
    rssMiB: run.rssMiB,
    renderer: engine ? 'engine' : pages ? 'astro' : 'none',
    phases: {
      // The build updates the content snapshot before Astro starts; the content loader then checks and renders.
      content: seconds(/changed files? parsed \(([\d.]+)s\)/) + seconds(/articles read, checked and rendered in ([\d.]+)s/),
      pages: engine
        ? ['compiled pages', 'plan', 'render', 'write'].reduce((sum, name) => sum + enginePhase(name), 0)
        : pages
          ? Number(pages[1] ?? 0) * 60 + Number(pages[2]) / (pages[3] === 'ms' ? 1000 : 1)
          : NaN,
      search: seconds(/Search index written in ([\d.]+)s/),
      verify: seconds(/Verified .* in ([\d.]+)s/),
    },
  };
}

/**
 * The sharded workflow's builds, from nothing: every shard into its own output with its own cache,
 * at one clock, then their merge. The shard runs record which shard they built in `phases.shard`.
 */
function buildShards(round: number, content: string, work: string): Run[] {
  const now = new Date().toISOString();
  const dirs: string[] = [];
  const runs: Run[] = [];
  const clean = (dir: string) => {
    for (const suffix of ['', '.spare']) rmSync(`${dir}${suffix}`, { recursive: true, force: true });
  };
  const step = (kind: Run['kind'], args: string[], outDir: string, cache: string, shard: number) => {
    clean(outDir);
    clean(cache);
    const env = { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' };
    const run = timed([process.execPath, build, ...args, '--outDir', outDir], root, env);
    runs.push({ kind, tool: 'this site', round, wall: run.wall, cpu: run.cpu, rssMiB: run.rssMiB, phases: { shard } });
  };
  for (let k = 1; k <= shardCount; k++) {
    const dir = path.join(work, `shard-${k}`);
    console.error(`## shard ${k}/${shardCount}`);
    step('shard', ['--shard', `${k}/${shardCount}`, '--now', now], dir, path.join(work, `shard-${k}-cache`), k);
    dirs.push(dir);
  }
  console.error('## merge');
  step('merge', ['--merge', dirs.join(',')], path.join(work, 'merged'), path.join(work, 'merged-cache'), 0);
  return runs;
}

/** Hugo + Pagefind and Eleventy + Pagefind over the same corpus, each from a clean output. */
function buildPeers(work: string, round: number): Run[] {
  if (spawnSync('hugo', ['version']).status !== 0) {
    // Debian's Hugo, as the peers' harness uses (no other Hugo can be installed here).
    execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq hugo >/dev/null'], { stdio: 'inherit' });
  }
  const tools = path.join(path.resolve(values.work), 'peer-tools');
  if (!existsSync(path.join(tools, 'node_modules/.bin/eleventy'))) {
    mkdirSync(tools, { recursive: true });
    cpSync(path.join(peersDir, 'package.json'), path.join(tools, 'package.json'));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tools, stdio: 'inherit' });
  }
  const runs: Run[] = [];
  const peer = (tool: string, dir: string, outDir: string, command: string[]) => {
    rmSync(path.join(dir, outDir), { recursive: true, force: true });
    const build = timed(command, dir, process.env);
    const index = timed([pagefind, '--site', outDir, '--output-subdir', 'pagefind'], dir, process.env);
    runs.push({
      kind: 'full',
      tool,
      round,
      wall: build.wall + index.wall,
      cpu: build.cpu + index.cpu,
      rssMiB: Math.max(build.rssMiB, index.rssMiB),
      phases: { build: build.wall, search: index.wall },
    });
  };
  peer('hugo + pagefind', path.join(work, 'hugo'), 'public', ['hugo', '--quiet', '-d', 'public']);
  peer('eleventy + pagefind', path.join(work, 'eleventy'), '_site', [path.join(tools, 'node_modules/.bin/eleventy'), '--quiet']);
  return runs;
}

function timed(command: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const stats = path.join(path.resolve(values.work), 'time.txt');
  const result = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', stats, ...command], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) fail(`${command.join(' ')} failed in ${cwd}:\n${output.slice(-2000)}`);
  const [wall, rssKiB, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall: wall!, rssMiB: rssKiB! / 1024, cpu: user! + sys!, output };
}

/** The articles with the earliest and the latest `date`, as the site reads it. */
function datedEnds(content: string): { oldest: { file: string; date: Date }; newest: { file: string; date: Date } } {
  const dated = markdownFiles(path.join(content, 'articles')).flatMap((file) => {
    const { data } = parseMarkdown(readFileSync(file, 'utf8'), file);
    const value = (data as { date?: unknown } | undefined)?.date;
    const date = typeof value === 'string' ? parseContentDate(value, siteConfig.timeZone) : value instanceof Date ? value : undefined;
    return date && !Number.isNaN(date.getTime()) ? [{ file, date }] : [];
  });
  if (!dated.length) fail(`No dated article in ${content}.`);
  dated.sort((a, b) => a.date.getTime() - b.date.getTime());
  return { oldest: dated[0]!, newest: dated.at(-1)! };
}

function editArticle(file: string, round: number): { file: string; original: string } {
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original}\nAn editor added this sentence in round ${round}.\n`);
  return { file, original };
}

function addOneArticle(content: string, round: number, date: Date): string {
  const organization =
    /organizations: \[("[^"]+"|[^,\]]+)/.exec(readFileSync(markdownFiles(path.join(content, 'articles'))[0]!, 'utf8'))?.[1] ?? '"United Nations"';
  const file = path.join(content, 'articles', 'bench', `added-in-round-${round}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `---\ntitle: "Benchmark story added in round ${round}"\nsummary: "A story added between two builds."\ndate: ${date.toISOString()}\nlocation: "Astana, Kazakhstan"\norganizations: [${organization}]\ntopics: [Trade]\n---\n\nA short story naming an organization that other stories name.\n`,
  );
  return file;
}

function report(n: number, runs: Run[], out: string): void {
  const stat = (list: number[]) => ({ median: median(list), min: Math.min(...list), max: Math.max(...list) });
  const fmt = (list: (number | undefined)[], digits = 2) => {
    // A build that stops at once ("Nothing to build") prints no phases: their figures are NaN.
    if (list.some((value) => value === undefined || Number.isNaN(value))) return '–';
    const s = stat(list as number[]);
    return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  };
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(out, f))
    .filter((f) => statSync(f).isFile());
  const bytes = (list: string[]) => list.reduce((sum, f) => sum + statSync(f).size, 0);
  const pages = files.filter((f) => f.endsWith('.html')).length;
  const index = files.filter((f) => f.includes(`${path.sep}pagefind${path.sep}`));
  const ours = (kind: Run['kind']) => runs.filter((r) => r.tool === 'this site' && r.kind === kind);
  const full = ours('full');

  console.log(
    `\n## ${n} articles: ${pages} HTML pages, ${files.length} files, ${(bytes(files) / 1048576).toFixed(1)} MiB; search index ${(bytes(index) / 1048576).toFixed(1)} MiB in ${index.length} files`,
  );
  console.log('\n| build | pages by | wall s | content s | pages s | search index s | verify s | CPU s | peak RSS MiB | pages/s |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of KINDS) {
    const list = ours(kind);
    if (!list.length) continue;
    const phase = (name: string) => fmt(list.map((r) => r.phases[name]!));
    console.log(
      `| ${kind} | ${[...new Set(list.map((r) => r.renderer))].join(', ')} | ${fmt(list.map((r) => r.wall))} | ${phase('content')} | ${phase('pages')} | ${phase('search')} | ${phase('verify')} | ${fmt(list.map((r) => r.cpu))} | ${fmt(
        list.map((r) => r.rssMiB),
        0,
      )} | ${(pages / stat(list.map((r) => r.wall)).median).toFixed(0)} |`,
    );
  }
  const shards = ours('shard');
  const merges = ours('merge');
  if (shards.length && merges.length) {
    // Round by round: the slowest shard, and the critical path (that shard, then the merge).
    const slowest = merges.map((merge) => Math.max(...shards.filter((s) => s.round === merge.round).map((s) => s.wall)));
    const paths = merges.map((merge, i) => slowest[i]! + merge.wall);
    console.log(
      `\nsharded build, ${shardCount} shards from nothing: a shard ${fmt(shards.map((r) => r.wall))} s (peak RSS ${fmt(
        shards.map((r) => r.rssMiB),
        0,
      )} MiB), the slowest of a round ${fmt(slowest)} s; the merge (search index and verification) ${fmt(merges.map((r) => r.wall))} s (peak RSS ${fmt(
        merges.map((r) => r.rssMiB),
        0,
      )} MiB); critical path (slowest shard + merge) ${fmt(paths)} s${full.length ? `, against ${fmt(full.map((r) => r.wall))} s for the whole site on one machine` : ''}.`,
    );
  }
  for (const tool of ['hugo + pagefind', 'eleventy + pagefind']) {
    const peer = runs.filter((r) => r.tool === tool);
    if (!peer.length) continue;
    const ratios = peer.map((p) => full.find((f) => f.round === p.round)!.wall / p.wall);
    console.log(
      `\n${tool}: wall ${fmt(peer.map((r) => r.wall))} s (build ${fmt(peer.map((r) => r.phases.build!))}, search ${fmt(peer.map((r) => r.phases.search!))}), peak RSS ${fmt(
        peer.map((r) => r.rssMiB),
        0,
      )} MiB; this site / ${tool}, round by round: ${fmt(ratios)}`,
    );
  }
}

function countArticles(content: string): number {
  return markdownFiles(path.join(content, 'articles')).length;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f))
    .sort();
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
