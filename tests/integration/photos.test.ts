/**
 * A newsroom's photos: a camera JPEG saved beside its article is published as a <picture> of
 * AVIF, WebP and JPEG in the widths its layout needs, with a 1200×630 crop for link previews;
 * the camera original is not published; `npm run build` again reuses every processed file (the
 * very same files of the cache, hard-linked, never processed again), and a replaced photo
 * renders its page again with new files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/lib/photo.ts';
import { newWorkDir } from '../support/build-site.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = mkdtempSync(path.join(tmpdir(), 'newsroom-photos-'));
const work = newWorkDir();
const dist = path.join(work, 'dist');
const assets = path.join(work, 'cache', 'assets');
afterAll(() => [content, work].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function write(file: string, data: string | Buffer) {
  mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
  writeFileSync(path.join(content, file), data);
}

const story = (title: string, date: string, image: string) =>
  `---\ntitle: ${title}\nsummary: Traders in the south describe a busy season.\ndate: ${date}\nlocation: Osh, Kyrgyzstan\ntopics: [Trade]\n${image}---\n\nTraders in **Osh** said the season had started early.\n`;

/** `npm run build` into `dist`; its output without colours (Astro colours it when CI is set). */
function build(extra: string[] = []) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts'), '--outDir', dist, ...extra], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

const page = (sitePath: string) => cheerio.load(readFileSync(path.join(dist, sitePath, 'index.html'), 'utf8'));
const inodes = () => Object.fromEntries(readdirSync(assets).map((name) => [name, statSync(path.join(assets, name)).ino]));
const MARKET = '/2025/07/osh-market/';

let photo: Buffer;
let first: { status: number | null; output: string };
beforeAll(async () => {
  photo = await syntheticPhoto(11, 1600);
  write(
    'articles/2025/07/2025-07-10-osh-market.md',
    story(
      'Osh market opens its new hall',
      '2025-07-10T09:00',
      'image:\n  src: osh-market.jpg\n  alt: Stalls under a high roof.\n  caption: The new hall.\n  credit: Erlan Ömirbek\n',
    ),
  );
  write('articles/2025/07/osh-market.jpg', photo);
  write(
    'articles/2025/07/2025-07-12-osh-bazaar.md',
    story('Osh bazaar adds a night market', '2025-07-12T09:00', 'image:\n  src: /images/digital-corridor.svg\n  alt: A map.\n'),
  );
  first = build();
}, 600_000);

describe('a photo beside its article', () => {
  it('is a <picture> of AVIF and WebP sources with a JPEG fallback, sized, and fetched first as the lead', () => {
    expect(first.status, first.output).toBe(0);
    const $ = page(MARKET);
    const picture = $('figure.lead-image picture');
    expect(picture).toHaveLength(1);
    const types = picture
      .find('source')
      .map((_, s) => $(s).attr('type'))
      .get();
    expect(types).toEqual(['image/avif', 'image/webp']);
    for (const source of picture.find('source').toArray()) {
      expect($(source).attr('srcset')).toMatch(/\.(avif|webp) 400w, .+ 1600w$/);
      expect($(source).attr('sizes')).toBeTruthy();
    }
    const img = picture.find('img');
    expect(img.attr('src')).toMatch(/^\/_astro\/osh-market\.[\w-]+\.jpg$/);
    expect(img.attr('srcset')).toMatch(/\.jpg 400w, .+\.jpg 1600w$/);
    // 1600 × 1067 source: never scaled up, and the box is known before the file arrives.
    expect([img.attr('width'), img.attr('height')]).toEqual(['1600', '1067']);
    expect(img.attr('fetchpriority')).toBe('high');
    expect(img.attr('loading')).toBe('eager');
    expect(img.attr('alt')).toBe('Stalls under a high roof.');
    expect($('figure.lead-image figcaption').text()).toBe('The new hall. Erlan Ömirbek');
  });

  it('gets a 1200×630 JPEG crop for link previews and structured data', async () => {
    const $ = page(MARKET);
    const og = $('meta[property="og:image"]').attr('content')!;
    expect(og).toMatch(/^https:\/\/news\.example\.org\/_astro\/osh-market\.[\w-]+\.jpg$/);
    expect($('meta[property="og:image:width"]').attr('content')).toBe('1200');
    expect($('meta[property="og:image:height"]').attr('content')).toBe('630');
    const file = path.join(dist, new URL(og).pathname);
    expect(await sharp(file).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
    const article = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(article.image).toEqual([og]);
  });

  it('does not publish the camera original', () => {
    const published = readdirSync(path.join(dist, '_astro')).map((name) => readFileSync(path.join(dist, '_astro', name)));
    expect(published.some((bytes) => bytes.equals(photo))).toBe(false);
  });

  it('leaves an SVG under public/ as it is', () => {
    const $ = page('/2025/07/osh-bazaar/');
    expect($('figure.lead-image picture')).toHaveLength(0);
    expect($('figure.lead-image img').attr('src')).toBe('/images/digital-corridor.svg');
  });
});

describe('npm run build again', () => {
  let before: Record<string, number>;
  let second: { status: number | null; output: string };
  beforeAll(() => {
    before = inodes();
    // A new story, so the build runs (an unchanged site is not built again at all), through
    // `astro build` (--full), whose image step is what this checks; the publish engine's
    // handling of photos is tests/integration/publish-engine.test.ts's.
    write('articles/2025/07/2025-07-14-osh-prices.md', story('Osh prices steady', '2025-07-14T09:00', ''));
    second = build(['--verbose', '--full']);
  }, 600_000);

  it('reuses every processed file: the same files of the cache, none processed again', () => {
    expect(second.status, second.output).toBe(0);
    expect(page('/2025/07/osh-prices/')('h1').text()).toBe('Osh prices steady');
    // 400, 800, 1200 and 1600 px in three formats, the share crop and the search thumbnail.
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(14);
    expect(second.output).toMatch(/osh-market\.[\w-]+\.avif \(reused cache entry\)/);
    expect(second.output).not.toMatch(/osh-market\.[\w-]+\.\w+ \(before:/);
    expect(second.output).toMatch(/^Photos: \d+ sizes written \(0 made, \d+ reused from the cache\)\.$/m);
    // The build works on a staging copy of the cache and swaps it in: the files are hard links.
    expect(inodes()).toEqual(before);
  });

  it('processes a replaced photo again and renders its page with the new files', async () => {
    const oldSrc = page(MARKET)('figure.lead-image img').attr('src');
    write('articles/2025/07/osh-market.jpg', await syntheticPhoto(12, 1600));
    const third = build();
    expect(third.status, third.output).toBe(0);
    const newSrc = page(MARKET)('figure.lead-image img').attr('src');
    expect(newSrc).toMatch(/^\/_astro\/osh-market\.[\w-]+\.jpg$/);
    expect(newSrc).not.toBe(oldSrc);
    expect(statSync(path.join(dist, newSrc!)).isFile()).toBe(true);
  }, 600_000);
});
