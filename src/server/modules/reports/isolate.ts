import { Worker } from 'node:worker_threads';
import { tsxLoader, turn } from '#server/platform/threads.ts';
import { AppError, type AppErrorDetails, type ErrorCode } from '#shared/errors.ts';
import { type Cleaned, EncryptedPdf, ExpansionLimit } from './clean-pdf.ts';
import { images, type StripOptions, stripMetadata } from './strip.ts';

/** What one document's cleaning may use before it is refused as too large to unpack. */
export interface IsolationLimits {
  memoryMb: number;
  timeoutMs: number;
}
export const DOCUMENT_LIMITS: IsolationLimits = { memoryMb: 1024, timeoutMs: 120_000 };

/** How a failure crosses back from the worker (an error's class does not survive the message). */
export type StripFailure =
  | { kind: 'app'; code: ErrorCode; details: AppErrorDetails }
  | { kind: 'expansion' }
  | { kind: 'encrypted' }
  | { kind: 'other' };
export type StripOutcome = { ok: Cleaned } | { error: StripFailure };

export function describeFailure(e: unknown): StripFailure {
  if (e instanceof AppError) return { kind: 'app', code: e.code, details: e.details };
  if (e instanceof ExpansionLimit) return { kind: 'expansion' };
  if (e instanceof EncryptedPdf) return { kind: 'encrypted' };
  return { kind: 'other' };
}

function failureError(f: StripFailure): Error {
  if (f.kind === 'app') return new AppError(f.code, f.details);
  if (f.kind === 'expansion') return new ExpansionLimit();
  if (f.kind === 'encrypted') return new EncryptedPdf();
  return new Error('unreadable document');
}

/** A worker is retired once the heap it keeps between documents passes this (e.g. pdf-lib's table). */
const RETIRE_HEAP_MB = 192;
/** An idle worker ends after this long, so a quiet server holds no parser. */
const IDLE_MS = 60_000;

interface Cleaner {
  worker: Worker;
  idleTimer?: NodeJS.Timeout;
}
const idle: Cleaner[] = [];

function spawn(limits: IsolationLimits): Cleaner {
  const worker = new Worker(new URL('./strip-worker.ts', import.meta.url), {
    execArgv: ['--import', tsxLoader],
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
  });
  const cleaner: Cleaner = { worker };
  // A worker that ends while idle (its limit, a crash) leaves the pool.
  worker.once('exit', () => forget(cleaner));
  return cleaner;
}

function forget(cleaner: Cleaner) {
  clearTimeout(cleaner.idleTimer);
  const at = idle.indexOf(cleaner);
  if (at >= 0) idle.splice(at, 1);
}

function run(cleaner: Cleaner, job: StripJob, limits: IsolationLimits): Promise<StripReply> {
  const { worker } = cleaner;
  worker.ref();
  return new Promise<StripReply>((resolve, reject) => {
    const stop = (f: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      f();
    };
    const onMessage = (m: StripReply) => stop(() => resolve(m));
    const onError = (e: Error & { code?: string }) =>
      stop(() =>
        reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExpansionLimit() : new Error('cleaner failed')),
      );
    const onExit = () => stop(() => reject(new Error('cleaner ended without an answer')));
    const timer = setTimeout(
      () =>
        stop(() => {
          void worker.terminate();
          reject(new ExpansionLimit());
        }),
      limits.timeoutMs,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
  });
}

/**
 * Cleans a document (PDF, OOXML, OpenDocument) in a worker thread with a memory cap and a time limit.
 * The parsers run in JavaScript on hostile input: a file that needs more than the cap is refused as too
 * large instead of ending the server, and what parsing leaves behind for the process — pdf-lib interns
 * every object reference it parses in a table that is never emptied (24th probe) — goes with the worker,
 * which is retired once it keeps more than RETIRE_HEAP_MB. Pictures are re-encoded in this thread (sharp's
 * native work is bounded by its pixel limit).
 */
export async function stripIsolated(
  mime: string,
  content: Uint8Array,
  opts: StripOptions,
  limits: IsolationLimits = DOCUMENT_LIMITS,
): Promise<Cleaned> {
  if (images.has(mime)) return stripMetadata(mime, content, opts);
  const done = await turn();
  const pooled = limits === DOCUMENT_LIMITS;
  const cleaner = (pooled && idle.pop()) || spawn(limits);
  clearTimeout(cleaner.idleTimer);
  let keep = false;
  try {
    const reply = await run(cleaner, { mime, content, opts }, limits);
    keep = pooled && reply.heapMb < RETIRE_HEAP_MB;
    if ('error' in reply.outcome) throw failureError(reply.outcome.error);
    return reply.outcome.ok;
  } finally {
    if (keep) {
      cleaner.worker.unref();
      cleaner.idleTimer = setTimeout(() => {
        forget(cleaner);
        void cleaner.worker.terminate();
      }, IDLE_MS).unref();
      idle.push(cleaner);
    } else void cleaner.worker.terminate();
    done();
  }
}

export interface StripJob {
  mime: string;
  content: Uint8Array;
  opts: StripOptions;
}
export interface StripReply {
  outcome: StripOutcome;
  /** The worker's heap after the job: what it would carry into the next one. */
  heapMb: number;
}
