/**
 * A worker thread of `markdown-workers.ts`: renders the batches of bodies it is sent, writing each
 * into the rendered-bodies folder, and answers with their reading times (or the first error).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBodyRenderer } from './markdown.ts';
import { renderBatch, type BodyJob } from './markdown-workers.ts';
import { renderedBodies } from './rendered-bodies.ts';

const renderer = await createBodyRenderer();
const bodies = renderedBodies((workerData as { bodiesDir: string }).bodiesDir);

parentPort!.on('message', (jobs: BodyJob[]) => {
  renderBatch(renderer, bodies, jobs).then(
    (results) => parentPort!.postMessage({ results }),
    (error: Error) => parentPort!.postMessage({ error: error.message }),
  );
});
