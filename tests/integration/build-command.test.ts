/**
 * `npm run build` (scripts/build.ts): builds and verifies, and stops at once when nothing the
 * site is made from has changed and its output is as the last build left it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkDir } from '../support/build-site.ts';
import { writeFixture } from '../support/fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = writeFixture();
const work = newWorkDir();
afterAll(() => [content, work].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const dist = path.join(work, 'dist');
function build() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts'), '--outDir', dist], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: content, ASTRO_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
const rebuilt = (output: string) => /Verified .* no problems/.test(output);
const skipped = (output: string) => output.includes('Nothing to build');

describe('npm run build', () => {
  it('builds and verifies, then skips a build that would change nothing, and builds again on any change', () => {
    const first = build();
    expect(first.status, first.output).toBe(0);
    expect(rebuilt(first.output)).toBe(true);

    const again = build();
    expect(again.status).toBe(0);
    expect(skipped(again.output)).toBe(true);
    expect(rebuilt(again.output)).toBe(false);

    const article = path.join(content, 'articles/2025/08/2025-08-01-midnight-filing.md');
    writeFileSync(article, `${readFileSync(article, 'utf8')}\nA late correction.\n`);
    const edited = build();
    expect(edited.status, edited.output).toBe(0);
    expect(rebuilt(edited.output)).toBe(true);
    expect(readFileSync(path.join(dist, '2025/08/midnight-filing/index.html'), 'utf8')).toContain('A late correction.');

    // The output was changed by hand: it is no longer what the last build wrote.
    rmSync(path.join(dist, 'index.html'));
    const repaired = build();
    expect(repaired.status).toBe(0);
    expect(rebuilt(repaired.output)).toBe(true);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('<html');
  }, 900_000);
});
