export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so a jsonb round trip gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainedContent {
  /** Absent or 'main' for the chain every event was in before streams: such bodies stay as they were. */
  stream?: string;
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  changes: Record<string, unknown>;
  requestId: string | null;
}

/** What an event's hash covers besides the previous hash: its content as canonical JSON. */
export const chainBody = (e: ChainedContent) =>
  canonicalJson({ ...e, at: e.at.toISOString(), stream: e.stream === 'main' ? undefined : e.stream });

const SECRET_KEY = /password|secret|token|hash|totp|recovery|content/i;

/** Changed fields for the log, with secrets replaced by a marker. */
export function redact(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (k.match(SECRET_KEY)) out[k] = '[redacted]';
    else if (v instanceof Date) out[k] = v.toISOString();
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = redact(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

/** Old → new for the fields that actually changed. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before[k];
    const same =
      old instanceof Date && v instanceof Date
        ? old.getTime() === v.getTime()
        : canonicalJson(old) === canonicalJson(v);
    if (!same && v !== undefined) out[k] = [old ?? null, v ?? null];
  }
  return out;
}
