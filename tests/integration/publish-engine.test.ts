/**
 * The publish engine (src/lib/build/publish-engine.ts): when only content changed, `npm run build`
 * renders the changed pages with the pages the last `astro build` compiled, and the site it
 * publishes is byte for byte a clean build's of the same content, after edits, additions,
 * deletions, renames, a registry change, a scheduled story coming due and an edit to a story
 * with a photo. What it cannot do (a replaced photo, new old addresses, changed code) goes to
 * `astro build`, which says why.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/lib/photo.ts';
import { newWorkDir } from '../support/build-site.ts';
import { writeFixture } from '../support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = writeFixture();
const work = newWorkDir();
const dirs = [content, work];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const articles = path.join(content, 'articles');
const NOW = '2025-08-20T12:00:00Z';

/** `npm run build` of `contentDir` into `workDir`/dist, its cache in `workDir`/cache. */
function build(contentDir: string, workDir: string, extra: string[] = []) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts'), '--outDir', path.join(workDir, 'dist'), ...extra], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: path.join(workDir, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

/**
 * Every file and folder of a built site, with each file's bytes. Pagefind names its filter chunks (and the files that
 * list them) differently on each run, even for the same content, so those are left out (of both
 * indexes: the archive's, and the recent stories' in `recent/`).
 */
function files(dist: string): Map<string, string> {
  const unstable = /^pagefind\/(recent\/)?(filter\/|pagefind-entry\.json$|pagefind\..*\.pf_meta$)/;
  return new Map(
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .map((entry) => ({ entry, file: path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/') }))
      .filter(({ file }) => !unstable.test(file))
      // Folders too: a removed page must not leave its folder behind.
      .map(({ entry, file }) => [file, entry.isDirectory() ? 'folder' : readFileSync(path.join(dist, file)).toString('base64')]),
  );
}

/** The files of `dist` that differ from a clean build of the same content at the same clock. */
function differencesFromCleanBuild(dist: string, now: string): string[] {
  const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-engine-clean-')), 'content');
  const cleanWork = newWorkDir();
  dirs.push(path.dirname(fresh), cleanWork);
  cpSync(content, fresh, { recursive: true });
  const clean = build(fresh, cleanWork, ['--now', now]);
  expect(clean.status, clean.output).toBe(0);
  const expected = files(path.join(cleanWork, 'dist'));
  const actual = files(dist);
  const names = new Set([...expected.keys(), ...actual.keys()]);
  return [...names].filter((file) => expected.get(file) !== actual.get(file)).sort();
}

const append = (file: string, text: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}\n${text}\n`);
const dist = path.join(work, 'dist');
const ENGINE = /Pages and feeds: (\d+) files? rendered by the publish engine, (\d+) kept from the previous build, (\d+) removed/;

beforeAll(async () => {
  // A story with a photo beside it, so the engine renders pages that show processed photos.
  mkdirSync(path.join(articles, '2025/07'), { recursive: true });
  writeFileSync(path.join(articles, '2025/07/osh-market.jpg'), await syntheticPhoto(5, 1200));
  writeFileSync(
    path.join(articles, '2025/07/2025-07-10-osh-market.md'),
    '---\ntitle: Osh market opens its new hall\nsummary: Traders describe a busy season.\ndate: 2025-07-10T09:00\nlocation: Osh, Kyrgyzstan\ntopics: [Trade]\nimage:\n  src: osh-market.jpg\n  alt: Stalls under a high roof.\n---\n\nTraders in **Osh** said the season had started early.\n',
  );
  // A story that comes due between two publishes.
  writeFileSync(
    path.join(articles, 'scheduled.md'),
    '---\ntitle: Ministers meet in Tashkent\nsummary: A scheduled story.\ndate: 2025-08-21T09:00\norganizations: [SCO]\n---\nScheduled.\n',
  );
  const first = build(content, work, ['--now', NOW]);
  expect(first.status, first.output).toBe(0);
  expect(first.output).toContain('Rendering with astro build: no earlier build to start from.');
}, 600_000);

describe('a publish of content alone', () => {
  it('renders only what changed and publishes a clean build’s site, after edits, additions, deletions, renames and a registry change', () => {
    append(path.join(articles, '2025/08/2025-08-01-midnight-filing.md'), 'An editor corrected a figure.');
    append(path.join(articles, '2025/07/2025-07-10-osh-market.md'), 'Prices were steady.');
    writeFileSync(path.join(articles, 'added.md'), '---\ntitle: Added later\nsummary: A new story.\ndate: 2025-08-03T10:00\norganizations: [UN]\n---\nNew.\n');
    rmSync(path.join(articles, 'bulk/2025-01-02-bulletin-0.md'));
    renameSync(path.join(articles, 'bulk/2025-01-03-bulletin-1.md'), path.join(articles, 'bulk/2025-01-03-bulletin-one.md'));
    const organizations = path.join(content, 'organizations.yaml');
    writeFileSync(organizations, readFileSync(organizations, 'utf8').replace('  aliases: [UN]', '  aliases: [UN, ООН]\n  description: The world body.'));

    const published = build(content, work, ['--now', NOW]);
    expect(published.status, published.output).toBe(0);
    expect(published.output).toMatch(ENGINE);
    const [, rendered, kept, removed] = ENGINE.exec(published.output)!.map(Number);
    expect(rendered).toBeGreaterThan(5);
    expect(kept).toBeGreaterThan(10);
    // The deleted bulletin's and the renamed one's old page, and the pages they alone filled.
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(published.output).toMatch(/Publish engine: content [\d.]+s, compiled pages [\d.]+s, plan [\d.]+s, render [\d.]+s, write [\d.]+s\./);
    expect(published.output).toMatch(/Published .*: \d+ files rendered by the publish engine, verified/);
    expect(differencesFromCleanBuild(dist, NOW)).toEqual([]);
  }, 900_000);

  it('publishes a scheduled story when it comes due, as a clean build at that time does', () => {
    const later = '2025-08-22T12:00:00Z';
    const published = build(content, work, ['--now', later]);
    expect(published.status, published.output).toBe(0);
    expect(published.output).toMatch(ENGINE);
    expect(readFileSync(path.join(dist, '2025/08/scheduled/index.html'), 'utf8')).toContain('Ministers meet in Tashkent');
    expect(differencesFromCleanBuild(dist, later)).toEqual([]);
  }, 900_000);

  it('leaves to astro build what only Astro can do, saying why', async () => {
    const later = '2025-08-22T12:00:00Z';
    writeFileSync(path.join(articles, '2025/07/osh-market.jpg'), await syntheticPhoto(9, 1200));
    const photo = build(content, work, ['--now', later]);
    expect(photo.status, photo.output).toBe(0);
    expect(photo.output).toContain('Rendering with astro build: the photo');
    expect(photo.output).toContain('is new or changed: Astro processes it.');

    const alias = path.join(articles, 'added.md');
    writeFileSync(alias, readFileSync(alias, 'utf8').replace('date: 2025-08-03T10:00\n', 'date: 2025-08-03T10:00\naliases: [/old/added.html]\n'));
    const redirected = build(content, work, ['--now', later]);
    expect(redirected.status, redirected.output).toBe(0);
    expect(redirected.output).toContain('Rendering with astro build: the old addresses that redirect to stories changed.');
    expect(readFileSync(path.join(dist, 'old/added.html'), 'utf8')).toContain('/2025/08/added/');

    append(path.join(articles, 'added.md'), 'A line for a forced build.');
    const forced = build(content, work, ['--now', later, '--full']);
    expect(forced.status, forced.output).toBe(0);
    expect(forced.output).toContain('Rendering with astro build: --full.');

    // After Astro, the engine again, on what Astro left.
    append(path.join(articles, 'added.md'), 'One more line.');
    const again = build(content, work, ['--now', later]);
    expect(again.status, again.output).toBe(0);
    expect(again.output).toMatch(ENGINE);
    expect(differencesFromCleanBuild(dist, later)).toEqual([]);
  }, 900_000);

  it('fails on a content error as astro build does, publishing nothing', () => {
    const broken = path.join(articles, 'broken.md');
    writeFileSync(broken, '---\ntitle: No date\nsummary: Broken.\n---\nText.\n');
    const before = files(dist);
    const failed = build(content, work, ['--now', '2025-08-22T12:00:00Z']);
    rmSync(broken);
    expect(failed.status, failed.output).not.toBe(0);
    expect(failed.output).toMatch(/broken\.md:\d+:\d+\s+error\s+date/);
    expect(failed.output).toContain('nothing was published');
    expect(files(dist)).toEqual(before);
  }, 600_000);
});
