import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderedBodies, renderedBodiesDir } from '../../src/lib/markdown/rendered-bodies.ts';
import { linkTree, processedImagesDir, publishLayout, recoverInterrupted, removeInBackground, seedCache, swapIn } from '../../src/lib/build/staged-output.ts';

const root = mkdtempSync(path.join(tmpdir(), 'staged-output-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

describe('publishLayout', () => {
  it('puts the lock and staging folders beside the output and the cache', () => {
    expect(publishLayout('/site/dist', '/site/node_modules/.astro', 12)).toEqual({
      outDir: '/site/dist',
      outLock: '/site/dist.lock',
      outStaging: '/site/dist.staging',
      outAside: '/site/dist.old-12',
      outSpare: '/site/dist.spare',
      cacheDir: '/site/node_modules/.astro',
      cacheLock: '/site/node_modules/.astro.lock',
      cacheStaging: '/site/node_modules/.astro.staging',
      cacheAside: '/site/node_modules/.astro.old-12',
      cacheSpare: '/site/node_modules/.astro.spare',
    });
  });
});

describe('swapIn and recoverInterrupted', () => {
  it('replaces the published folder whole, keeping the replaced one as the spare', () => {
    const dir = mkdtempSync(path.join(root, 'swap-'));
    const { outDir, outStaging, outAside, outSpare } = publishLayout(path.join(dir, 'dist'), path.join(dir, 'cache'));
    folder(outDir, { 'index.html': 'old', 'gone.html': 'old' });
    folder(outStaging, { 'index.html': 'new' });
    expect(swapIn(outStaging, outDir, outAside, outSpare)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['dist', 'dist.spare']);
    expect(readdirSync(outDir)).toEqual(['index.html']);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(outSpare).sort()).toEqual(['gone.html', 'index.html']);
  });

  it('hands the spare before it over for removal', () => {
    const dir = mkdtempSync(path.join(root, 'swap-again-'));
    const { outDir, outStaging, outAside, outSpare } = publishLayout(path.join(dir, 'dist'), path.join(dir, 'cache'));
    folder(outSpare, { 'index.html': 'oldest' });
    folder(outDir, { 'index.html': 'old' });
    folder(outStaging, { 'index.html': 'new' });
    const unneeded = swapIn(outStaging, outDir, outAside, outSpare);
    expect(unneeded).toEqual([`${outDir}.removing-${process.pid}`]);
    expect(readFileSync(path.join(unneeded[0]!, 'index.html'), 'utf8')).toBe('oldest');
    expect(readFileSync(path.join(outSpare, 'index.html'), 'utf8')).toBe('old');
  });

  it('puts a first build in place with nothing to keep or remove', () => {
    const dir = mkdtempSync(path.join(root, 'first-'));
    const { outDir, outStaging, outAside, outSpare } = publishLayout(path.join(dir, 'dist'), path.join(dir, 'cache'));
    folder(outStaging, { 'index.html': 'new' });
    expect(swapIn(outStaging, outDir, outAside, outSpare)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['dist']);
  });

  it('removes folders in a process of its own', async () => {
    const dir = mkdtempSync(path.join(root, 'background-'));
    const { outDir, outStaging, outAside, outSpare } = publishLayout(path.join(dir, 'dist'), path.join(dir, 'cache'));
    folder(outSpare, { 'index.html': 'oldest', 'a/b/c.html': 'oldest' });
    folder(outDir, { 'index.html': 'old' });
    folder(outStaging, { 'index.html': 'new' });
    removeInBackground(swapIn(outStaging, outDir, outAside, outSpare));
    // However slow the machine, the remover ends; then only the site and its spare are left.
    await expect.poll(() => readdirSync(dir).sort(), { timeout: 120_000, interval: 50 }).toEqual(['dist', 'dist.spare']);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('new');
  });

  it('puts back a published folder that a build moved aside and was killed before replacing', () => {
    const dir = mkdtempSync(path.join(root, 'killed-'));
    const killed = publishLayout(path.join(dir, 'dist'), path.join(dir, 'cache'), 4242);
    folder(killed.outAside, { 'index.html': 'published' });
    folder(killed.outStaging, { 'index.html': 'unpublished' });
    folder(path.join(dir, 'dist-other'), { 'index.html': 'another site' });
    const actions = recoverInterrupted(killed.outDir);
    expect(actions).toEqual([
      'Put back dist from dist.old-4242, left by a build stopped while publishing.',
      'Removed dist.staging, left by an interrupted build.',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['dist', 'dist-other']);
    expect(readFileSync(path.join(killed.outDir, 'index.html'), 'utf8')).toBe('published');
  });

  it('removes staging and set-aside folders when the published one is in place', () => {
    const dir = mkdtempSync(path.join(root, 'leftovers-'));
    const cache = path.join(dir, '.astro');
    folder(cache, { 'data-store.json': '{}' });
    folder(`${cache}.staging`, { 'data-store.json': '{"half": true}' });
    folder(`${cache}.old-77`, { 'data-store.json': '{"older": true}' });
    writeFileSync(`${cache}.lock`, '{}');
    // A replaced folder whose remover is gone (no process has pid 2^22 + 1, above Linux's pid_max).
    folder(`${cache}.removing-4194305`, { 'data-store.json': '{"replaced": true}' });
    // One whose remover is at work: this process stands in for it.
    folder(`${cache}.removing-${process.pid}`, { 'data-store.json': '{"being removed": true}' });
    expect(recoverInterrupted(cache).sort()).toEqual([
      'Removed .astro.old-77, left by an interrupted build.',
      'Removed .astro.removing-4194305, a replaced folder left behind.',
      'Removed .astro.staging, left by an interrupted build.',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['.astro', '.astro.lock', `.astro.removing-${process.pid}`]);
    expect(readFileSync(path.join(cache, 'data-store.json'), 'utf8')).toBe('{}');
  });
});

describe('seedCache', () => {
  it('gives the build a copy it can change without touching the published cache', async () => {
    const dir = mkdtempSync(path.join(root, 'seed-'));
    const published = path.join(dir, '.astro');
    const staging = `${published}.staging`;
    folder(published, { 'incremental-build.json': '{"routes":{}}', 'dist/index.html': '<p>published</p>' });
    renderedBodies(renderedBodiesDir(published)).write('abc', '<p>body</p>');
    folder(staging, { 'left-over.json': 'from a killed build' });

    await seedCache(published, staging);
    expect(existsSync(path.join(staging, 'left-over.json'))).toBe(false);
    expect(readFileSync(path.join(staging, 'dist/index.html'), 'utf8')).toBe('<p>published</p>');
    // Astro rewrites its files in place: the staging copy must be a file of its own.
    writeFileSync(path.join(staging, 'dist/index.html'), '<p>changed</p>');
    expect(readFileSync(path.join(published, 'dist/index.html'), 'utf8')).toBe('<p>published</p>');

    // Bodies are shared (hard links) and replaced by rename, so a new rendering leaves the published one.
    const publishedBody = path.join(renderedBodiesDir(published), 'abc.html');
    expect(statSync(path.join(renderedBodiesDir(staging), 'abc.html')).ino).toBe(statSync(publishedBody).ino);
    const stagingBodies = renderedBodies(renderedBodiesDir(staging));
    stagingBodies.write('abc', '<p>rendered again</p>');
    stagingBodies.prune(new Set());
    expect(readFileSync(publishedBody, 'utf8')).toBe('<p>body</p>');
  });

  it('shares processed local images (written once) and copies remote image entries (revalidated in place)', async () => {
    const dir = mkdtempSync(path.join(root, 'assets-'));
    const published = path.join(dir, '.astro');
    const staging = `${published}.staging`;
    folder(published, {
      'assets/osh.DXT40dXc_Z2jCrqY.avif': 'avif bytes',
      'assets/remote.Ab12_Zx.webp': 'remote bytes',
      'assets/remote.Ab12_Zx.webp.json': '{"expires":1}',
    });
    await seedCache(published, staging);

    const local = (cache: string) => path.join(processedImagesDir(cache), 'osh.DXT40dXc_Z2jCrqY.avif');
    expect(statSync(local(staging)).ino).toBe(statSync(local(published)).ino);
    // A photo processed in this build is a new file: the published cache does not get it.
    writeFileSync(path.join(processedImagesDir(staging), 'new.Cd34_Q1.avif'), 'new');
    expect(existsSync(path.join(processedImagesDir(published), 'new.Cd34_Q1.avif'))).toBe(false);
    // Revalidating a remote image rewrites its entry in place: the published one must not change.
    for (const name of ['remote.Ab12_Zx.webp', 'remote.Ab12_Zx.webp.json']) {
      expect(statSync(path.join(processedImagesDir(staging), name)).ino).not.toBe(statSync(path.join(processedImagesDir(published), name)).ino);
      writeFileSync(path.join(processedImagesDir(staging), name), 'revalidated');
      expect(readFileSync(path.join(processedImagesDir(published), name), 'utf8')).not.toBe('revalidated');
    }
  });

  it('starts from nothing when there is no published cache', async () => {
    const dir = mkdtempSync(path.join(root, 'fresh-'));
    await seedCache(path.join(dir, '.astro'), path.join(dir, '.astro.staging'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('linkTree', () => {
  const tree = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((name) => [name, statSync(path.join(dir, name)).isDirectory() ? 'folder' : statSync(path.join(dir, name)).ino]),
    );

  it('links every file of the published folder into new folders', () => {
    const dir = mkdtempSync(path.join(root, 'link-'));
    folder(path.join(dir, 'dist'), { 'index.html': 'home', '2025/08/story/index.html': 'story' });
    linkTree(path.join(dir, 'dist'), path.join(dir, 'dist.staging'));
    expect(tree(path.join(dir, 'dist.staging'))).toEqual(tree(path.join(dir, 'dist')));
  });

  it('makes the copy from the spare, changing only the names that differ', () => {
    const dir = mkdtempSync(path.join(root, 'relink-'));
    const published = path.join(dir, 'dist');
    const spare = path.join(dir, 'dist.spare');
    folder(published, { 'index.html': 'home', 'kept/index.html': 'kept', 'new/index.html': 'new', 'now-a-file': 'file', 'now-a-folder/index.html': 'folder' });
    linkTree(published, spare);
    // The spare as an older publish left it: a page replaced since, one removed since, and names of another kind.
    const kept = statSync(path.join(spare, 'kept/index.html')).ino;
    for (const name of ['new', 'index.html', 'now-a-file', 'now-a-folder']) rmSync(path.join(spare, name), { recursive: true });
    folder(spare, { 'index.html': 'older home', 'removed/index.html': 'removed', 'now-a-file/index.html': 'folder', 'now-a-folder': 'file' });
    linkTree(published, path.join(dir, 'dist.staging'), spare);
    expect(existsSync(spare)).toBe(false);
    expect(tree(path.join(dir, 'dist.staging'))).toEqual(tree(published));
    // An unchanged file was left as it was, not linked anew.
    expect(statSync(path.join(dir, 'dist.staging/kept/index.html')).ino).toBe(kept);
  });
});
