import type { Ctx } from './context.ts';

/**
 * Runs fn and names its duration in the response's `Server-Timing` header, which browsers' developer
 * tools show beside the request: an operator sees how much of a slow page the database took. The
 * benchmark reads it too, to compare an endpoint with its own SQL timed in the same process.
 */
export async function timed<T>(ctx: Pick<Ctx, 'timings'>, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    ctx.timings?.push({ name, ms: performance.now() - started });
  }
}

/** The header's value: `name;dur=12.3` for each span, in the order they ended. */
export const serverTiming = (timings: ReadonlyArray<{ name: string; ms: number }>) =>
  timings.map((t) => `${t.name};dur=${t.ms.toFixed(1)}`).join(', ');
