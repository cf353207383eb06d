import { type Actor, can } from '#shared/permissions.ts';

/**
 * What the actor may do with one plan, decided on the plan's unit (issue 16 §5): the server checks the same
 * predicates on every write and returns them with the plan, so the app never recomputes rights from a
 * unit it would have to fetch.
 */
export interface PlanAbilities {
  /** Edit the draft, its tasks and basis; report progress; comment. */
  write: boolean;
  /** Accept or return progress reports; issue and reopen. */
  review: boolean;
}

/** Coordinators manage every plan in their subtree; heads and focal officers their own unit's. */
export const mayWritePlan = (actor: Actor, unitPath: string): boolean =>
  can(actor, 'plans.manage', { unitPath }) || can(actor, 'plans.edit', { unitPath });

export const planAbilities = (actor: Actor, unitPath: string): PlanAbilities => ({
  write: mayWritePlan(actor, unitPath),
  review: can(actor, 'plans.manage', { unitPath }),
});

/** A plan read only for the tasks assigned to the reader's units in it. */
export const readOnly: PlanAbilities = { write: false, review: false };
