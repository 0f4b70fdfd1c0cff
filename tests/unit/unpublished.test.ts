import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest, saveUnpublished, unpublishedPaths } from '../../src/lib/verify/unpublished.ts';

const site = { timeZone: 'Asia/Almaty', defaultByline: 'Staff Reporter' };
let content: string;
let cacheDir: string;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
  writeFileSync(path.join(content, file), text);
}
const article = (date: string, fields = '') => `---\ntitle: A story\nsummary: What happened.\ndate: ${date}\n${fields}\n---\nBody.\n`;

beforeEach(() => {
  const work = mkdtempSync(path.join(tmpdir(), 'unpublished-'));
  content = path.join(work, 'content');
  cacheDir = path.join(work, 'cache');
  write('articles/2025-07-01-out.md', article('2025-07-01'));
  write('articles/2025-07-02-draft.md', article('2025-07-02', 'draft: true'));
  write('articles/2025-09-01-scheduled.md', article('2025-09-01T10:00'));
});
afterEach(() => rmSync(path.dirname(content), { recursive: true, force: true }));

describe('unpublishedPaths', () => {
  const august = new Date('2025-08-01T00:00:00Z');
  const october = new Date('2025-10-01T00:00:00Z');

  it('reads the content when nothing was kept, then keeps what it read for the next run', async () => {
    const first = await unpublishedPaths(content, site, cacheDir, august);
    expect(first.paths.sort()).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);
    first.keep!();
    const second = await unpublishedPaths(content, site, cacheDir, august);
    expect(second.paths.sort()).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);
    expect(second.keep).toBeUndefined();
  });

  it('takes the kept list of unchanged content as of now: a scheduled story that came due is out of it', async () => {
    saveUnpublished(cacheDir, contentDigest(content, site), [{ path: '/kept/', draft: false, date: new Date('2025-09-15') }], august);
    const result = await unpublishedPaths(content, site, cacheDir, august);
    expect(result).toEqual({ paths: ['/kept/'] });
    expect((await unpublishedPaths(content, site, cacheDir, october)).paths).toEqual([]);
  });

  it('reads the content again when a file changed, the settings differ, the clock is behind the list or the list is damaged', async () => {
    const keep = () => saveUnpublished(cacheDir, contentDigest(content, site), [{ path: '/kept/', draft: true, date: new Date('2025-01-01') }], august);
    const read = async (now = october, settings = site) => (await unpublishedPaths(content, settings, cacheDir, now)).paths.sort();

    keep();
    write('articles/2025-09-01-scheduled.md', article('2025-09-01T10:00', 'draft: true'));
    expect(await read()).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);

    keep();
    write('people.yaml', '- name: Aigerim Sadykova\n');
    expect(await read()).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);

    keep();
    expect(await read(october, { ...site, timeZone: 'UTC' })).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);
    expect(await read(new Date('2025-07-15'))).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);

    const file = path.join(cacheDir, 'unpublished.json');
    for (const damaged of [readFileSync(file, 'utf8').slice(0, 40), 'null', JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), stories: [{ path: 1 }] })]) {
      writeFileSync(file, damaged);
      expect(await read()).toEqual(['/2025/07/draft/', '/2025/09/scheduled/']);
    }
  });
});
