/**
 * A rebuild that reuses the previous build's cache (stored articles, rendered bodies) must write
 * the same site as a clean build of the same content: after an edited body, an added, a deleted
 * and a renamed article, and a registry change. An edited body renders its own page again, not
 * the pages that list the story.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, newWorkDir } from '../support/build-site.ts';
import { writeFixture } from '../support/fixture.ts';

const dirs: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * Every file of a built site with its bytes. Pagefind names its filter chunks (and the files that
 * list them) differently on each run, even for the same content, so those are left out (of both
 * indexes: the archive's, and the recent stories' in `recent/`).
 */
function snapshot(dist: string): Map<string, string> {
  const unstable = /^pagefind\/(recent\/)?(filter\/|pagefind-entry\.json$|pagefind\..*\.pf_meta$)/;
  return new Map(
    readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => !unstable.test(file))
      .flatMap((file) => {
        try {
          return [[file, readFileSync(path.join(dist, file)).toString('base64')] as [string, string]];
        } catch {
          return []; // a folder
        }
      }),
  );
}

describe('a rebuild from the previous build’s cache', () => {
  it('writes the same site as a clean build, after edits, additions, deletions, renames and a registry change', () => {
    const content = writeFixture();
    dirs.push(content);
    const work = newWorkDir();
    dirs.push(work);
    expect(buildSite(content, {}, work).status).toBe(0);

    const articles = path.join(content, 'articles');
    const midnight = path.join(articles, '2025/08/2025-08-01-midnight-filing.md');
    const copiedIn = (output: string) => {
      const log = stripVTControlCharacters(output);
      return (file: string) => log.includes(`${file} (restored)`) || log.includes(`${file} (cached)`);
    };

    // A correction to one body: its page renders again; the lists that show it as a teaser
    // (its month, its organizations, topics and place, the stories it is related to) are copied.
    writeFileSync(midnight, `${readFileSync(midnight, 'utf8')}\nAn editor corrected a figure.\n`);
    const corrected = buildSite(content, {}, work);
    expect(corrected.status, corrected.output).toBe(0);
    const copiedAfterCorrection = copiedIn(corrected.output);
    expect(copiedAfterCorrection('/2025/08/midnight-filing/index.html')).toBe(false);
    for (const list of [
      '/2025/08/index.html',
      '/2025/index.html',
      '/topics/water/index.html',
      '/organizations/index.html',
      '/locations/uzbekistan/tashkent/index.html',
    ]) {
      expect(copiedAfterCorrection(list), list).toBe(true);
    }

    writeFileSync(midnight, `${readFileSync(midnight, 'utf8')}\nAn editor added a paragraph.\n`);
    writeFileSync(path.join(articles, 'added.md'), '---\ntitle: Added later\nsummary: A new story.\ndate: 2025-08-03T10:00\norganizations: [UN]\n---\nNew.\n');
    rmSync(path.join(articles, 'bulk/2025-01-02-bulletin-0.md'));
    renameSync(path.join(articles, 'bulk/2025-01-03-bulletin-1.md'), path.join(articles, 'bulk/2025-01-03-bulletin-one.md'));
    const organizations = path.join(content, 'organizations.yaml');
    writeFileSync(organizations, readFileSync(organizations, 'utf8').replace('  aliases: [UN]', '  aliases: [UN, ООН]\n  description: The world body.'));

    const rebuilt = buildSite(content, {}, work);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toMatch(/\(\d+ bodies rendered\)/);
    expect(Number(/\((\d+) bodies rendered\)/.exec(rebuilt.output)![1])).toBeLessThanOrEqual(3);
    // Astro's incremental build copied the pages whose cache keys held and rendered the rest.
    const log = stripVTControlCharacters(rebuilt.output);
    const copied = copiedIn(rebuilt.output);
    expect(copied('/2025/08/midnight-filing/index.html')).toBe(false);
    expect(copied('/2025/01/bulletin-one/index.html')).toBe(false);
    expect(copied('/2025/01/bulletin-2/index.html')).toBe(true);
    expect(log.match(/ \((restored|cached)\)/g)?.length).toBeGreaterThan(20);
    // The search index took the rendered articles as Astro rendered them and read the copied ones
    // from disk, in the same order as a clean build, which the comparison below holds it to.
    const indexed = /(\d+) articles indexed as they were rendered, (\d+) read from the incremental cache/.exec(log);
    expect(indexed, log).not.toBeNull();
    expect(Number(indexed![1])).toBeGreaterThan(0);
    expect(Number(indexed![2])).toBeGreaterThan(Number(indexed![1]));

    const fresh = path.join(temp('clean-'), 'content');
    cpSync(content, fresh, { recursive: true });
    const cleanWork = newWorkDir();
    dirs.push(cleanWork);
    const clean = buildSite(fresh, {}, cleanWork);
    expect(clean.status).toBe(0);

    const incremental = snapshot(rebuilt.outDir);
    const expected = snapshot(clean.outDir);
    expect([...incremental.keys()].sort()).toEqual([...expected.keys()].sort());
    const different = [...expected].filter(([file, bytes]) => incremental.get(file) !== bytes).map(([file]) => file);
    expect(different).toEqual([]);
    expect(rebuilt.exists('/2025/01/bulletin-0/')).toBe(false);
    expect(rebuilt.exists('/2025/01/bulletin-one/')).toBe(true);
  }, 900_000);
});
