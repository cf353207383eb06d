import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
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
import { userKeys } from '#server/modules/keys/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { AppError } from '#shared/errors.ts';
import type { Role } from '#shared/permissions.ts';
import { reportKeys } from './tables.ts';

/** Associated data: a ciphertext opens only as the field of the report it was written for. */
export const ad = {
  content: (id: string) => `report:${id}:content`,
  identity: (id: string) => `report:${id}:identity`,
  receipt: (id: string) => `report:${id}:receipt`,
  message: (id: string, messageId: string) => `report:${id}:message:${messageId}`,
  fileMeta: (id: string, fileId: string) => `report:${id}:file-meta:${fileId}`,
  file: (id: string, fileId: string) => `report:${id}:file:${fileId}`,
  task: (id: string, taskId: string) => `report:${id}:task:${taskId}`,
};

export type KeyPurpose = 'content' | 'identity';

export interface Recipient {
  userId: string;
  publicKey: Uint8Array;
}

/**
 * Active users holding `role` on the unit (directly or over its subtree) who have a key pair.
 * These are the people a report addressed to the unit is sealed to. Only grants on the unit and its
 * ancestors can cover it, and the path names them: an index lookup, not a scan of every grant.
 */
export async function recipientsOf(db: Db, unitPath: string, role: Role): Promise<Recipient[]> {
  const lineage = unitPath.split('/').filter(Boolean);
  const own = lineage[lineage.length - 1] ?? '';
  const rows = await db
    .selectDistinct({ userId: users.id, publicKey: userKeys.publicKey })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(userKeys, eq(userKeys.userId, users.id))
    .where(
      and(
        eq(grants.role, role),
        inArray(grants.unitId, lineage),
        or(eq(grants.subtree, true), eq(grants.unitId, own)),
        eq(users.status, 'active'),
        eq(units.status, 'active'),
      ),
    );
  return rows;
}

export async function sealTo(
  tx: Db,
  reportId: string,
  purpose: KeyPurpose,
  key: Key,
  recipients: readonly Recipient[],
): Promise<number> {
  if (recipients.length === 0) return 0;
  const rows = await tx
    .insert(reportKeys)
    .values(
      recipients.map((r) => ({
        reportId,
        userId: r.userId,
        purpose,
        publicKey: r.publicKey,
        sealed: seal(key, r.publicKey),
      })),
    )
    .onConflictDoUpdate({
      target: [reportKeys.reportId, reportKeys.userId, reportKeys.purpose],
      set: { publicKey: sqlExcluded('public_key'), sealed: sqlExcluded('sealed') },
    })
    .returning({ userId: reportKeys.userId });
  return rows.length;
}

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
