/**
 * A sharded build (`npm run build -- --shard k/n`, then `--merge`) writes the site a build on one
 * machine writes, byte for byte: the fixture newsroom, with photos beside two stories and an old
 * address, built whole and as three shards in processes of their own, with one clock.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkDir } from '../support/build-site.ts';
import { writeFixture } from '../support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = writeFixture();
const work = newWorkDir();
afterAll(() => [content, work].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** One clock for every process, to the second. */
const NOW = `${new Date().toISOString().slice(0, 19)}Z`;

function build(args: string[], cache: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts'), '--now', NOW, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: path.join(work, cache), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every file under `dir`, site-relative with `/`, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/**
 * Pagefind's filter files, and the two files that name them (the entry file and the metadata
 * file named by its hash): Pagefind writes each filter's values in another order on each run (two
 * runs over the same pages in the same order name and fill them differently), so these are
 * compared by what they hold: the same number of filter files, of the same sizes unpacked.
 */
const PAGEFIND_UNSTABLE = /^pagefind\/(recent\/)?(filter\/.*\.pf_filter|pagefind-entry\.json|pagefind\..*\.pf_meta)$/;
function pagefindShape(dir: string) {
  const unpacked = (file: string) => gunzipSync(readFileSync(path.join(dir, file))).length;
  // The archive's index and the recent stories' (`recent/`), each.
  return ['pagefind/', 'pagefind/recent/'].map((bundle) => {
    const unstable = files(dir).filter((file) => PAGEFIND_UNSTABLE.test(file) && file.startsWith(bundle) && !file.slice(bundle.length).startsWith('recent/'));
    return {
      filterSizes: unstable
        .filter((file) => file.startsWith(`${bundle}filter/`))
        .map(unpacked)
        .sort((a, b) => a - b),
      metaSize: unstable.filter((file) => file.endsWith('.pf_meta')).map(unpacked),
      entry: readFileSync(path.join(dir, `${bundle}pagefind-entry.json`), 'utf8').replace(/"hash":"[^"]+"/, '"hash":"…"'),
    };
  });
}

describe('a sharded build', () => {
  it('merges three shards built apart into the site a whole build writes, byte for byte', async () => {
    // Photos beside two stories: one in many stories' related lists, and one that nothing else
    // shows, so the shards that do not render its page keep its camera original, which the whole
    // build removes; and old addresses, whose redirect pages are files of the site too.
    const stories = [
      { name: 'market', date: '2025-08-03T09:00', where: 'location: Osh, Kyrgyzstan\ntopics: [Trade]', colour: '#a05030' },
      { name: 'dam', date: '2024-02-10T09:00', where: 'location: Nurek, Tajikistan', colour: '#3070a0' },
    ];
    for (const { name, date, where, colour } of stories) {
      const dir = path.join(content, 'articles/photos');
      mkdirSync(dir, { recursive: true });
      await sharp({ create: { width: 1600, height: 1000, channels: 3, background: colour } })
        .jpeg()
        .toFile(path.join(dir, `${name}.jpg`));
      writeFileSync(
        path.join(dir, `${name}.md`),
        `---\ntitle: The ${name} in pictures\nsummary: A photo story.\ndate: ${date}\n${where}\n` +
          `image: { src: ${name}.jpg, alt: The ${name} at dawn }\naliases: [/old/${name}.html]\n---\n\nPictures of the ${name}.\n`,
      );
    }

    const whole = build(['--outDir', path.join(work, 'whole')], 'whole-cache');
    expect(whole.status, whole.output).toBe(0);

    const bodies = (output: string) => Number(/\((\d+) bodies rendered/.exec(output)?.[1]);
    const shards = [1, 2, 3].map((k) => path.join(work, `shard-${k}`));
    const shardBodies: number[] = [];
    for (const [i, dir] of shards.entries()) {
      const shard = build(['--shard', `${i + 1}/3`, '--outDir', dir], `shard-${i + 1}-cache`);
      expect(shard.status, shard.output).toBe(0);
      expect(shard.output).toContain(`Shard ${i + 1}/3`);
      expect(shard.output).not.toMatch(/Verified|Search index written/);
      shardBodies.push(bodies(shard.output));
    }
    // A body is rendered by the shard of its article's page only.
    expect(shardBodies.reduce((a, b) => a + b)).toBe(bodies(whole.output));
    expect(Math.max(...shardBodies)).toBeLessThan(bodies(whole.output));

    // Each page is rendered by exactly one shard.
    const wholeFiles = files(path.join(work, 'whole'));
    const pagesOf = (dir: string) => files(dir).filter((file) => file.endsWith('.html'));
    const shardPages = shards.map(pagesOf);
    for (const pages of shardPages) expect(pages.length).toBeGreaterThan(20);
    expect(shardPages.flat().sort()).toEqual(pagesOf(path.join(work, 'whole')));
    // The case the merge must handle: a camera original that a shard kept and the whole build did not.
    const kept = shards.flatMap((dir) => files(dir).filter((file) => file.startsWith('_astro/') && !wholeFiles.includes(file)));
    expect(kept.length).toBeGreaterThan(0);

    const merged = path.join(work, 'merged');
    const merge = build(['--merge', shards.join(','), '--outDir', merged], 'merge-cache');
    expect(merge.status, merge.output).toBe(0);
    expect(merge.output).toMatch(/Merged 3 shards: \d+ files/);
    expect(merge.output).toMatch(/Verified .* no problems/);

    const mergedFiles = files(merged);
    expect(mergedFiles).toHaveLength(wholeFiles.length);
    const stable = wholeFiles.filter((file) => !PAGEFIND_UNSTABLE.test(file));
    expect(mergedFiles.filter((file) => !PAGEFIND_UNSTABLE.test(file))).toEqual(stable);
    const different = stable.filter((file) => !readFileSync(path.join(work, 'whole', file)).equals(readFileSync(path.join(merged, file))));
    expect(different).toEqual([]);
    expect(pagefindShape(merged)).toEqual(pagefindShape(path.join(work, 'whole')));
    // What the comparison covered.
    expect(stable).toEqual(expect.arrayContaining(['old/market.html', '_redirects', 'sitemap-index.xml', 'news-sitemap.xml', 'pagefind/pagefind.js']));
    expect(stable.some((file) => /^pagefind\/fragment\//.test(file))).toBe(true);

    // A shard whose file differs from another shard's: the merge names it and publishes nothing.
    const stylesheet = files(shards[1]!).find((file) => /^_astro\/.*\.css$/.test(file))!;
    const replaced = path.join(shards[1]!, `${stylesheet}.new`);
    writeFileSync(replaced, `${readFileSync(path.join(shards[1]!, stylesheet), 'utf8')}\n/* edited */\n`);
    renameSync(replaced, path.join(shards[1]!, stylesheet));
    const refused = build(['--merge', shards.join(','), '--outDir', merged], 'merge-cache');
    expect(refused.status).toBe(1);
    expect(refused.output).toContain(`Shards wrote different bytes at the same path, so the merge cannot choose:\n  ${stylesheet} (`);
    expect(refused.output).toContain('nothing was published');
    expect(readFileSync(path.join(merged, stylesheet)).equals(readFileSync(path.join(work, 'whole', stylesheet)))).toBe(true);
  }, 1_800_000);
});
