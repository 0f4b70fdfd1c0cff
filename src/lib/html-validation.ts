/**
 * html-validate over many pages, spread over worker threads (it costs about 9 ms a page, which
 * makes it the slowest part of verifying a large site). Each worker validates an interleaved
 * share of the pages; results come back in page order.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

export interface PageReport {
  file: string;
  messages: { line: number; column: number; message: string; ruleId: string }[];
}

/** Below this many pages, starting workers costs more than it saves. */
const PAGES_PER_WORKER = 200;

export async function validatePages(files: readonly string[], config: Record<string, unknown>): Promise<PageReport[]> {
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
