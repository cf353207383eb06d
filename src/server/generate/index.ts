import { sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Database } from '#server/db/client.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#server/demo/seed.ts';
import { audit } from '#server/modules/audit/service.ts';
import { hashPassword } from '#server/modules/auth/passwords.ts';
import { modules } from '#server/modules/index.ts';
import { deriveKey, randomBytes } from '#server/modules/keys/crypto.ts';
import { units } from '#server/modules/org/tables.ts';
import { systemActor } from '#shared/permissions.ts';
import { Progress } from './bulk.ts';
import { generateProvince, generating, type Shape, type Shared, shapes, workOf } from './province.ts';
import { Random } from './random.ts';

export const scales = ['quick', 'province', 'national'] as const;
export type Scale = (typeof scales)[number];

/** National: the 34 provinces and cities after the 2025 reform, each of the province's shape. */
const NATIONAL_PROVINCES = 34;

export class GenerateRefused extends Error {}

export interface GenerateResult {
  scale: Scale;
  seconds: number;
  counts: Record<string, number>;
  sampleReceipts: string[];
}

/**
 * Writes a fictional province (or country) into an empty database with bulk inserts. Same seed, same
 * data (names, structure, dates and scores); keys and nonces are random, as encryption requires.
 */
export async function generate(
  database: Database,
  systemCtx: Ctx,
  opts: {
    scale: Scale;
    seed: number;
    provinces?: number;
    shape?: Shape;
    quiet?: boolean;
    /** Only these modules' records (e.g. declarations, for the national ranking's figure). */
    only?: string[];
  },
): Promise<GenerateResult> {
  const { db } = database;
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(units)) as [{ n: number }];
  if (n > 0)
    throw new GenerateRefused(
      'The database already has units: generate into an empty one (a new DATA_DIR or database). / CSDL đã có dữ liệu: hãy sinh vào CSDL trống.',
    );
  const started = Date.now();
  const shape: Shape = opts.shape ?? (opts.scale === 'quick' ? shapes.quick : shapes.province);
  const provinces = opts.scale === 'national' ? (opts.provinces ?? NATIONAL_PROVINCES) : 1;
  const only = opts.only ? new Set(opts.only) : undefined;
  const unknown = opts.only?.filter((name) => !modules.some((m) => m.name === name && m.generate));
  if (unknown?.length) throw new GenerateRefused(`Unknown module / không có mô-đun: ${unknown.join(', ')}`);
  const progress = new Progress(workOf(shape, only) * provinces, opts.quiet ? null : process.stderr);
  progress.stage('chuẩn bị / preparing');

  const salt = randomBytes(16);
  const [passwordHash, kek] = await Promise.all([
    hashPassword(DEMO_PASSWORD),
    deriveKey(DEMO_PASSWORD, salt),
  ]);
  const shared: Shared = {
    now: systemCtx.clock.now(),
    passwordHash,
    passwordKek: { salt, kek },
    totpSecret: DEMO_TOTP_SECRET,
    prepared: {},
    only,
  };
  for (const m of generating(only))
    if (m.generate.prepare) shared.prepared[m.name] = await m.generate.prepare(db);

  let parent: { id: string; path: string; depth: number } | null = null;
  if (opts.scale === 'national') {
    const id = new Random(opts.seed).uuid();
    await db.insert(units).values({
      id,
      code: 'VN',
      name: 'Thanh tra Chính phủ',
      type: 'national',
      path: `/${id}/`,
      depth: 0,
      validFrom: '2025-07-01',
    });
    parent = { id, path: `/${id}/`, depth: 0 };
  }
  const counts: Record<string, number> = {};
  const sampleReceipts: string[] = [];
  let rootId = parent?.id ?? '';
  for (let i = 0; i < provinces; i++) {
    const res = await generateProvince(db, {
      seed: opts.seed,
      index: i,
      parent,
      shape,
      shared,
      // The named accounts (admin, dieuphoi, tiepnhan…) belong to the first province.
      accounts: { admin: i === 0, prefix: i === 0 ? '' : null },
      progress,
    });
    if (!rootId) rootId = res.rootId;
    for (const [k, v] of Object.entries(res.counts)) counts[k] = (counts[k] ?? 0) + v;
    sampleReceipts.push(...res.sampleReceipts);
  }
  progress.stage('thống kê / vacuum, analyze');
  // Fresh statistics, so the planner sees the real row counts before the first query, and a visibility
  // map, so index-only scans need not visit the rows (PGlite has no autovacuum to make one).
  await database.exec('vacuum analyze');
  // Work a module does once the whole data set is in (e.g. declarations are scored as their hand-over would).
  for (const m of generating(only)) {
    if (!m.generate.finish) continue;
    progress.stage(`${m.generate.label}: hoàn tất / finishing`);
    Object.assign(counts, await m.generate.finish({ ...systemCtx, actor: systemActor }, database));
  }
  await db.transaction((tx) =>
    audit(
      tx,
      { ...systemCtx, actor: systemActor },
      {
        action: 'data.generated',
        entityType: 'unit',
        entityId: rootId,
        unitId: rootId,
        changes: { scale: opts.scale, seed: opts.seed, ...counts },
      },
    ),
  );
  progress.finish();
  return { scale: opts.scale, seconds: (Date.now() - started) / 1000, counts, sampleReceipts };
}
