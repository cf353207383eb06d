import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';

type BossDb = ReturnType<typeof fromPglite>;

import type { Database, Db } from '#server/db/client.ts';
import { queueNames } from './workers.ts';

export interface Jobs {
  /** Enqueue; with `tx` the job is written in that transaction, so it exists exactly when the change does. */
  send(name: string, data: object, tx?: Db): Promise<void>;
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobsOptions {
  /** Run maintenance and scheduling (one per deployment is enough, but several are safe). */
  supervise: boolean;
  log: Logger;
}

/**
 * The database as pg-boss calls it. Its maintenance sends several statements in one text (take a lock,
 * claim, commit) and reads the rows of each, so such a text goes through `exec`; statements with
 * parameters are always single.
 */
export function bossDb(database: Database): BossDb {
  if (database.kind === 'pglite') return fromPglite(database.pglite!);
  return {
    executeSql: async (text: string, values?: unknown[]) => ({
      rows: values?.length
        ? await database.query(text, values)
        : (await database.exec(text)).flatMap((r) => r.rows),
    }),
  };
}

export async function startJobs(database: Database, opts: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss({
    db: bossDb(database),
    ...(database.kind === 'pglite' ? { backend: 'pglite' as const } : {}),
    supervise: opts.supervise,
    schedule: opts.supervise,
  });
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of queueNames()) {
    if (!(await boss.getQueue(name)))
      await boss.createQueue(name, { retryLimit: 8, retryBackoff: true, retryDelay: 30 });
  }
  return {
    boss,
    async send(name, data, tx) {
      await boss.send(name, data, tx ? { db: fromDrizzle(tx as never, sql as never) } : {});
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
