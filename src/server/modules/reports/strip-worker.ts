import { parentPort } from 'node:worker_threads';
import { describeFailure, type StripJob, type StripOutcome, type StripReply } from './isolate.ts';
import { stripMetadata } from './strip.ts';

/** Documents cleaned one at a time in this thread (isolate.ts): each answer with the heap left after it. */
parentPort!.on('message', async ({ mime, content, opts }: StripJob) => {
  let outcome: StripOutcome;
  try {
    outcome = { ok: await stripMetadata(mime, content, opts) };
  } catch (e) {
    outcome = { error: describeFailure(e) };
  }
  const reply: StripReply = { outcome, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
  parentPort!.postMessage(reply);
});
