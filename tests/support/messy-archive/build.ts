/**
 * The messy archive built once per test run and shared by every test file that asks for it:
 * the first caller writes and builds it, the others wait for its result. The folder comes from
 * the global setup (`provide('messyArchiveRoot', …)`), so each run builds afresh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { buildSite, siteReader, type BuiltSite } from '../build-site.ts';
import { writeMessyArchive } from './index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    messyArchiveRoot: string;
  }
}

export interface MessyArchiveBuild extends BuiltSite {
  contentDir: string;
  /** Status and output of `npm run verify` over the build (null when the build failed). */
  verify: { status: number | null; output: string };
}

const root = path.resolve(import.meta.dirname, '../../..');

/** The archive (without its flawed files), its production build and the verification of it. */
export async function messyArchiveBuild(): Promise<MessyArchiveBuild> {
  const shared = inject('messyArchiveRoot');
  const resultFile = path.join(shared, 'result.json');
  let mine = false;
  try {
    mkdirSync(path.join(shared, 'lock'));
    mine = true;
  } catch {
    // Another test file is building it.
  }
  if (mine) {
    const contentDir = await writeMessyArchive();
    const work = path.join(shared, 'work');
    const site = buildSite(contentDir, {}, work);
    const verify =
      site.status === 0
        ? spawnSync(process.execPath, [path.join(root, 'scripts/verify.ts'), '--dist', site.outDir, '--html-pages', 'all'], {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: path.join(work, 'cache') },
          })
        : undefined;
    const result = {
      contentDir,
      status: site.status,
      output: site.output,
      outDir: site.outDir,
      verify: { status: verify?.status ?? null, output: verify ? `${verify.stdout}\n${verify.stderr}` : '' },
    };
    writeFileSync(resultFile, JSON.stringify(result));
  }
  while (!existsSync(resultFile)) await sleep(500);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    contentDir: string;
    status: number | null;
    output: string;
    outDir: string;
    verify: MessyArchiveBuild['verify'];
  };
  return { ...siteReader(result.outDir, result.status, result.output), contentDir: result.contentDir, verify: result.verify };
}
