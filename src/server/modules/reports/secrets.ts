import { eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import {
  deriveKey,
  digitsFrom,
  fromBase64,
  type Key,
  randomBytes,
  subKey,
  toBase64,
} from '#server/modules/keys/crypto.ts';
import { settings } from '#server/modules/system/tables.ts';
import { openAtRest, sealAtRest } from '#server/server-key.ts';

const SETTING = 'reports.secrets';

export interface PortalSecrets {
  /** Per-deployment Argon2id salt for receipts. */
  receiptSalt: Uint8Array;
  /** Keys the receipt drawn for a form token, so a double-clicked submission shows one receipt. */
  formSecret: Uint8Array;
}

const cache = new WeakMap<Db, PortalSecrets>();

const AD = 'setting:reports.secrets';
type Stored = { sealed: string } | { receiptSalt: string; formSecret: string };

/**
 * Made once per deployment (the first report), then read from settings. Kept sealed under the server key
 * (a database copy alone cannot derive receipts' keys); a value from before sealing is sealed when read.
 */
export async function portalSecrets(db: Db): Promise<PortalSecrets> {
  const hit = cache.get(db);
  if (hit) return hit;
  const fresh = { receiptSalt: toBase64(randomBytes(16)), formSecret: toBase64(randomBytes(32)) };
  await db
    .insert(settings)
    .values({ key: SETTING, value: { sealed: sealAtRest(JSON.stringify(fresh), AD) } })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, SETTING));
  const stored = row!.value as Stored;
  let v: { receiptSalt: string; formSecret: string };
  if ('sealed' in stored) {
    const opened = openAtRest(stored.sealed, AD);
    if (!opened) throw new Error('reports.secrets does not open with this server key (DATA_DIR/keys)');
    v = JSON.parse(opened);
  } else {
    v = stored;
    await db
      .update(settings)
      .set({ value: { sealed: sealAtRest(JSON.stringify(v), AD) } })
      .where(eq(settings.key, SETTING));
  }
  const secrets = { receiptSalt: fromBase64(v.receiptSalt), formSecret: fromBase64(v.formSecret) };
  cache.set(db, secrets);
  return secrets;
}

/** The 16-digit receipt for a submission token. */
export const receiptFor = (secrets: PortalSecrets, token: Uint8Array) =>
  digitsFrom(secrets.formSecret, token);

export const normaliseReceipt = (s: string) => s.replace(/[\s.\-_]/g, '');
export { formatReceipt } from '#shared/reports/schemas.ts';

/** One Argon2id derivation, then two independent sub-keys: a lookup tag and the key that wraps the report key. */
export async function receiptKeys(
  secrets: PortalSecrets,
  receipt: string,
): Promise<{ lookup: Key; wrap: Key }> {
  const master = await deriveKey(normaliseReceipt(receipt), secrets.receiptSalt);
  return { lookup: subKey(master, 1, 'rcptlook'), wrap: subKey(master, 2, 'rcptwrap') };
}
