import type { ImportAdapter } from '#server/modules/imports/engine.ts';
import { fieldError } from '#shared/errors.ts';
import { type ImportEntity, importEntities } from '#shared/imports/schemas.ts';

/** Where an import writes, chosen in the wizard: a plan's tasks go into one plan, new units under one unit. */
export interface ImportTarget {
  planId?: string;
  /** An outreach event: its attendance list. */
  eventId?: string;
  underUnitId?: string;
}

/**
 * A kind of record a module lets people bring in from a spreadsheet (DESIGN "Plug-in points"): the import
 * wizard, its template, dry run and commit come with it. `needs` names the target the adapter cannot do
 * without (asked for on its field when missing).
 */
export interface ImportRegistration {
  entity: ImportEntity;
  needs?: keyof ImportTarget;
  adapter: (target: ImportTarget) => ImportAdapter<never>;
}

const registry = new Map<ImportEntity, ImportRegistration>();

/** Called once, by `modules/index.ts`, with every module's imports; each entity of the shared list has one. */
export function registerImports(list: readonly ImportRegistration[]) {
  for (const r of list) {
    if (registry.has(r.entity) && registry.get(r.entity) !== r) throw new Error(`import ${r.entity} twice`);
    registry.set(r.entity, r);
  }
  const missing = importEntities.filter((e) => !registry.has(e));
  if (missing.length > 0) throw new Error(`no import registered for ${missing.join(', ')}`);
}

/** The adapter that imports `entity` into `target`. */
export function importAdapter(entity: ImportEntity, target: ImportTarget): ImportAdapter<never> {
  const r = registry.get(entity)!;
  if (r.needs && !target[r.needs]) throw fieldError(r.needs, 'field.required');
  return r.adapter(target);
}

/** An adapter that needs no target, as a registration. */
export const importOf = <T>(adapter: ImportAdapter<T>): ImportRegistration => ({
  entity: adapter.entity as ImportEntity,
  adapter: () => adapter as unknown as ImportAdapter<never>,
});
