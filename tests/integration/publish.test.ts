/**
 * `npm run build` publishes the site whole or not at all: a build that fails verification or is
 * killed (SIGKILL, at several points of a real build) leaves every byte of the published site as
 * it was, the next build cleans up and publishes a correct site, and only one build runs at a
 * time. Kill points are found from the build's own output lines, never from timing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkDir } from '../support/build-site.ts';
import { writeFixture } from '../support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = writeFixture();
const work = newWorkDir();
const dist = path.join(work, 'dist');
afterAll(() => [content, work].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const env = { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' };
const buildArgs = (extra: string[] = []) => [path.join(root, 'scripts/build.ts'), '--outDir', dist, ...extra];

function build(extra: string[] = []) {
  const result = spawnSync(process.execPath, buildArgs(extra), { cwd: root, encoding: 'utf8', env });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

/** A build running in its own process group, so a kill reaches Astro and the verification too. */
function startBuild(extra: string[] = []) {
  const child = spawn(process.execPath, buildArgs(extra), { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  const take = (chunk: Buffer) => {
    // Without colours: Astro colours its lines when CI is set, which would split the markers.
    output += stripVTControlCharacters(chunk.toString());
    for (const wait of waiting.filter(({ pattern }) => pattern.test(output))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return {
    pid: child.pid!,
    exited,
    output: () => output,
    /** Resolves once the build has printed a line matching `pattern`; fails if it ends first. */
    reached(pattern: RegExp): Promise<void> {
      const seen = new Promise<void>((resolve) => {
        if (pattern.test(output)) resolve();
        else waiting.push({ pattern, resolve });
      });
      return Promise.race([
        seen,
        exited.then(() => {
          if (!pattern.test(output)) throw new Error(`The build ended before printing ${pattern}:\n${output}`);
        }),
      ]);
    },
    kill: () => process.kill(-child.pid!, 'SIGKILL'),
  };
}

/** Every file under `dir` with a digest of its bytes. */
function checksums(dir: string): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    sums[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return sums;
}

const midnight = path.join(content, 'articles/2025/08/2025-08-01-midnight-filing.md');
const append = (file: string, text: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}\n${text}\n`);
const page = (sitePath: string) => readFileSync(path.join(dist, sitePath, 'index.html'), 'utf8');

let published: Record<string, string>;
beforeAll(() => {
  const first = build();
  expect(first.status, first.output).toBe(0);
  published = checksums(dist);
}, 600_000);

describe('npm run build publishes whole or not at all', () => {
  it('prints phases and counts, not a line per page, and leaves only the output and the cache', () => {
    expect(readdirSync(work).sort()).toEqual(['cache', 'dist']);
    expect(Object.keys(published).length).toBeGreaterThan(100);
  });

  it('leaves the published site byte-identical when verification fails', () => {
    // A template bug only verification sees (content problems are the content check's, which
    // stops a build before it writes anything): a copy of the project whose layout links to a
    // page that does not exist, built into the same output with the same cache.
    const project = mkdtempSync(path.join(tmpdir(), 'newsroom-broken-template-'));
    try {
      for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', '.htmlvalidate.json']) {
        cpSync(path.join(root, entry), path.join(project, entry), { recursive: true });
      }
      symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
      const layout = path.join(project, 'src/layouts/Base.astro');
      const broken = readFileSync(layout, 'utf8').replace('</footer>', '<a href="/no-such-page/">Lost</a></footer>');
      expect(broken).toContain('no-such-page');
      writeFileSync(layout, broken);
      const result = spawnSync(process.execPath, [path.join(project, 'scripts/build.ts'), '--outDir', dist], { cwd: project, encoding: 'utf8', env });
      const failed = { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
      expect(failed.status, failed.output).toBe(1);
      expect(failed.output).toContain('The link /no-such-page/ points to nothing in the built site');
      expect(failed.output).toContain('Verification failed');
      expect(failed.output).toMatch(/Build failed during verification after [\d.]+s: nothing was published/);
      expect(checksums(dist)).toEqual(published);
      expect(readdirSync(work).sort()).toEqual(['cache', 'dist']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 600_000);

  it('leaves the published site byte-identical when a build is killed, wherever it is', async () => {
    append(midnight, 'A correction published after the interrupted builds.');
    // With --full, `astro build` renders; without, the publish engine (only content changed).
    const killPoints: [string, RegExp, string[]][] = [
      ['just after it started', /^Building .* in .*\.staging /m, []],
      ['while Astro writes pages', /├─ \/.+/, ['--verbose', '--full']],
      ['while Astro writes the search index', /\[@astrojs\/sitemap\]/, ['--full']],
      ['once the engine has written the pages', /rendered by the publish engine/, []],
      ['during verification', /^Verifying /m, []],
    ];
    for (const [when, marker, extra] of killPoints) {
      const running = startBuild(extra);
      await running.reached(marker);
      running.kill();
      await running.exited;
      expect(checksums(dist), `killed ${when}`).toEqual(published);
    }
  }, 900_000);

  it('builds a correct site after a kill, taking over the dead build’s lock and removing what it left', async () => {
    const next = build();
    expect(next.status, next.output).toBe(0);
    expect(next.output).toMatch(/Taking over .*dist\.lock from a build \(PID \d+, since \d\d:\d\d\) that is no longer running/);
    expect(next.output).toMatch(/Removed dist\.staging, left by an interrupted build/);
    expect(next.output).toMatch(/Verified .* no problems/);
    expect(page('2025/08/midnight-filing')).toContain('A correction published after the interrupted builds.');
    // The same files as before (Pagefind names its chunks by content), each page whole.
    const files = (sums: Record<string, string>) =>
      Object.keys(sums)
        .filter((file) => !file.startsWith('pagefind'))
        .sort();
    expect(files(checksums(dist))).toEqual(files(published));
    expect(page('')).toContain('</html>');
    // The replaced site and cache are kept as the spares the next publish starts from; the folders
    // they replace are removed in the background, however long that takes.
    await expect.poll(() => readdirSync(work).sort(), { timeout: 300_000, interval: 100 }).toEqual(['cache', 'cache.spare', 'dist', 'dist.spare']);
    // Astro's line per page only with --verbose; the summary always.
    expect(next.output).not.toMatch(/├─/);
    // Only content changed: the publish engine rendered what changed.
    expect(next.output).toMatch(/Pages and feeds: \d+ files? rendered by the publish engine, \d+ kept from the previous build/);
  }, 600_000);

  it('refuses a second build while one runs, and the first one publishes', async () => {
    append(midnight, 'A second correction.');
    const first = startBuild();
    await first.reached(/^Building /m);
    const second = build();
    expect(second.status).toBe(1);
    expect(second.output).toContain(`another build (PID ${first.pid}) is running since`);
    expect(second.output).toMatch(/is running since \d\d:\d\d/);
    expect(await first.exited, first.output()).toBe(0);
    expect(page('2025/08/midnight-filing')).toContain('A second correction.');
  }, 600_000);

  it('takes over a lock left by a process that is gone', () => {
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(`${dist}.lock`, JSON.stringify({ pid: dead, started: new Date().toISOString(), children: [] }));
    const next = build();
    expect(next.status, next.output).toBe(0);
    expect(next.output).toContain(`from a build (PID ${dead}`);
    expect(next.output).toContain('Nothing to build');
    expect(existsSync(`${dist}.lock`)).toBe(false);
  }, 600_000);
});
