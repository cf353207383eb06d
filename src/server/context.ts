import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Language } from '#shared/i18n/index.ts';
import type { Actor } from '#shared/permissions.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Jobs } from './jobs/queue.ts';
import type { Mailer } from './mail.ts';

/** Everything a service may use. Services are plain functions (ctx, input). */
export interface Ctx {
  db: Db;
  actor: Actor;
  log: Logger;
  clock: Clock;
  config: Config;
  requestId: string | null;
  lang: Language;
  mailer: Mailer;
  jobs: Jobs;
  /** The signed-in session, when there is one. */
  sessionId?: string;
  /** Derived from the session cookie; opens the session's keyring (the user's report private key). */
  sessionKey?: Uint8Array;
  /** Spans of a request's work named for its Server-Timing header (timing.ts); absent outside requests. */
  timings?: Array<{ name: string; ms: number }>;
}
