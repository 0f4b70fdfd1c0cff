import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSnapshotFile } from '../../src/lib/build/output-cache.ts';
import { contentDigest, loadContentDir, storedRegistries, updateSnapshot } from '../../src/lib/build/snapshot.ts';
import type { LoadedContent } from '../../src/lib/content/content-dir.ts';
import type { FieldPath } from '../../src/lib/content/frontmatter.ts';
import type { Registries } from '../../src/lib/model/article.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
const root = path.resolve(import.meta.dirname, '../..');
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'snapshot-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where problems point (`locate`) at a few fields, and what each registry resolves, in place of the functions. */
function comparable(content: LoadedContent) {
  const fields: FieldPath[] = [['title'], ['date'], ['organizations', 0], ['speakers', 1, 'name'], ['location'], ['aliases', 0], ['nothing']];
  const at = (locate: (path: FieldPath) => unknown) => fields.map((field) => locate(field));
  const resolved = (registries: Registries) =>
    Object.values(registries).map(({ kind, records, resolve }) => ({
      kind,
      records,
      resolve: records.flatMap(({ name, aliases }) => [name, name.toUpperCase(), ...aliases, 'Nobody at all']).map((name) => resolve(name)?.slug),
    }));
  return {
    ...content,
    articles: content.articles.map((article) => ({ ...article, locate: at(article.locate) })),
    rejected: content.rejected.map((article) => ({ ...article, locate: at(article.locate) })),
    registries: resolved(content.registries),
  };
}

/**
 * Updates the snapshot in `cache` and checks its content against reading every file afresh,
 * problems and their order included; returns how many files the update parsed.
 */
async function update(dir: string, cache: string, options: { site?: typeof site } = {}) {
  const snapshot = await updateSnapshot({ contentDir: dir, cacheDir: cache, site: options.site ?? site });
  const content = snapshot.content();
  expect(comparable(content)).toStrictEqual(comparable(await loadContentDir(dir, options.site ?? site)));
  // Made anew from the records each time: what one call's checks rewrote (a spelling) is not kept.
  expect(comparable(snapshot.content())).toStrictEqual(comparable(content));
  expect(contentDigest({ contentDir: dir, cacheDir: cache })).toBe(snapshot.digest);
  return { parsed: snapshot.parsed, digest: snapshot.digest, content };
}

/** Rewrites a file with a later modification time (file systems keep whole seconds on some systems). */
function rewrite(file: string, text: string | Buffer) {
  const before = statSync(file, { throwIfNoEntry: false });
  writeFileSync(file, text);
  if (before) utimesSync(file, new Date(), new Date(before.mtimeMs + 5_000));
}

/** Marks every file as modified long ago, so an update trusts size and time alone. */
function settle(dir: string) {
  const old = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), old, old);
  }
}

describe('the content snapshot of the messy archive', () => {
  let dir: string;
  let cache: string;
  let total: number;
  const file = (name: string) => path.join(dir, name);
  const story = (slug: string, fields = '') =>
    `---\ntitle: Story ${slug}\nsummary: What happened.\ndate: 2024-05-02\nlocation: Osh, Kyrgyzstan\norganizations: [KTJ]\n${fields}---\n\nBody of ${slug}.\n`;

  beforeAll(async () => {
    dir = await writeMessyArchive({ flawed: true });
    cache = path.join(work, 'messy-cache');
    settle(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the content a full read gives, first read whole, then with nothing to parse', async () => {
    const cold = await update(dir, cache);
    total = cold.parsed;
    expect(cold.content.articles.length).toBeGreaterThan(150);
    expect(cold.content.problems.some((p) => p.severity === 'error')).toBe(true);
    // Every Markdown file of articles/ and pages/, and the four registries.
    expect(total).toBeGreaterThan(cold.content.articles.length);
    expect(existsSync(contentSnapshotFile(cache))).toBe(true);
    const warm = await update(dir, cache);
    expect(warm).toMatchObject({ parsed: 0, digest: cold.digest });
  });

  it('parses an edited, an added and a renamed article again, and drops a deleted one', async () => {
    const before = await update(dir, cache);
    appendFileSync(file('articles/2024/2024-05-01-snapshot-a.md'), story('a'));
    writeFileSync(file('articles/2024/2024-05-01-snapshot-b.md'), story('b'));
    expect(await update(dir, cache)).toMatchObject({ parsed: 2 });
    rewrite(file('articles/2024/2024-05-01-snapshot-a.md'), story('a', 'topics: [Water]\n'));
    const edited = await update(dir, cache);
    expect(edited.parsed).toBe(1);
    expect(edited.content.articles.find((a) => a.fields.slug === 'snapshot-a')?.fields.topics).toEqual([{ name: 'Water', slug: 'water' }]);
    renameSync(file('articles/2024/2024-05-01-snapshot-a.md'), file('articles/2024/2024-05-01-snapshot-c.md'));
    expect(await update(dir, cache)).toMatchObject({ parsed: 1 });
    rmSync(file('articles/2024/2024-05-01-snapshot-b.md'));
    rmSync(file('articles/2024/2024-05-01-snapshot-c.md'));
    const after = await update(dir, cache);
    expect(after.parsed).toBe(0);
    expect(after.digest).toBe(before.digest);
  });

  it('reports a file that becomes invalid, and forgets its problems once it is valid again', async () => {
    const target = file('articles/2024/2024-05-03-snapshot-invalid.md');
    writeFileSync(target, story('invalid'));
    const valid = await update(dir, cache);
    rewrite(target, story('invalid').replace('date: 2024-05-02', 'date: [never'));
    const invalid = await update(dir, cache);
    expect(invalid.parsed).toBe(1);
    expect(invalid.content.problems.filter((p) => p.file.endsWith('snapshot-invalid.md'))).not.toEqual([]);
    rewrite(target, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    expect(await update(dir, cache)).toMatchObject({ parsed: 1 });
    rewrite(target, story('invalid'));
    const fixed = await update(dir, cache);
    expect(fixed.parsed).toBe(1);
    expect(fixed.content.problems).toEqual(valid.content.problems);
    rmSync(target);
  });

  it('parses again only the registry and the articles whose names it now resolves differently', async () => {
    const registry = file('organizations.yaml');
    const original = readFileSync(registry, 'utf8');
    writeFileSync(file('articles/2024/2024-05-04-snapshot-railways.md'), story('railways'));
    await update(dir, cache);
    // A description of an entry no article names: only the registry is read.
    rewrite(registry, `${original}- name: Snapshot Water Board\n  description: Nobody names it.\n`);
    expect(await update(dir, cache)).toMatchObject({ parsed: 1 });
    // The entry the new article names is renamed: the registry and that article.
    rewrite(registry, `${original.replace('- name: Kyrgyz Railways', '- name: Kyrgyz Temir Jolu')}- name: Snapshot Water Board\n`);
    const renamed = await update(dir, cache);
    expect(renamed.parsed).toBeGreaterThanOrEqual(2);
    expect(renamed.parsed).toBeLessThan(total / 2);
    expect(renamed.content.articles.find((a) => a.fields.slug === 'snapshot-railways')?.fields.organizations).toEqual([
      { name: 'Kyrgyz Temir Jolu', slug: 'kyrgyz-temir-jolu' },
    ]);
    // A registry removed, then written back.
    rmSync(registry);
    await update(dir, cache);
    rewrite(registry, original);
    await update(dir, cache);
    rmSync(file('articles/2024/2024-05-04-snapshot-railways.md'));
    await update(dir, cache);
  });

  it('follows a symbolic link to a folder: an edit behind it, a link added and removed', async () => {
    const archived = readdirSync(file('archive-2014/03')).find((name) => name.endsWith('.md'))!;
    const target = file(`archive-2014/03/${archived}`);
    const original = readFileSync(target);
    await update(dir, cache);
    rewrite(target, `${original.toString('utf8')}\nAn added line.\n`);
    const edited = await update(dir, cache);
    expect(edited.parsed).toBe(1);
    expect(edited.content.articles.find((a) => a.absolutePath === file(`articles/2014/03/${archived}`))?.body).toContain('An added line.');
    rewrite(target, original);
    await update(dir, cache);

    mkdirSync(file('elsewhere/2013'), { recursive: true });
    writeFileSync(file('elsewhere/2013/2013-02-02-linked-in.md'), story('linked-in'));
    symlinkSync('../elsewhere', file('articles/linked'));
    const linked = await update(dir, cache);
    expect(linked.parsed).toBe(1);
    expect(linked.content.articles.some((a) => a.absolutePath === file('articles/linked/2013/2013-02-02-linked-in.md'))).toBe(true);
    rmSync(file('articles/linked'));
    rmSync(file('elsewhere'), { recursive: true });
    expect(await update(dir, cache)).toMatchObject({ parsed: 0 });
  });

  it('reads a file whose time changed but not its bytes without parsing it, and keeps the digest', async () => {
    const before = await update(dir, cache);
    const target = file('articles/2024/2024-05-05-snapshot-touched.md');
    writeFileSync(target, story('touched'));
    const added = await update(dir, cache);
    utimesSync(target, new Date(), new Date(Date.now() - 60_000));
    expect(await update(dir, cache)).toMatchObject({ parsed: 0, digest: added.digest });
    rmSync(target);
    expect((await update(dir, cache)).digest).toBe(before.digest);
  });

  it('sees an edit that keeps the size and time of a file written just before the last update', async () => {
    const target = file('articles/2024/2024-05-06-snapshot-racy.md');
    // A whole second, which every file system keeps exactly.
    const second = new Date(Math.floor(Date.now() / 1000) * 1000);
    writeFileSync(target, story('racy'));
    utimesSync(target, second, second);
    await update(dir, cache);
    writeFileSync(target, story('ravy'));
    utimesSync(target, second, second);
    const edited = await update(dir, cache);
    expect(edited.parsed).toBe(1);
    expect(edited.content.articles.some((a) => a.fields.title === 'Story ravy')).toBe(true);
    rmSync(target);
    await update(dir, cache);
  });

  it('reads everything again under other settings', async () => {
    const other = { ...site, timeZone: 'Europe/Lisbon' };
    expect(await update(dir, cache, { site: other })).toMatchObject({ parsed: total });
    expect(await update(dir, cache)).toMatchObject({ parsed: total });
  });

  it('counts a corrupt, truncated or foreign snapshot as none', async () => {
    const stored = contentSnapshotFile(cache);
    const good = readFileSync(stored);
    for (const damaged of [Buffer.from('not a snapshot'), good.subarray(0, 3), good.subarray(0, good.length - 10), Buffer.alloc(4096, 0xff)]) {
      writeFileSync(stored, damaged);
      expect(await update(dir, cache)).toMatchObject({ parsed: total });
      expect(await update(dir, cache)).toMatchObject({ parsed: 0 });
    }
    // A header that holds, records that do not: the records are read again.
    truncateSync(stored, good.length - 100);
    expect(await update(dir, cache)).toMatchObject({ parsed: total });
  });

  it('gives the pages of a build the registries the update stored', async () => {
    const { content } = await update(dir, cache);
    const registries = await storedRegistries(cache);
    expect(comparable({ ...content, registries }).registries).toEqual(comparable(content).registries);
    await expect(storedRegistries(path.join(work, 'no-cache'))).rejects.toThrow(/No content snapshot/);
  });

  it('computes the digest without parsing or storing anything', async () => {
    const { digest } = await update(dir, cache);
    const stored = readFileSync(contentSnapshotFile(cache));
    const target = file('articles/2024/2024-05-07-snapshot-digest.md');
    writeFileSync(target, story('digest'));
    const changed = contentDigest({ contentDir: dir, cacheDir: cache });
    expect(changed).not.toBe(digest);
    expect(readFileSync(contentSnapshotFile(cache)).equals(stored)).toBe(true);
    rmSync(target);
    expect(contentDigest({ contentDir: dir, cacheDir: cache })).toBe(digest);
    expect(contentDigest({ contentDir: dir, cacheDir: path.join(work, 'no-cache') })).toBe(digest);
  });
});

describe('the content snapshot of the sample newsroom', () => {
  it('is the content a full read gives, before and after edits of an article, a page and a registry', async () => {
    const dir = path.join(work, 'sample');
    const cache = path.join(work, 'sample-cache');
    cpSync(path.join(root, 'content'), dir, { recursive: true });
    settle(dir);
    const cold = await update(dir, cache);
    expect(cold.content.articles.length).toBeGreaterThan(10);
    expect(cold.content.pages.length).toBeGreaterThan(0);
    expect(await update(dir, cache)).toMatchObject({ parsed: 0 });

    const article = cold.content.articles[0]!.absolutePath;
    rewrite(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: A new headline'));
    const page = cold.content.pages[0]!.absolutePath;
    rewrite(page, `${readFileSync(page, 'utf8')}\nOne more line.\n`);
    const edited = await update(dir, cache);
    expect(edited.parsed).toBe(2);
    expect(edited.content.articles.some((a) => a.fields.title === 'A new headline')).toBe(true);

    const people = path.join(dir, 'people.yaml');
    rewrite(people, readFileSync(people, 'utf8').replace(/^(\s*role: ).*$/m, '$1Acting minister'));
    const registry = await update(dir, cache);
    expect(registry.parsed).toBeGreaterThanOrEqual(1);
    expect(registry.parsed).toBeLessThan(cold.parsed);
  });
});
