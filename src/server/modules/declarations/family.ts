import { and, desc, inArray, ne } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { foldText } from '#shared/text.ts';
import { openDeclarationContent } from './sealed.ts';
import { declarations } from './tables.ts';

/**
 * The spouse and children each person named in their latest declaration given (not a draft), folded for
 * comparison — what Liêm knows of an official's family (Decree 130 Annex I). Only names leave this
 * function: a check of conflicts of interest learns whether a relative is somewhere, nothing declared.
 */
export async function declaredFamily(db: Db, userIds: readonly string[]) {
  const out = new Map<string, Set<string>>();
  if (userIds.length === 0) return out;
  const found = await db
    .selectDistinctOn([declarations.userId], {
      id: declarations.id,
      userId: declarations.userId,
      content: declarations.content,
    })
    .from(declarations)
    .where(and(inArray(declarations.userId, [...userIds]), ne(declarations.status, 'draft')))
    .orderBy(declarations.userId, desc(declarations.declaredOn), desc(declarations.createdAt));
  for (const d of found) {
    const c = openDeclarationContent(d);
    const names = [c.spouse?.fullName, ...c.children.map((ch) => ch.fullName)].filter(
      (n): n is string => !!n?.trim(),
    );
    out.set(d.userId, new Set(names.map(foldText)));
  }
  return out;
}
