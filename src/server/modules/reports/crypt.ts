import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import {
  decrypt,
  decryptJson,
  encrypt,
  encryptJson,
  equalBytes,
  type Key,
  seal,
  unseal,
} from '#server/modules/keys/crypto.ts';
import { myKeyPair } from '#server/modules/keys/service.ts';
import { AppError } from '#shared/errors.ts';
import type { Role } from '#shared/permissions.ts';
import { excludedFrom, withoutExcluded } from './independence.ts';
import { reportKeys, reports } from './tables.ts';

/** Associated data: a ciphertext opens only as the field of the report it was written for. */
export const ad = {
  content: (id: string) => `report:${id}:content`,
  identity: (id: string) => `report:${id}:identity`,
  receipt: (id: string) => `report:${id}:receipt`,
  message: (id: string, messageId: string) => `report:${id}:message:${messageId}`,
  fileMeta: (id: string, fileId: string) => `report:${id}:file-meta:${fileId}`,
  file: (id: string, fileId: string) => `report:${id}:file:${fileId}`,
  task: (id: string, taskId: string) => `report:${id}:task:${taskId}`,
  firstDecision: (id: string) => `report:${id}:first-decision`,
};

export type KeyPurpose = 'content' | 'identity';

export interface Recipient {
  userId: string;
  publicKey: Uint8Array;
}

/**
 * Active users holding `role` on the unit (directly or over its subtree) who have a key pair and whose
 * grant a colleague has activated (four eyes).
 * These are the people a report addressed to the unit is sealed to. Only grants on the unit and its
 * ancestors can cover it, and the path names them: an index lookup, not a scan of every grant.
 * As one JSON value, so it can be read beside other things in one statement (intake does).
 */
export function recipientsJson(unitPath: SQL | string, role: Role): SQL<RecipientsJson> {
  const lineage = sql`string_to_array(trim(both '/' from ${unitPath}), '/')::uuid[]`;
  return sql<RecipientsJson>`(select coalesce(json_agg(json_build_array(r.user_id, encode(r.public_key, 'base64'))), '[]'::json)
    from (select distinct g.user_id, k.public_key from grants g
      join user_keys k on k.user_id = g.user_id
      join users u on u.id = g.user_id and u.status = 'active'
      join units x on x.id = g.unit_id and x.status = 'active'
      where g.role = ${role} and g.status = 'active' and g.keys_activated_at is not null
        and g.unit_id = any(${lineage})
        and (g.subtree or g.unit_id = (${lineage})[cardinality(${lineage})])) r)`;
}

/** [user id, public key in base64] pairs, as recipientsJson gives them. */
export type RecipientsJson = Array<[string, string]>;

export const recipientsFrom = (list: RecipientsJson): Recipient[] =>
  list.map(([userId, key]) => ({ userId, publicKey: new Uint8Array(Buffer.from(key, 'base64')) }));

export async function recipientsOf(db: Db, unitPath: string, role: Role): Promise<Recipient[]> {
  const [row] = await rows<{ list: RecipientsJson }>(
    db,
    sql`select ${recipientsJson(unitPath, role)} as list`,
  );
  return recipientsFrom(row!.list);
}

/**
 * The people of a desk (`role` at `unitPath`) a report may reach — to be told of it, assigned it or given
 * a key — leaving out whoever it is kept from (a report about their own head). Every notice and choice of
 * people about one report goes through here, so no call site can forget the exclusion (re-test sec23 F6).
 */
export type Audience = { id: string; independentOfUnitId: string | null };

export async function audienceOf(
  db: Db,
  report: Audience,
  unitPath: string,
  role: Role,
): Promise<Recipient[]> {
  return withoutExcluded(
    report.independentOfUnitId ? await excludedFrom(db, report.id, report.independentOfUnitId) : null,
    await recipientsOf(db, unitPath, role),
  );
}

export async function sealTo(
  tx: Db,
  reportId: string,
  purpose: KeyPurpose,
  key: Key,
  given: readonly Recipient[],
): Promise<number> {
  return (await sealToUsers(tx, reportId, purpose, key, given)).length;
}

/** As `sealTo`, answering who it was sealed to (an audit event names them, never the excluded). */
export async function sealToUsers(
  tx: Db,
  reportId: string,
  purpose: KeyPurpose,
  key: Key,
  given: readonly Recipient[],
): Promise<string[]> {
  if (given.length === 0) return [];
  // Every later sealing — a share, a transfer, a reporter's visit, an identity request — keeps a report
  // about a head from the head's unit (sec22b N1), as its receipt did.
  const [r] = await tx
    .select({ independentOf: reports.independentOfUnitId })
    .from(reports)
    .where(eq(reports.id, reportId));
  const recipients = withoutExcluded(
    r?.independentOf ? await excludedFrom(tx, reportId, r.independentOf) : null,
    given,
  );
  if (recipients.length === 0) return [];
  const rows = await tx
    .insert(reportKeys)
    .values(sealedKeys(reportId, purpose, key, recipients))
    .onConflictDoUpdate({
      target: [reportKeys.reportId, reportKeys.userId, reportKeys.purpose],
      set: { publicKey: sqlExcluded('public_key'), sealed: sqlExcluded('sealed') },
    })
    .returning({ userId: reportKeys.userId });
  return rows.map((r) => r.userId);
}

/** The key sealed to each recipient, as report_keys rows. */
export const sealedKeys = (
  reportId: string,
  purpose: KeyPurpose,
  key: Key,
  recipients: readonly Recipient[],
) =>
  recipients.map((r) => ({
    reportId,
    userId: r.userId,
    purpose,
    publicKey: r.publicKey,
    sealed: seal(key, r.publicKey),
  }));

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** The report key (or identity key) as sealed to the signed-in user; a clear error when there is none. */
export async function keyFor(ctx: Ctx, reportId: string, purpose: KeyPurpose): Promise<Key> {
  const pair = await myKeyPair(ctx);
  const [row] = await ctx.db
    .select()
    .from(reportKeys)
    .where(
      and(
        eq(reportKeys.reportId, reportId),
        eq(reportKeys.userId, ctx.actor.userId!),
        eq(reportKeys.purpose, purpose),
      ),
    );
  if (!row || !equalBytes(row.publicKey, pair.publicKey)) throw new AppError('report_key_missing');
  return unseal(row.sealed, pair);
}

/** Report keys of many reports at once (list pages, search); reports without a usable key are left out. */
export async function keysFor(ctx: Ctx, reportIds: string[]): Promise<Map<string, Key>> {
  const out = new Map<string, Key>();
  if (reportIds.length === 0) return out;
  let pair: Awaited<ReturnType<typeof myKeyPair>>;
  try {
    pair = await myKeyPair(ctx);
  } catch {
    return out;
  }
  const rows = await ctx.db
    .select()
    .from(reportKeys)
    .where(
      and(
        inArray(reportKeys.reportId, reportIds),
        eq(reportKeys.userId, ctx.actor.userId!),
        eq(reportKeys.purpose, 'content'),
      ),
    );
  for (const r of rows) {
    if (!equalBytes(r.publicKey, pair.publicKey)) continue;
    try {
      out.set(r.reportId, unseal(r.sealed, pair));
    } catch {
      // a damaged seal hides one row, not the page
    }
  }
  return out;
}

export { decrypt, decryptJson, encrypt, encryptJson };
