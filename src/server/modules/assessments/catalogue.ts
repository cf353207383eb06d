import { asc, eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { writeCriteria } from './frameworks.ts';
import { frameworkSeed } from './seed.ts';
import { criteria, frameworks, frameworkVersions } from './tables.ts';

export type CriterionRow = typeof criteria.$inferSelect;

/** Idempotent: each shipped framework gets a published version 1 with its criteria the first time. */
export async function ensureFrameworks(db: Db) {
  for (const f of frameworkSeed) {
    const [existing] = await db.select().from(frameworks).where(eq(frameworks.code, f.code));
    if (existing) continue;
    await db.transaction(async (tx) => {
      const [fw] = await tx
        .insert(frameworks)
        .values({ code: f.code, kind: f.kind, nameVi: f.nameVi, nameEn: f.nameEn })
        .returning();
      const [v] = await tx
        .insert(frameworkVersions)
        .values({
          frameworkId: fw!.id,
          version: 1,
          status: 'published',
          legalBasis: f.legalBasis,
          publishedAt: new Date(),
        })
        .returning();
      await writeCriteria(
        tx,
        v!.id,
        f.criteria.map((c) => ({
          code: c.code,
          titleVi: c.vi,
          titleEn: c.en,
          method: c.method ?? 'points',
          maxPoints: c.max,
          minPoints: c.min ?? 0,
          evidenceRequired: c.evidence ?? false,
          indicatorCode: c.indicator ?? null,
          guidance: c.guidance ?? null,
        })),
      );
    });
  }
}

export async function listFrameworks(db: Db) {
  return db
    .select({
      id: frameworks.id,
      code: frameworks.code,
      kind: frameworks.kind,
      nameVi: frameworks.nameVi,
      nameEn: frameworks.nameEn,
      versionId: frameworkVersions.id,
      version: frameworkVersions.version,
      status: frameworkVersions.status,
    })
    .from(frameworks)
    .innerJoin(frameworkVersions, eq(frameworkVersions.frameworkId, frameworks.id))
    .orderBy(asc(frameworks.code), asc(frameworkVersions.version));
}

export async function criteriaOf(db: Db, versionId: string) {
  return db.select().from(criteria).where(eq(criteria.versionId, versionId)).orderBy(asc(criteria.ordinal));
}

/** Criteria that carry a score: those without children. */
export function leaves(all: CriterionRow[]) {
  const parents = new Set(all.map((c) => c.parentId).filter(Boolean));
  return all.filter((c) => !parents.has(c.id));
}

export const presentCriterion = (c: CriterionRow) => ({
  id: c.id,
  parentId: c.parentId,
  code: c.code,
  titleVi: c.titleVi,
  titleEn: c.titleEn,
  method: c.method,
  maxPoints: c.maxPoints,
  minPoints: c.minPoints,
  levels: c.levels,
  guidance: c.guidance,
  evidenceRequired: c.evidenceRequired,
  indicatorCode: c.indicatorCode,
});
