import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { requestContext } from '@fastify/request-context';
import { AppError } from '#shared/errors.ts';

/** What one job in a worker thread may use before it is stopped. */
export interface ThreadLimits {
  memoryMb: number;
  timeoutMs: number;
}

// The worker runs TypeScript as this process does (tsx), whether under the CLI, the server or the tests.
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Kinds of job that queue apart: reading an uploaded spreadsheet never waits behind documents (cleaning,
 * rendering) and the other way round — one officer's large uploads made another user's PDF wait 50 s on
 * two cores (the session-17 re-test, N4).
 */
export type ThreadKind = 'documents' | 'sheets';
/** At most this many jobs of a kind at once: a burst queues instead of multiplying the memory caps. */
const slots = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
/**
 * Jobs one person may have waiting: ten PDFs asked at once by one user no longer hold up everyone. The
 * portal's citizens share one turn ("anonymous") with its own cap: they are many people (and the portal's
 * rate limits bound them), but a flood of anonymous forms must never fill the places others need — it
 * takes one turn in the rotation, and past its cap only anonymous requests are answered busy (the
 * session-18 re-test, H1). Someone with nothing waiting always gets a place (M1: four accounts filling a
 * shared limit refused everyone else), up to a hard bound on what the process holds.
 */
const MAX_WAITING_PER_OWNER = 4;
export const MAX_WAITING_ANONYMOUS = 48;
const MAX_WAITING_SYSTEM = 16;
const MAX_WAITING_TOTAL = 128;
/**
 * Within the portal's turn, each address (an in-memory keyed hash, never stored or logged; an IPv6
 * address by its /64) may have two jobs waiting and addresses take turns: one address sending form after
 * form kept every citizen's attachments refused (the session-18 re-test of H1). Nine addresses filled the
 * portal's 16 places (the issue-15 re-test, M3): it holds 48, so a flood needs 24 networks held open at
 * once — beyond that it is a distributed attack, for the reverse proxy's per-network connection limits
 * (docs/operations.md); even then signed-in staff are served and the portal keeps what was typed.
 */
const MAX_WAITING_PER_ADDRESS = 2;
const capOf = (owner: string) =>
  owner === 'anonymous'
    ? MAX_WAITING_ANONYMOUS
    : owner === 'system'
      ? MAX_WAITING_SYSTEM
      : MAX_WAITING_PER_OWNER;
interface Waiter {
  resolve(): void;
  reject(e: Error): void;
  /** The portal's requests: whose address, to take turns within the anonymous turn. */
  address?: string;
}
interface Queue {
  free: number;
  waiting: number;
  /** When each anonymous address was last served (a counter), for turns within the portal's turn. */
  served: Map<string, number>;
  turns: number;
  /** Who waits, in turn order: a freed slot goes to the first owner, who then moves to the back. */
  owners: Map<string, Waiter[]>;
}
const queues: Record<ThreadKind, Queue> = {
  documents: { free: slots, waiting: 0, owners: new Map(), served: new Map(), turns: 0 },
  sheets: { free: slots, waiting: 0, owners: new Map(), served: new Map(), turns: 0 },
};

declare module '@fastify/request-context' {
  interface RequestContextData {
    /** Whose request this is, for taking turns (a user id; "anonymous" for the portal). */
    owner: string;
    /** Aborted when the client goes away before its answer: its queued jobs are dropped, not run. */
    signal: AbortSignal;
    /** An anonymous request's address as a keyed hash held in memory only (never stored or logged). */
    address: string;
  }
}

const busy = () => new AppError('unavailable', { retryAfterSeconds: 30 });

/**
 * A slot for one job of `kind`, taken in turns between the people waiting (round robin), so one person's
 * burst delays their own jobs, not everyone's. The owner (and the request's abort signal) are the
 * request's, unless given.
 */
export async function turn(
  kind: ThreadKind = 'documents',
  owner: string = requestContext.get('owner') ?? 'system',
  signal: AbortSignal | undefined = requestContext.get('signal'),
  address: string | undefined = owner === 'anonymous' ? requestContext.get('address') : undefined,
): Promise<() => void> {
  const q = queues[kind];
  if (signal?.aborted) throw busy();
  if (q.free > 0) q.free--;
  else {
    const mine = q.owners.get(owner) ?? [];
    if (mine.length >= capOf(owner) || q.waiting >= MAX_WAITING_TOTAL) throw busy();
    if (address && mine.filter((w) => w.address === address).length >= MAX_WAITING_PER_ADDRESS) throw busy();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', drop);
          resolve();
        },
        reject,
        address,
      };
      // A request whose client has gone is taken out of the queue: its job would serve nobody.
      const drop = () => {
        const list = q.owners.get(owner);
        const at = list?.indexOf(waiter) ?? -1;
        if (!list || at < 0) return;
        list.splice(at, 1);
        if (list.length === 0) q.owners.delete(owner);
        q.waiting--;
        reject(busy());
      };
      signal?.addEventListener('abort', drop, { once: true });
      if (!q.owners.has(owner)) q.owners.set(owner, mine);
      mine.push(waiter);
      q.waiting++;
    });
  }
  return () => {
    const [next] = q.owners;
    if (!next) {
      q.free++;
      return;
    }
    const [who, jobs] = next;
    q.owners.delete(who);
    // Within a turn, the address served longest ago goes first (others keep their order).
    const at = jobs.reduce(
      (best, w, n) =>
        (q.served.get(w.address ?? '') ?? -1) < (q.served.get(jobs[best]!.address ?? '') ?? -1) ? n : best,
      0,
    );
    const first = jobs[at]!;
    const rest = jobs.filter((_, n) => n !== at);
    if (first.address) {
      q.served.set(first.address, ++q.turns);
      // Forget addresses no longer waiting, so the map holds no more than the queue does.
      if (q.served.size > MAX_WAITING_TOTAL)
        for (const k of [...q.served.keys()].slice(0, q.served.size - MAX_WAITING_TOTAL)) q.served.delete(k);
    }
    if (rest.length > 0) q.owners.set(who, rest);
    q.waiting--;
    first.resolve();
  };
}

/**
 * Runs one job in a fresh worker thread (`entry` posts one message: `{ ok }` or `{ error }`), so heavy
 * work on a user's data — rendering a document, say — never stalls the requests of everyone else, and a
 * job past its memory or time is stopped and answered as unavailable (503).
 */
export async function inThread<T>(
  entry: URL,
  data: unknown,
  limits: ThreadLimits,
  kind: ThreadKind = 'documents',
): Promise<T> {
  const done = await turn(kind);
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = new Worker(entry, {
        workerData: data,
        execArgv: ['--import', tsxLoader],
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
      });
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
        void worker.terminate();
      };
      const busy = () => new AppError('unavailable');
      const timer = setTimeout(() => settle(() => reject(busy())), limits.timeoutMs);
      worker.on(
        'message',
        (m: {
          ok?: T;
          error?: string;
          appError?: { code: AppError['code']; details: AppError['details'] };
        }) =>
          settle(() =>
            'ok' in m
              ? resolve(m.ok as T)
              : reject(
                  m.appError
                    ? new AppError(m.appError.code, m.appError.details)
                    : new Error(m.error ?? 'worker failed'),
                ),
          ),
      );
      worker.on('error', (e: Error & { code?: string }) =>
        settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? busy() : e)),
      );
      worker.on('exit', () => settle(() => reject(new Error('worker ended without an answer'))));
    });
  } finally {
    done();
  }
}
