/**
 * html-validate over many pages, spread over worker threads (it costs about 9 ms a page, which
 * makes it the slowest part of verifying a large site). Each worker validates an interleaved
 * share of the pages; results come back in page order. With a cache file, a page whose HTML
 * (and the configuration) is unchanged since the last run is not validated again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

export interface PageReport {
  file: string;
  messages: { line: number; column: number; message: string; ruleId: string }[];
}

/** Below this many pages, starting workers costs more than it saves. */
const PAGES_PER_WORKER = 200;

export async function validatePages(
  files: readonly string[],
  config: Record<string, unknown>,
  cacheFile?: string,
): Promise<PageReport[]> {
  if (!cacheFile) return validateAll(files, config);
  const cache = readCache(cacheFile);
  const settings = JSON.stringify(config);
  const keys = files.map((file) => createHash('sha1').update(settings).update(readFileSync(file)).digest('base64url'));
  const missing = files.filter((_, i) => !cache[keys[i]!]);
  const fresh = new Map((await validateAll(missing, config)).map((report) => [report.file, report.messages]));
  const next: typeof cache = {};
  const reports = files.map((file, i) => {
    const messages = cache[keys[i]!] ?? fresh.get(file)!;
    next[keys[i]!] = messages;
    return { file, messages };
  });
  // Written whole and then renamed, so a reader never sees half a file.
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(next));
  renameSync(partial, cacheFile);
  return reports;
}

/** The cached results; a missing or unreadable cache is an empty one. */
function readCache(cacheFile: string): Record<string, PageReport['messages']> {
  try {
    return existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
  } catch {
    return {};
  }
}

async function validateAll(files: readonly string[], config: Record<string, unknown>): Promise<PageReport[]> {
  const workers = Math.min(availableParallelism(), Math.floor(files.length / PAGES_PER_WORKER));
  if (workers < 2) return validate(files, config);
  const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
  const reports = await Promise.all(
    shares.map(
      (share) =>
        new Promise<PageReport[]>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { files: share, config } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const byFile = new Map(reports.flat().map((report) => [report.file, report]));
  return files.map((file) => byFile.get(file)!);
}

function validate(files: readonly string[], config: Record<string, unknown>): PageReport[] {
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  return files.map((file) => {
    const report = validator.validateStringSync(readFileSync(file, 'utf8'), file);
    return {
      file,
      messages: report.results.flatMap((result) =>
        result.messages.map(({ line, column, message, ruleId }) => ({ line, column, message, ruleId })),
      ),
    };
  });
}

if (!isMainThread && workerData?.files) {
  parentPort!.postMessage(validate(workerData.files, workerData.config));
}
