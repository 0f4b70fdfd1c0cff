/**
 * html-validate over many pages, spread over worker threads (it costs 6–14 ms a page, parsing
 * alone 3–4 ms, which makes it the slowest part of verifying a large site). Each worker
 * validates an interleaved share of the pages; results come back in page order. Which pages to
 * validate (those changed since the last verification, at most a budget of them, sampled across
 * every kind of page) is the verification's choice (verify.ts, `sampleAcrossRoutes`).
 * Workers read the pages themselves: a large site's pages would take gigabytes held at once.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface PageReport {
  file: string;
  messages: { line: number; column: number; message: string; ruleId: string }[];
  /** Set when the page's bytes no longer have the digest given: it was not validated. */
  changed?: true;
}

/** A page to validate: its path (relative to the `root` given), and the SHA-256 its bytes must have. */
export interface PageToValidate {
  file: string;
  digest?: string;
}

/** Below this many pages, starting workers costs more than it saves. */
const PAGES_PER_WORKER = 200;

/**
 * The reports of `pages` (read from `root`), in the order given. Too few pages for several
 * workers go to `warm` when given, else are validated on this thread.
 */
export async function validatePages(pages: readonly PageToValidate[], config: Record<string, unknown>, root = '', warm?: WarmValidator): Promise<PageReport[]> {
  const workers = Math.min(availableParallelism(), Math.floor(pages.length / PAGES_PER_WORKER));
  if (workers < 2) return warm ? warm.validate(pages, root) : validate(pages, config, root);
  const shares = Array.from({ length: workers }, (_, w) => pages.filter((_, i) => i % workers === w));
  const reports = await Promise.all(
    shares.map(
      (share) =>
        new Promise<PageReport[]>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { pages: share, config, root } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  // Interleaved shares: page i is the (i / workers)th of share i % workers.
  return pages.map((_, i) => reports[i % workers]![Math.floor(i / workers)]!);
}

/**
 * A worker thread that loads html-validate at once (0.3 s: the module, its rules and element
 * data), then validates the pages it is given: started before its caller knows which pages
 * changed, the loading passes on another core meanwhile. `close` it when done.
 */
export class WarmValidator {
  readonly #worker: Worker;
  #failure: Error | undefined;

  constructor(config: Record<string, unknown>) {
    this.#worker = new Worker(new URL(import.meta.url), { workerData: { config, warm: true } });
    this.#worker.on('error', (error) => (this.#failure = error));
  }

  validate(pages: readonly PageToValidate[], root: string): Promise<PageReport[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    const worker = this.#worker;
    return new Promise((resolve, reject) => {
      const done = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle();
      };
      const onMessage = (reports: PageReport[]) => done(() => resolve(reports));
      const onError = (error: Error) => done(() => reject(error));
      const onExit = (code: number) => done(() => reject(new Error(`The html-validate worker stopped (exit code ${code}).`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ pages, root });
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
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
    const shape = file
      .split(/[\\/]/)
      .map((part) => (/^\d+$/.test(part) ? '#' : part.endsWith('.html') ? part : '?'))
      .join('/');
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

type Validator = InstanceType<typeof import('html-validate').HtmlValidate>;

/** html-validate with `config`, loaded only when a page is to be validated: a run with nothing changed never pays for it. */
async function loadValidator(config: Record<string, unknown>): Promise<Validator> {
  const { HtmlValidate, StaticConfigLoader } = await import('html-validate');
  return new HtmlValidate(new StaticConfigLoader(config));
}

async function validate(pages: readonly PageToValidate[], config: Record<string, unknown>, root: string): Promise<PageReport[]> {
  return validateWith(await loadValidator(config), pages, root);
}

function validateWith(validator: Validator, pages: readonly PageToValidate[], root: string): PageReport[] {
  return pages.map(({ file, digest }): PageReport => {
    const bytes = readFileSync(path.resolve(root, file));
    if (digest !== undefined && hash('sha256', bytes, 'base64url') !== digest) return { file, messages: [], changed: true };
    const report = validator.validateStringSync(bytes.toString('utf8'), file);
    return {
      file,
      messages: report.results.flatMap((result) => result.messages.map(({ line, column, message, ruleId }) => ({ line, column, message, ruleId }))),
    };
  });
}

if (!isMainThread && workerData?.warm) {
  const validator = await loadValidator(workerData.config);
  // Loads the rules and element data a first page would wait for.
  validator.validateStringSync('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body></body></html>');
  parentPort!.on('message', ({ pages, root }: { pages: PageToValidate[]; root: string }) => parentPort!.postMessage(validateWith(validator, pages, root)));
} else if (!isMainThread && workerData?.pages) {
  parentPort!.postMessage(await validate(workerData.pages, workerData.config, workerData.root));
}
