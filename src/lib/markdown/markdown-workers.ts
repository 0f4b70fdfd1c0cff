/**
 * Renders article bodies on every core. A clean build spends most of its content phase in the
 * Markdown processor, which runs on one thread; here bodies go in batches to worker threads, as
 * many as there are cores, and each worker writes its HTML into the rendered-bodies folder, so
 * only reading times come back. A handful of bodies (an edit between two builds) render on the
 * calling thread: starting a worker costs more than rendering them.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MarkdownRenderer } from '@astrojs/markdown-remark';
import { createBodyRenderer } from './markdown.ts';
import { renderedBodies, type RenderedBodies } from './rendered-bodies.ts';
import type { SiteLinks } from './site-links-remark.ts';

export interface BodyJob {
  /** The article's file, for error messages. */
  file: string;
  digest: string;
  body: string;
  /** The base and the addresses of the body's links to article files (`site-links-remark.ts`). */
  siteLinks?: SiteLinks;
}

export interface BodyResult {
  digest: string;
  readingMinutes: number;
}

/** Bodies a worker is sent at a time: few enough to keep both cores busy to the end. */
const BATCH_SIZE = 25;
/** Fewer bodies than this render on the calling thread. */
const WORKER_THRESHOLD = 200;

/**
 * Renders each job's body into `bodiesDir`; gives the reading time of each body digest and how
 * many worker threads rendered them (0: the calling thread did).
 */
export async function renderBodies(
  jobs: BodyJob[],
  bodiesDir: string,
  threads = os.availableParallelism(),
): Promise<{ readingMinutes: Map<string, number>; workers: number }> {
  const readingMinutes = new Map<string, number>();
  const collect = (results: BodyResult[]) => results.forEach((result) => readingMinutes.set(result.digest, result.readingMinutes));
  if (jobs.length < WORKER_THRESHOLD || threads < 2) {
    collect(await renderBatch(await createBodyRenderer(), renderedBodies(bodiesDir), jobs));
    return { readingMinutes, workers: 0 };
  }

  // Not `new URL(…, import.meta.url)`: Vite would take that for an asset of the page bundle.
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'markdown-worker.ts');
  const workers: Worker[] = [];
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = jobs.slice(next, (next += BATCH_SIZE));
        if (batch.length) worker.postMessage(batch);
        else resolve();
      };
      worker.on('message', (message: { results: BodyResult[] } | { error: string }) => {
        if ('error' in message) return reject(new Error(message.error));
        collect(message.results);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`A Markdown worker stopped (exit code ${code}) before its bodies were rendered.`)));
      send();
    });
  try {
    const count = Math.min(threads, Math.ceil(jobs.length / BATCH_SIZE));
    for (let i = 0; i < count; i++) workers.push(new Worker(entry, { workerData: { bodiesDir } }));
    await Promise.all(workers.map(run));
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { readingMinutes, workers: workers.length };
}

/** Renders and writes a batch of bodies on this thread (a worker's or the caller's). */
export async function renderBatch(renderer: MarkdownRenderer, bodies: RenderedBodies, jobs: BodyJob[]): Promise<BodyResult[]> {
  const results: BodyResult[] = [];
  for (const { file, digest, body, siteLinks } of jobs) {
    const rendered = await renderer.render(body, { frontmatter: { siteLinks } }).catch((error: Error) => {
      throw new Error(`${file}: the body could not be rendered as Markdown: ${error.message}`, { cause: error });
    });
    bodies.write(digest, rendered.code);
    results.push({ digest, readingMinutes: Number(rendered.metadata.frontmatter.readingMinutes ?? 1) });
  }
  return results;
}
