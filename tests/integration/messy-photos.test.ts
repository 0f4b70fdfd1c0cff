/**
 * Photos as a desk files them (tests/support/messy-archive/photos.part.ts): the production build
 * turns a JPEG beside a story, one in a folder and one with an upper-case `.JPG` into <picture>
 * elements and keeps an illustration under public/ as it is; `npm run check` rejects a missing
 * photo, a TIFF, a HEIC, a photo on an unlisted host and a `javascript:` address, each at its
 * file, line and `image.src`.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { checkContent } from '../../src/lib/content/content-check.ts';
import type { ContentProblem } from '../../src/lib/content/problems.ts';
import { siteConfig } from '../../src/site.config.ts';
import { messyArchiveBuild, type MessyArchiveBuild } from '../support/messy-archive/build.ts';
import { writeMessyArchive } from '../support/messy-archive/index.ts';
import { PHOTOS_FILES, PHOTOS_FLAWED } from '../support/messy-archive/photos.part.ts';

const pageOf = (file: string) => {
  const [, year, month, name] = /articles\/(\d{4})\/(\d{2})\/(?:\d{4}-\d{2}-\d{2}-)?(.+)\.md$/.exec(file)!;
  return `/${year}/${month}/${name}/`;
};

describe('photos in the built archive', () => {
  let site: MessyArchiveBuild;
  beforeAll(async () => {
    site = await messyArchiveBuild();
  }, 900_000);

  it('publishes every photo beside its story as a sized <picture>, fetched first', () => {
    for (const file of [PHOTOS_FILES.beside, PHOTOS_FILES.folder, PHOTOS_FILES.upperCase]) {
      const $ = site.page(pageOf(file));
      expect($('figure.lead-image picture source[type="image/avif"]').attr('srcset'), file).toMatch(/\.avif 320w$/);
      const img = $('figure.lead-image picture img');
      expect([img.attr('width'), img.attr('height'), img.attr('fetchpriority')], file).toEqual(['320', '213', 'high']);
    }
  });

  it('keeps an illustration under public/ as it is', () => {
    expect(site.page(pageOf(PHOTOS_FILES.publicSvg))('figure.lead-image img').attr('src')).toBe('/images/mountain-railway.svg');
  });
});

describe('photos in the content check', () => {
  let dir: string;
  let problems: ContentProblem[];
  beforeAll(async () => {
    dir = await writeMessyArchive({ flawed: true });
    problems = await checkContent(dir, { site: siteConfig, publicDir: path.resolve('public'), now: new Date() });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects each flawed photo at its file, line and image.src, and nothing of the good ones', () => {
    const mine = problems.filter(
      (p) => Object.keys(PHOTOS_FLAWED).some((f) => p.file.endsWith(f)) || Object.values(PHOTOS_FILES).some((f) => p.file.endsWith(f)),
    );
    const where = (p: ContentProblem) => `${p.file.slice(p.file.indexOf('articles/'))}:${p.line} ${p.severity} ${p.field}`;
    expect(mine.map(where).sort()).toEqual(
      Object.entries(PHOTOS_FLAWED)
        .map(([file, line]) => `${file}:${line} error image.src`)
        .sort(),
    );
  });
});
