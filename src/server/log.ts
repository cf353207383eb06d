/**
 * Errors as the logs keep them: name, code, message and stack, and the cause the same way — never a
 * failed query's parameters. Drizzle puts them in the error's message ("Failed query: … params: …") and
 * on the error itself; they hold what a request wrote (a declaration's totals) and, for an audit event,
 * the HMAC pads of the chain's key (the session-17 review's F5).
 */
export function safeError(
  err: unknown,
  depth = 0,
): { type: string; message: string; stack: string; [k: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an Error]', stack: '' };
  const scrub = (s: string | undefined) =>
    (s ?? '').replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [withheld]');
  const out: { type: string; message: string; stack: string; [k: string]: unknown } = {
    type: err.name,
    message: scrub(err.message),
    stack: scrub(err.stack),
  };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.cause !== undefined && depth < 3) out.cause = safeError(err.cause, depth + 1);
  return out;
}
