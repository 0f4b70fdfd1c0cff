/**
 * `npm run check` as writers and CI run it, on the broken newsroom in tests/fixtures/broken:
 * every problem with its precise message, in each output format.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const broken = 'tests/fixtures/broken';

function check(args: string[] = [], contentDir = broken) {
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

  it.each([
    ['unreadable YAML', /^tests\/fixtures\/broken\/articles\/bad-yaml\.md:2:8 {2}error {2}The YAML cannot be read: Nested mappings are not allowed/],
    ['a missing title', /^tests\/fixtures\/broken\/articles\/missing-title\.md:2:1 {2}error {2}title: is required\. Expected a text; found nothing/],
    ['a wrong date', /^tests\/fixtures\/broken\/articles\/bad-date\.md:4:1 {2}error {2}date: has the wrong form\. Expected an ISO 8601 date .*found "31\/07\/2025"\.$/],
    ['an unknown field', /^tests\/fixtures\/broken\/articles\/unknown-field\.md:5:1 {2}error {2}organisations: Unknown field "organisations"\..*Did you mean "organizations"\?$/],
    ['an alias conflict', /^tests\/fixtures\/broken\/organizations\.yaml:4:1 {2}error {2}\[1\]: "Shanghai Cricket Organization" and "Shanghai Cooperation Organization" \(line 1\) both claim the name or alias "sco"/],
    ['a slug collision', /^tests\/fixtures\/broken\/articles\/(2025\/)?osh-water\.md:1:1 {2}error {2}slug: This article and .*osh-water\.md would both be published at \/2025\/07\/osh-water\//],
    ['a link to nowhere', /^tests\/fixtures\/broken\/articles\/link-to-nowhere\.md:6:5 {2}error {2}The link \/2024\/07\/no-such-story\/ points to no page or file of the site\./],
    ['a link to no person', /^tests\/fixtures\/broken\/articles\/link-to-nowhere\.md:6:54 {2}error {2}The link \/people\/nobody-at-all\/ points to no page/],
    ['an image without alt text', /^tests\/fixtures\/broken\/articles\/image-without-alt\.md:6:1 {2}error {2}The image \/images\/amu-darya\.svg has no alt text\./],
    ['markup in a title', /^tests\/fixtures\/broken\/articles\/injection\.md:2:1 {2}warning {2}title: The title contains markup \(<script>\); it is shown as plain text, never run\./],
    ['markup in a summary', /^tests\/fixtures\/broken\/articles\/injection\.md:3:1 {2}warning {2}summary: The summary contains markup/],
  ])('reports %s', (_, pattern) => {
    expect(lines.some((line) => pattern.test(line)), `${pattern}\n${stdout}`).toBe(true);
  });

  it('ends with the counts', () => {
    expect(lines.filter(Boolean).at(-1)).toMatch(/^Checked tests\/fixtures\/broken in [\d.]+s: 9 errors, 2 warnings\.$/);
  });

  it('shows only the problems of the paths asked for', () => {
    const only = check(['tests/fixtures/broken/articles/bad-date.md']);
    expect(only.lines.filter((l) => l.includes('  error  '))).toHaveLength(1);
    expect(only.status).toBe(1);
  });

  it('writes GitHub annotations', () => {
    const github = check(['--format=github']);
    expect(github.lines).toContain(
      '::error file=tests/fixtures/broken/articles/bad-date.md,line=4,col=1,title=date::date: has the wrong form. Expected an ISO 8601 date or date-time such as 2025-07-31 or 2025-07-31T09%3A30%3A00+05%3A00; found "31/07/2025".'.replace(/%3A/g, ':'),
    );
  });

  it('writes JSON for other tools', () => {
    const json = JSON.parse(check(['--format=json']).stdout);
    expect(json).toMatchObject({ errors: 9, warnings: 2 });
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
