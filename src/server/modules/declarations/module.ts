import type { Module } from '#server/platform/module.ts';
import { declarationDeadlines } from './deadlines.ts';
import { declarationRoutes } from './routes.ts';
import { ensureDeclarationReferenceData } from './service.ts';

/**
 * Asset and income declarations (issue 18). So far: the legal parameters as dated data and the cycle's
 * clocks given to the clock engine; the roster, forms, review, publication, lottery and verification
 * build on them (ADR 0023).
 */
export const declarationsModule: Module = {
  name: 'declarations',
  routes: declarationRoutes,
  referenceData: ensureDeclarationReferenceData,
  deadlines: declarationDeadlines,
};
