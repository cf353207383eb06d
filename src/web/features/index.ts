import type { Feature } from '#web/app/feature.ts';
import { assessmentsFeature } from './assessments/feature.ts';
import { auditFeature } from './audit/feature.ts';
import { casesFeature } from './cases/feature.ts';
import { clocksFeature } from './clocks/feature.ts';
import { declarationsFeature } from './declarations/feature.ts';
import { departuresFeature } from './departures/feature.ts';
import { enterprisesFeature } from './enterprises/feature.ts';
import { homeFeature } from './home/feature.ts';
import { inspectionsFeature } from './inspections/feature.ts';
import { integrityFeature } from './integrity/feature.ts';
import { orgFeature } from './org/feature.ts';
import { outreachFeature } from './outreach/feature.ts';
import { plansFeature } from './plans/feature.ts';
import { regulationsFeature } from './regulations/feature.ts';
import { reportsFeature } from './reports/feature.ts';
import { risksFeature } from './risks/feature.ts';
import { rotationFeature } from './rotation/feature.ts';
import { selfInspectionFeature } from './selfinspection/feature.ts';
import { usersFeature } from './users/feature.ts';

/** Every feature of the staff app: its pages and sidebar entries (within a group, in this order). */
export const features: readonly Feature[] = [
  homeFeature,
  plansFeature,
  regulationsFeature,
  departuresFeature,
  selfInspectionFeature,
  outreachFeature,
  assessmentsFeature,
  declarationsFeature,
  integrityFeature,
  rotationFeature,
  risksFeature,
  enterprisesFeature,
  reportsFeature,
  inspectionsFeature,
  casesFeature,
  orgFeature,
  usersFeature,
  auditFeature,
  clocksFeature,
];
