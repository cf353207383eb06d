import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';

/**
 * A kind of record that files are attached to (a plan's signed copy, a progress report's evidence, an
 * assessment's evidence). A file is read through the policy of the records that hold it, never through a
 * unit-wide right (ADR 0020): whoever may read one of those records may read the file.
 */
export interface FileOwner {
  /** Stored in `file_links.owner_type`. */
  type: string;
  /** Of these records, the ids the actor may read, by the owning module's own rule. */
  readable: (ctx: Ctx, ids: string[], db: Db) => Promise<Set<string>>;
}

const owners = new Map<string, FileOwner>();

/** Called once, by `modules/index.ts`, with every module's owners. */
export function registerFileOwners(list: readonly FileOwner[]) {
  for (const o of list) {
    if (owners.has(o.type) && owners.get(o.type) !== o) throw new Error(`file owner ${o.type} twice`);
    owners.set(o.type, o);
  }
}

export const fileOwner = (type: string) => owners.get(type);
