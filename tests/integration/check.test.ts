/**
 * `npm run check` as writers and CI run it, on the broken newsroom in tests/fixtures/broken:
 * every problem with its precise message, in each output format.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROKEN_COUNTS, BROKEN_DIR, BROKEN_PROBLEMS } from '../support/broken-corpus.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function check(args: string[] = [], contentDir = BROKEN_DIR) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir },
  });
  return { status: result.status, lines: result.stdout.split('\n'), stdout: result.stdout, stderr: result.stderr };
}

describe('npm run check on broken content', () => {
  const { status, lines, stdout } = check();

  it('exits with an error', () => {
    expect(status).toBe(1);
  });

  it.each(BROKEN_PROBLEMS)('reports %s', (_, pattern) => {
    expect(
      lines.some((line) => pattern.test(line)),
      `${pattern}\n${stdout}`,
    ).toBe(true);
  });

  it('ends with the counts', () => {
    expect(lines.filter(Boolean).at(-1)).toMatch(
      new RegExp(`^Checked tests/fixtures/broken in [\\d.]+s: ${BROKEN_COUNTS.errors} errors, ${BROKEN_COUNTS.warnings} warnings\\.$`),
    );
  });

  it('shows only the problems of the paths asked for', () => {
    const only = check(['tests/fixtures/broken/articles/bad-date.md']);
    expect(only.lines.filter((l) => l.includes('  error  '))).toHaveLength(1);
    expect(only.status).toBe(1);
  });

  it('writes GitHub annotations', () => {
    const github = check(['--format=github']);
    expect(github.lines).toContain(
      '::error file=tests/fixtures/broken/articles/bad-date.md,line=4,col=1,title=date::date: has the wrong form. Expected an ISO 8601 date or date-time such as 2025-07-31 or 2025-07-31T09%3A30%3A00+05%3A00; found "31/07/2025".'.replace(
        /%3A/g,
        ':',
      ),
    );
  });

  it('takes the format as npm passes it when the `--` is left out (`npm run check --format=github`)', () => {
    expect(check(['github']).lines).toEqual(check(['--format=github']).lines);
  });

  it('refuses a path that does not exist', () => {
    const result = check(['tests/fixtures/broken/articles/no-such-file.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No such file or folder: tests/fixtures/broken/articles/no-such-file.md');
  });

  it('writes JSON for other tools', () => {
    const json = JSON.parse(check(['--format=json']).stdout);
    expect(json).toMatchObject(BROKEN_COUNTS);
    expect(json.problems[0]).toHaveProperty('file');
  });
});

describe('npm run check on good content', () => {
  it('passes the sample newsroom', () => {
    const result = check([], 'content');
    expect(result.status, result.stdout).toBe(0);
  });

  it('refuses an unknown format', () => {
    expect(check(['--format=xml']).status).toBe(2);
  });
});
