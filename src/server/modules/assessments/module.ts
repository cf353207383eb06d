import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { reviewDeadlines, selfAssessmentDeadlines } from './deadlines.ts';
import { seedDemoAssessments } from './demo.ts';
import { assessmentsGenerator } from './generate.ts';
import { assessmentRoutes } from './routes.ts';
import { ensureFrameworks, readableAssessments } from './service.ts';

export const assessmentsModule: Module = {
  name: 'assessments',
  auditNames: {
    campaign: (id) => sql`select x.title from campaigns x where x.id = ${id}`,
    assessment: (id) =>
      sql`select u.name from assessments x join units u on u.id = x.unit_id where x.id = ${id}`,
  },
  demo: async (d) => {
    await seedDemoAssessments(d.ctx, d.root.code, d.leadCodes);
    return undefined;
  },
  generate: assessmentsGenerator,
  routes: assessmentRoutes,
  // After the clocks' reference data: frameworks name deadline rules.
  referenceData: ensureFrameworks,
  deadlines: [selfAssessmentDeadlines, reviewDeadlines],
  // Evidence is read by whoever reads the assessment.
  fileOwners: [{ type: 'assessment', readable: readableAssessments }],
};
