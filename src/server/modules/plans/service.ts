/**
 * Plans: the services, split along their seams (issue 16 §8) — loading and presenting plans, editing plans and
 * their items, issuing and the cascade to units, progress reports, the overview, due items and comments.
 * Callers import this barrel.
 */

export * from './comments.ts';
export * from './due-items.ts';
export * from './issuing.ts';
export * from './items.ts';
export * from './overview.ts';
export * from './plan.ts';
export * from './progress.ts';
export * from './records.ts';
