/**
 * html-validate over many pages, spread over worker threads (it costs 6–14 ms a page, parsing
 * alone 3–4 ms, which makes it the slowest part of verifying a large site). Each worker
 * validates an interleaved share of the pages; results come back in page order. With a cache
 * file, a page whose HTML (and the configuration) is unchanged since the last run is not
 * validated again. With a budget, at most that many pages are validated in one run, sampled
 * across every kind of page; the others stay out of the cache, so later runs take them up.
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

export interface Validation {
  /** Reports of the pages validated now or answered by the cache, in the order given. */
  reports: PageReport[];
  /** Pages left for a later run because the budget was spent. */
  deferred: number;
}

export async function validatePages(
  files: readonly string[],
  config: Record<string, unknown>,
  /** `root`: the folder `files` are relative to; reports name files as given. */
  options: { cacheFile?: string; budget?: number; root?: string } = {},
): Promise<Validation> {
  const { cacheFile, budget = Infinity, root = '' } = options;
  const cache = cacheFile ? readCache(cacheFile) : {};
  const settings = JSON.stringify(config);
  const keys = files.map((file) => createHash('sha1').update(settings).update(readFileSync(path.resolve(root, file))).digest('base64url'));
  const missing = files.filter((_, i) => !cache[keys[i]!]);
  const chosen = sampleAcrossRoutes(missing, budget);
  const validated = await validateAll(chosen.map((file) => path.resolve(root, file)), config);
  const fresh = new Map(validated.map((report, i) => [chosen[i]!, report.messages]));
  const next: typeof cache = {};
  const reports: PageReport[] = [];
  files.forEach((file, i) => {
    const messages = cache[keys[i]!] ?? fresh.get(file);
    if (!messages) return;
    next[keys[i]!] = messages;
    reports.push({ file, messages });
  });
  if (cacheFile) {
    // Written whole and then renamed, so a reader never sees half a file.
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(next));
    renameSync(partial, cacheFile);
  }
  return { reports, deferred: missing.length - chosen.length };
}

/**
 * At most `budget` of the files, spread over the kinds of page: files are grouped by the shape
 * of their path (`2025/07/x/index.html` and `2024/01/y/index.html` share the shape
 * `#/#/?/index.html`), and the groups take turns, each giving pages spread evenly over its
 * list, so a template that breaks its pages is caught whichever kind of page it makes.
 */
export function sampleAcrossRoutes(files: readonly string[], budget: number): string[] {
  if (files.length <= budget) return [...files];
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const shape = file.split(/[\\/]/).map((part) => (/^\d+$/.test(part) ? '#' : part.endsWith('.html') ? part : '?')).join('/');
    const group = groups.get(shape) ?? groups.set(shape, []).get(shape)!;
    group.push(file);
  }
  const queues = [...groups.values()].map((group) => spread(group));
  const chosen = new Set<string>();
  for (let turn = 0; chosen.size < budget; turn++) {
    for (const queue of queues) if (turn < queue.length && chosen.size < budget) chosen.add(queue[turn]!);
  }
  return files.filter((file) => chosen.has(file));
}

/** The list reordered so that any prefix of it is spread evenly: first, last, middle, quarters… */
function spread<T>(list: readonly T[]): T[] {
  const order: T[] = [];
  const seen = new Set<number>();
  for (let parts = 1; order.length < list.length; parts *= 2) {
    for (let k = 0; k <= parts; k++) {
      const i = Math.round((k * (list.length - 1)) / parts);
      if (!seen.has(i)) {
        seen.add(i);
        order.push(list[i]!);
      }
    }
  }
  return order;
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
