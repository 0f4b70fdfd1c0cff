/**
 * Where an article's photo may come from (`image.src`): a file beside the article, a file under
 * public/, or an https:// address on one of the site's image hosts; in a format browsers show
 * and under the site's size limit. Every refusal names the file, the line and `image.src`.
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/content-check.ts';
import { imageSource, imageSrc } from '../../src/lib/schema.ts';

describe('the image src rule', () => {
  it('accepts a file beside the article, a path under public/ and a web address', () => {
    for (const src of [
      'osh-market.jpg',
      './osh-market.jpg',
      'photos/osh market.JPEG',
      '../shared/map.png',
      '/images/x.jpg',
      '/images/chart.svg',
      'https://media.example.org/2025/osh.webp',
      'https://media.example.org/photos/12345',
    ]) {
      expect(imageSrc.safeParse(src).success, src).toBe(true);
    }
    expect(imageSource('./osh-market.jpg')).toEqual({ kind: 'beside', path: './osh-market.jpg' });
    expect(imageSource('/images/x.jpg')).toEqual({ kind: 'public', path: '/images/x.jpg' });
    expect(imageSource('https://media.example.org/a.jpg')).toMatchObject({ kind: 'remote' });
  });

  it('refuses what could run code or load from elsewhere, as for every link', () => {
    for (const src of [
      'javascript:alert(1).jpg',
      'JavaScript:alert(1)',
      'data:image/png;base64,AAAA',
      '//evil.example/a.jpg',
      '\\\\evil\\a.jpg',
      ' osh.jpg',
      'osh\t.jpg',
      'osh.jpg?x=1',
      'vbscript:x.jpg',
    ]) {
      expect(imageSrc.safeParse(src).success, JSON.stringify(src)).toBe(false);
    }
  });

  it('refuses formats browsers cannot show, and a local file without an extension', () => {
    for (const src of ['scan.tiff', 'scan.tif', 'IMG_0001.HEIC', 'old.bmp', '/images/raw.cr2', 'https://media.example.org/a.tiff', 'osh-market']) {
      const result = imageSrc.safeParse(src);
      expect(result.success, src).toBe(false);
    }
    expect(imageSrc.safeParse('scan.tiff').error?.issues[0]?.message).toBe('expected an image file ending in .jpg, .jpeg, .png, .webp, .avif, .gif, .svg');
  });
});

describe('the content check of an article photo', () => {
  let dir: string;
  const site = {
    timeZone: 'Asia/Almaty',
    defaultByline: 'Staff Reporter',
    url: 'https://news.example.org',
    base: '/',
    imageHosts: ['media.example.org'],
    imageMaxBytes: 1000,
  };
  const write = (file: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const story = (src: string) => `---\ntitle: A story\nsummary: What happened.\ndate: 2025-07-31\nimage:\n  alt: A market\n  src: ${src}\n---\nBody.\n`;
  const check = () => checkContent(path.join(dir, 'content'), { site, publicDir: path.join(dir, 'public'), now: new Date('2026-01-01') });
  const fileOf = (name: string) => path.join('content/articles', name);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'image-src-'));
    write('public/images/x.jpg', 'jpeg');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a photo beside the article, under public/, and on an image host', async () => {
    write('content/articles/2025/osh.jpg', 'jpeg');
    write('content/articles/2025/beside.md', story('osh.jpg'));
    write('content/articles/2025/dotted.md', story('./osh.jpg'));
    write('content/articles/public.md', story('/images/x.jpg'));
    write('content/articles/remote.md', story('https://media.example.org/2025/osh.jpg'));
    expect(await check()).toEqual([]);
  });

  it('reports a missing file, a refused host, an oversized photo and an unsupported format at file:line image.src', async () => {
    write('content/articles/missing.md', story('osh-market.jpg'));
    write('content/articles/elsewhere.md', story('https://photos.example.com/osh.jpg'));
    write('content/articles/raw.jpg', 'x');
    truncateSync(path.join(dir, 'content/articles/raw.jpg'), 2 * 1024 * 1024);
    write('content/articles/big.md', story('raw.jpg'));
    write('content/articles/scan.md', story('scan.tiff'));
    const problems = await check();
    const at = (name: string) => problems.find((p) => p.file.endsWith(name));
    for (const name of ['missing.md', 'elsewhere.md', 'big.md', 'scan.md']) {
      expect(at(name), name).toMatchObject({ severity: 'error', line: 7, field: 'image.src' });
      expect(path.resolve(at(name)!.file)).toBe(path.join(dir, fileOf(name)));
    }
    expect(at('missing.md')).toMatchObject({
      message: 'The image osh-market.jpg does not exist.',
      expected: `a file at ${path.relative(process.cwd(), path.join(dir, fileOf('osh-market.jpg')))}`,
    });
    expect(at('elsewhere.md')).toMatchObject({
      message: "The image https://photos.example.com/osh.jpg is on photos.example.com, which is not one of the site's image hosts.",
      expected: 'an address on media.example.org',
      hint: expect.stringContaining('imageHosts in src/site.config.ts'),
    });
    expect(at('big.md')).toMatchObject({ message: "The image raw.jpg is 2.0 MB, over the site's limit of 0.0 MB.", found: '2.0 MB' });
    expect(at('scan.md')).toMatchObject({ expected: expect.stringContaining('.jpg, .jpeg, .png'), hint: expect.stringContaining('export the photo as JPEG') });
    expect(problems).toHaveLength(4);
  });

  it('holds author portraits to the same rules, from public/ or an image host', async () => {
    write(
      'content/authors.yaml',
      '- name: Dana Serikova\n  photo: { src: dana.jpg, alt: Dana }\n- name: Ainur Bekova\n  photo: { src: "https://photos.example.com/a.jpg", alt: Ainur }\n',
    );
    write('content/articles/a.md', '---\ntitle: A story\nsummary: What happened.\ndate: 2025-07-31\nauthors: [Dana Serikova, Ainur Bekova]\n---\nBody.\n');
    const problems = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'photo.src',
        message: expect.stringContaining('The photo of "Dana Serikova", dana.jpg, is named relative to the registry'),
      }),
      expect.objectContaining({
        line: 3,
        field: 'photo.src',
        message: expect.stringContaining('The photo of "Ainur Bekova", https://photos.example.com/a.jpg, is on photos.example.com'),
      }),
    ]);
  });
});
