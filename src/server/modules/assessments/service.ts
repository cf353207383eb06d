/**
 * Assessments: the services, split along their seams (issue 16 §8) — the framework catalogue, campaigns,
 * one unit's assessment (answers, review, finalising) and results (ranking, lists, publication, trend).
 * Callers import this barrel.
 */

export * from './answers.ts';
export * from './campaigns.ts';
export * from './catalogue.ts';
export * from './results.ts';
