import { randomUUID } from 'node:crypto';
import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { newToken, sha256 } from '#server/modules/auth/tokens.ts';
import { decrypt, decryptJson, encrypt, encryptJson, tokenKey } from '#server/modules/keys/crypto.ts';
import type { CleanFile } from './attachments.ts';
import { reportDraftFiles } from './tables.ts';

const DRAFT_HOURS = 2;
const keyOf = (secret: string) => tokenKey(secret, 'liem/report-draft/v1');
const ad = (lookup: string, id: string, part: string) => `draft:${lookup}:${id}:${part}`;
export const isDraftSecret = (s: string | undefined): s is string => !!s && /^[A-Za-z0-9_-]{43}$/.test(s);

/** Serialises the quota check and the insert of kept files, so concurrent failing forms share one cap. */
const DRAFT_LOCK = 7_405_003;

export interface DraftLimits {
  /** Bytes one draft may keep (its files together). */
  perDraft: number;
  /** Bytes all drafts together may keep: anonymous failing forms must not grow storage without bound. */
  total: number;
}

/**
 * Keeps cleaned files under a draft secret (made when missing); returns the secret, what is kept, and
 * whether files had to be left out because the draft or all drafts together are at their cap (the form
 * then says so and keeps the text only).
 */
export async function keepDraftFiles(
  db: Db,
  secret: string | undefined,
  files: CleanFile[],
  limits: DraftLimits,
) {
  const s = secret ?? newToken();
  const lookup = sha256(s);
  const key = keyOf(s);
  const size = files.reduce((n, f) => n + f.content.length, 0);
  const full =
    files.length > 0 &&
    (await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${DRAFT_LOCK})`);
      const [used] = await tx
        .select({
          all: sql<number>`coalesce(sum(octet_length(${reportDraftFiles.content})), 0)::bigint`,
          mine: sql<number>`coalesce(sum(octet_length(${reportDraftFiles.content})) filter (where ${reportDraftFiles.lookup} = ${lookup}), 0)::bigint`,
        })
        .from(reportDraftFiles);
      if (Number(used!.mine) + size > limits.perDraft || Number(used!.all) + size > limits.total) return true;
      for (const f of files) {
        const id = randomUUID();
        await tx.insert(reportDraftFiles).values({
          id,
          lookup,
          meta: encryptJson(key, { name: f.name, mime: f.mime }, ad(lookup, id, 'meta')),
          content: encrypt(key, f.content, ad(lookup, id, 'content')),
        });
      }
      return false;
    }));
  return {
    secret: s,
    kept: (await draftFiles(db, s)).map((f) => ({ name: f.name, size: f.content.length })),
    full,
  };
}

export async function draftFiles(db: Db, secret: string): Promise<CleanFile[]> {
  const lookup = sha256(secret);
  const key = keyOf(secret);
  const rows = await db
    .select()
    .from(reportDraftFiles)
    .where(eq(reportDraftFiles.lookup, lookup))
    .orderBy(asc(reportDraftFiles.createdAt));
  return rows.map((r) => ({
    ...decryptJson<{ name: string; mime: string }>(key, r.meta, ad(lookup, r.id, 'meta')),
    content: decrypt(key, r.content, ad(lookup, r.id, 'content')),
  }));
}

export async function dropDraft(db: Db, secret: string) {
  await db.delete(reportDraftFiles).where(eq(reportDraftFiles.lookup, sha256(secret)));
}

export async function purgeDrafts(db: Db, now: Date) {
  await db
    .delete(reportDraftFiles)
    .where(lt(reportDraftFiles.createdAt, new Date(now.getTime() - DRAFT_HOURS * 3_600_000)));
}
