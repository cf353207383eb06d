/**
 * Reports: the services, split along their seams (issue 16 §8) — reference data, statutory clocks, intake,
 * the inbox (reading), handling, identity requests and retention. Callers import this barrel.
 */

export * from './clocks.ts';
export * from './common.ts';
export * from './handling.ts';
export * from './identity.ts';
export * from './inbox.ts';
export * from './intake.ts';
export * from './internal.ts';
export * from './reference.ts';
export * from './retention.ts';
