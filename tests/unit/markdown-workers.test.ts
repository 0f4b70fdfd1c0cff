import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBodies, type BodyJob } from '../../src/lib/markdown/markdown-workers.ts';

const root = mkdtempSync(path.join(tmpdir(), 'markdown-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Bodies with what stories contain: headings, lists, quotes, links, dashes, apostrophes. */
function jobs(count: number): BodyJob[] {
  return Array.from({ length: count }, (_, i) => ({
    file: `articles/story-${i}.md`,
    digest: `body-${i}`,
    body: [
      `OSH — Talks on the reservoir's water -- story ${i} -- went on "late into the night"...`,
      `## Section ${i}`,
      `- first point\n- [a link](/2025/07/story-${i}/)\n- third point`,
      `> “We agreed,” said the minister.`,
      'word '.repeat(i * 3),
    ].join('\n\n'),
  }));
}

const files = (dir: string) => new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));

describe('renderBodies', () => {
  it('renders on worker threads exactly what the calling thread renders', async () => {
    // Just enough bodies for worker threads (renderBodies' threshold is 200).
    const many = jobs(200);
    const onWorkers = await renderBodies(many, path.join(root, 'workers'), 2);
    const here = await renderBodies(many, path.join(root, 'here'), 1);
    expect(onWorkers.workers).toBe(2);
    expect(here.workers).toBe(0);
    expect(files(path.join(root, 'workers'))).toEqual(files(path.join(root, 'here')));
    expect(onWorkers.readingMinutes).toEqual(here.readingMinutes);
    expect(onWorkers.readingMinutes.size).toBe(200);
    // Each worker loads the Markdown pipeline afresh: 43 s on a two-core machine under stress-ng and other builds.
  }, 180_000);

  it('writes typographic HTML and a reading time for each body', async () => {
    const [job] = jobs(120).slice(-1);
    const { readingMinutes } = await renderBodies([job!], path.join(root, 'one'));
    const html = readFileSync(path.join(root, 'one', `${job!.digest}.html`), 'utf8');
    expect(html).toContain('<h2 id="section-119">Section 119</h2>');
    expect(html).toContain('reservoir’s water — story 119 — went on “late into the night”…');
    expect(readingMinutes.get(job!.digest)).toBe(2); // 357 words + the rest at 230 a minute
  });

  it('renders a few bodies on the calling thread, where starting workers would cost more', async () => {
    expect((await renderBodies(jobs(5), path.join(root, 'few'), 2)).workers).toBe(0);
  });
});
