import pino from 'pino';
import { systemActor } from '#shared/permissions.ts';
import { type App, buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { type Database, DataDirInUseError, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureWebBuild } from './http/staff-app.ts';
import { type Jobs, startJobs } from './jobs/queue.ts';
import { registerWorkers } from './jobs/workers.ts';
import { safeError } from './log.ts';
import { createMailer } from './mail.ts';
import { loadAuditKeys } from './modules/audit/keys.ts';
import { writeCheckpoint } from './modules/audit/service.ts';
import { sealLegacyTotpSecrets } from './modules/auth/service.ts';

export interface Runtime {
  config: Config;
  database: Database;
  jobs: Jobs;
  /** A context for work done by the system itself (CLI, start-up, jobs). */
  systemCtx: Ctx;
  close(): Promise<void>;
}

/** Opens the database, applies migrations and starts the queue: everything but HTTP. */
export async function openRuntime(config: Config, opts: { workers?: boolean } = {}): Promise<Runtime> {
  const log = pino({ level: config.logLevel, serializers: { err: safeError } });
  // A promise someone forgot to await must not take the whole server down with every request in flight
  // (Node ends the process by default): it is logged, and the request that made it has already failed.
  if (!process.listenerCount('unhandledRejection'))
    process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
  let database: Database;
  try {
    database = await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirInUseError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(75);
    }
    throw e;
  }
  await migrate(database);
  loadAuditKeys(config.dataDir);
  await sealLegacyTotpSecrets(database.db);
  const jobs = await startJobs(database, { supervise: opts.workers ?? false, log });
  const mailer = createMailer(config, log);
  const systemCtx: Ctx = {
    db: database.db,
    actor: systemActor,
    log,
    clock: systemClock,
    config,
    requestId: null,
    lang: 'vi',
    mailer,
    jobs,
  };
  if (opts.workers) await registerWorkers(jobs, systemCtx);
  return {
    config,
    database,
    jobs,
    systemCtx,
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

/** Starts HTTP on a runtime; SIGINT/SIGTERM finish in-flight requests, then close the queue and database. */
export async function serve(rt: Runtime, onListening?: (url: string) => void): Promise<App> {
  if (rt.config.webBuild) await ensureWebBuild((s) => process.stdout.write(`${s}\n`));
  const app = await buildApp({
    config: rt.config,
    database: rt.database,
    jobs: rt.jobs,
    mailer: rt.systemCtx.mailer,
  });
  const address = await app.listen({ port: rt.config.port, host: rt.config.host });
  onListening?.(address);
  // The audit chain's head is signed every minute it moved, and at shutdown: what could be cut from the
  // end unseen is at most a minute (ADR 0003). Housekeeping's run covers an instance that writes nothing.
  let signedSeq = -1;
  const checkpoint = async () => {
    const c = await writeCheckpoint(rt.database.db, new Date(), { ifMovedFrom: signedSeq });
    if (c) signedSeq = c.seq;
  };
  const ticker = setInterval(
    () => void checkpoint().catch((e) => app.log.warn({ err: e }, 'checkpoint')),
    60_000,
  );
  ticker.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    clearInterval(ticker);
    await app.close();
    await checkpoint().catch(() => {});
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return app;
}
