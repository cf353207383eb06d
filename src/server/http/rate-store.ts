import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import { subKey } from '#server/server-key.ts';

type Done = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface Params {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store for @fastify/rate-limit whose counters live in the database, so several instances behind one
 * proxy share one budget (ADR 0002). An address is never stored: a counter is keyed by an HMAC of the
 * route and address under a sub-key of the server key, and it goes at the end of its window (housekeeping
 * removes the rows). With PGlite a single process holds the database, so memory is enough there.
 */
export function databaseRateStore(db: Db): FastifyRateLimitStoreCtor {
  const key = subKey('liem/rate-limit/v1');
  return class DatabaseRateStore implements FastifyRateLimitStore {
    readonly route: string;
    constructor(params: unknown = {}) {
      const r = (params as Params).routeInfo;
      this.route = r ? `${[r.method].flat().join(',')} ${r.url ?? ''}` : '*';
    }

    incr(client: string, done: Done, timeWindow: number) {
      const id = createHmac('sha256', key).update(this.route).update('\n').update(client).digest('hex');
      rows<{ hits: number; ttl: number }>(
        db,
        sql`insert into rate_limits as r (key, hits, window_end)
          values (${id}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
          on conflict (key) do update set
            hits = case when r.window_end <= clock_timestamp() then 1 else r.hits + 1 end,
            window_end = case when r.window_end <= clock_timestamp() then excluded.window_end else r.window_end end
          returning hits, greatest(0, extract(epoch from (window_end - clock_timestamp())) * 1000)::int as ttl`,
      ).then(
        ([row]) => done(null, { current: row!.hits, ttl: row!.ttl }),
        (e: Error) => done(e),
      );
    }

    child(params: unknown) {
      return new DatabaseRateStore(params);
    }
  };
}

/** Housekeeping: counters whose window has ended. */
export async function purgeRateLimits(db: Db) {
  await db.execute(sql`delete from rate_limits where window_end < clock_timestamp() - interval '1 minute'`);
}
