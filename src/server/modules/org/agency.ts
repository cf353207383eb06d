import { sql } from 'drizzle-orm';
import { type Db, rows } from '#server/db/client.ts';
import { units } from './tables.ts';

/**
 * The agency a unit belongs to: the nearest unit at or above it that is not a team inside another
 * (`sub_unit`). A report about "the head" (Law Art. 66: the head of the agency, organisation or unit) is
 * about the official's agency; an inspectorate is its agency when judging whom it may inspect. A report
 * is kept from that whole agency — its head, and any team's own head inside it — and goes to the desk
 * above it (re-tests sec22b N2, sec22c C2: a team's official was kept only from the team, or a team with
 * its own head sent the report to the department's head).
 */
export async function agencyOf(
  db: Db,
  homePath: string,
): Promise<{ id: string; parentId: string | null; path: string } | null> {
  const [u] = await rows<{ id: string; parent_id: string | null; path: string }>(
    db,
    sql`select u.id, u.parent_id, u.path from ${units} u
      where u.id = any(string_to_array(trim(both '/' from ${homePath}), '/')::uuid[]) and u.type <> 'sub_unit'
      order by length(u.path) desc limit 1`,
  );
  return u ? { id: u.id, parentId: u.parent_id, path: u.path } : null;
}
