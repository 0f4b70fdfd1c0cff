/**
 * One build at a time per output folder and build cache: `npm run build` holds a lock file
 * beside each, naming its process and start time. The file is made whole and then linked into
 * place, which fails if it exists, so two builds starting together cannot both win, and a lock
 * is never seen half-written. A lock whose process has died (the build was killed) is taken over;
 * processes that build started and that outlived it are stopped first, since they would still
 * write into folders the next build is about to remove.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  /** When that build started (ISO 8601). */
  started: string;
  /** Processes the build started (Astro, the verification), so a build that takes over can stop them. */
  children: number[];
}

export type LockAttempt = { acquired: true; lock: BuildLock; tookOverFrom?: LockHolder } | { acquired: false; holder: LockHolder };

export interface BuildLock {
  readonly file: string;
  /** Records a process this build started. */
  addChild(pid: number): void;
  /** Removes the lock file, if it is still this build's. */
  release(): void;
}

export function acquireBuildLock(file: string, self: { pid: number; started: Date } = { pid: process.pid, started: new Date() }): LockAttempt {
  const mine: LockHolder = { pid: self.pid, started: self.started.toISOString(), children: [] };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (placeLock(file, mine)) return { acquired: true, lock: heldLock(file, mine) };
    const holder = readHolder(file);
    if (!holder) continue; // released meanwhile: try again
    if (isAlive(holder.pid)) return { acquired: false, holder };
    // The holder is dead. Move its lock aside and check that it was that lock we moved: another
    // build may have taken over (and placed its own) in between.
    const aside = `${file}.stale-${self.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (moved && moved.pid !== holder.pid) {
      // Not the dead build's lock: put it back unless yet another lock took its place.
      try {
        linkSync(aside, file);
      } catch {
        // a newer lock is in place
      }
      rmSync(aside, { force: true });
      continue;
    }
    rmSync(aside, { force: true });
    stopOrphans(holder.children);
    if (placeLock(file, mine)) return { acquired: true, lock: heldLock(file, mine), tookOverFrom: holder };
  }
  const holder = readHolder(file);
  if (holder) return { acquired: false, holder };
  throw new Error(`Could not take the build lock ${file}; remove it if no build is running.`);
}

/** "another build (PID 123) is running since 09:41" */
export function describeHolder(holder: LockHolder): string {
  return `another build (PID ${holder.pid}) is running since ${clockTime(holder.started)}`;
}

/** Hours and minutes of an ISO 8601 instant in the machine's time zone. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Whether process `pid` exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  // 0 and negative ids address process groups, not a process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function placeLock(file: string, holder: LockHolder): boolean {
  const draft = `${file}.${holder.pid}.tmp`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(draft, JSON.stringify(holder));
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function heldLock(file: string, holder: LockHolder): BuildLock {
  return {
    file,
    addChild(pid) {
      holder.children.push(pid);
      // Replaced by rename: a reader sees the old lock or the new one, never a part.
      const draft = `${file}.${holder.pid}.tmp`;
      writeFileSync(draft, JSON.stringify(holder));
      renameSync(draft, file);
    },
    release() {
      if (readHolder(file)?.pid === holder.pid) rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof holder.pid !== 'number') return { pid: -1, started: new Date(0).toISOString(), children: [] };
    return { pid: holder.pid, started: holder.started ?? new Date(0).toISOString(), children: holder.children ?? [] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable content: no live build wrote it (locks are placed whole), so it is stale.
    return { pid: -1, started: new Date(0).toISOString(), children: [] };
  }
}

/**
 * Stops the processes a dead build started, if they still run a build (their command line names
 * Astro or the project's scripts): a process id can be reused by an unrelated process.
 */
function stopOrphans(children: readonly number[]): void {
  for (const pid of children) {
    if (!isAlive(pid)) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // no /proc: leave it alone rather than risk stopping a stranger
    }
    if (/astro\.mjs|scripts\/verify\.ts/.test(command)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
      // Give it a moment to be gone (a few seconds at most: a zombie never leaves the table).
      for (let waited = 0; waited < 5_000 && isAlive(pid) && !isZombie(pid); waited += 50) sleepSync(50);
    }
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
