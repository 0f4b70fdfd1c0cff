import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireBuildLock, describeHolder, isAlive } from '../../src/lib/build/build-lock.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'build-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has ended. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  return Number(pid);
}

describe('acquireBuildLock', () => {
  it('lets one build hold the lock and names it to the next, until it is released', () => {
    const file = path.join(dir, 'one.lock');
    const first = acquireBuildLock(file, { pid: process.pid, started: new Date(2026, 0, 5, 9, 41) });
    expect(first.acquired).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);

    const second = acquireBuildLock(file, { pid: 999_999_999, started: new Date() });
    expect(second.acquired).toBe(false);
    if (second.acquired) return;
    expect(describeHolder(second.holder)).toBe(`another build (PID ${process.pid}) is running since 09:41`);

    if (first.acquired) first.lock.release();
    expect(existsSync(file)).toBe(false);
    const third = acquireBuildLock(file);
    expect(third.acquired).toBe(true);
    if (third.acquired) third.lock.release();
  });

  it('takes over the lock of a build whose process is gone, and says whose it was', () => {
    const file = path.join(dir, 'stale.lock');
    const dead = deadPid();
    writeFileSync(file, JSON.stringify({ pid: dead, started: new Date().toISOString(), children: [] }));
    const attempt = acquireBuildLock(file);
    expect(attempt.acquired).toBe(true);
    if (!attempt.acquired) return;
    expect(attempt.tookOverFrom?.pid).toBe(dead);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    attempt.lock.release();
  });

  it('stops what a dead build started and still runs (its Astro), and nothing else', async () => {
    const file = path.join(dir, 'orphans.lock');
    const idle = 'setInterval(() => {}, 1000)';
    // Stand-ins whose command lines look like the build's Astro process and like anything else.
    const orphan = spawn(process.execPath, ['-e', idle, 'node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'ignore' });
    const stranger = spawn(process.execPath, ['-e', idle], { stdio: 'ignore' });
    const orphanGone = new Promise((resolve) => orphan.on('exit', resolve));
    try {
      writeFileSync(file, JSON.stringify({ pid: deadPid(), started: new Date().toISOString(), children: [orphan.pid, stranger.pid] }));
      const attempt = acquireBuildLock(file);
      expect(attempt.acquired).toBe(true);
      if (attempt.acquired) attempt.lock.release();
      await orphanGone;
      expect(isAlive(stranger.pid!)).toBe(true);
    } finally {
      orphan.kill('SIGKILL');
      stranger.kill('SIGKILL');
    }
  }, 60_000);

  it('treats an unreadable lock file as stale', () => {
    const file = path.join(dir, 'garbled.lock');
    writeFileSync(file, '{"pid": 12');
    const attempt = acquireBuildLock(file);
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) attempt.lock.release();
  });

  it('records the processes the build starts, and a release leaves another build’s lock alone', () => {
    const file = path.join(dir, 'children.lock');
    const attempt = acquireBuildLock(file);
    if (!attempt.acquired) throw new Error('not acquired');
    attempt.lock.addChild(4242);
    expect(JSON.parse(readFileSync(file, 'utf8')).children).toEqual([4242]);
    writeFileSync(file, JSON.stringify({ pid: 1, started: new Date().toISOString(), children: [] }));
    attempt.lock.release();
    expect(existsSync(file)).toBe(true);
  });
});
