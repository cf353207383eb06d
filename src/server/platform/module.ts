import type { FastifyInstance } from 'fastify';
import type { Ctx } from '#server/context.ts';
import type { Database, Db } from '#server/db/client.ts';
import type { ProvinceWorld, Shape } from '#server/generate/world.ts';
import type { AuditHiding } from './audit-hiding.ts';
import type { AuditNames } from './audit-names.ts';
import type { DeadlineSource } from './deadlines.ts';
import type { DemoStep } from './demo.ts';
import type { FileOwner } from './file-owners.ts';
import type { ImportRegistration } from './imports.ts';
import type { Metric } from './metrics.ts';

/** A background job of a module: its queue, what it does, and when it runs by itself (cron, UTC). */
export interface ModuleJob {
  name: string;
  run: (ctx: Ctx) => Promise<void>;
  schedule?: string;
}

/**
 * What a domain brings to the platform, declared once (DESIGN "Plug-in points"); `modules/index.ts` lists
 * the manifests and the app, the workers, reference-data seeding and Home loop over them. Foundation
 * modules never import domain modules: what they need of them comes through these lists.
 */
export interface Module {
  /** Also the OpenAPI tag of the module's routes. */
  name: string;
  /** Registers the module's routes, each with its declared access (plugin.ts refuses one without). */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** Idempotent: inserts the reference data that is missing, never overwrites edits. Run in list order. */
  referenceData?: (db: Db) => Promise<void>;
  /** Work done every quarter hour with the deployment's housekeeping (purges, checkpoints, releases). */
  housekeeping?: (ctx: Ctx) => Promise<void>;
  jobs?: ModuleJob[];
  /** The module's open items with a due date (or awaiting someone) for the signed-in user: Home reads them. */
  deadlines?: DeadlineSource[];
  /** Audit events about the module's records that a reader must not see, though in their scope. */
  auditHidden?: AuditHiding;
  /** How the module's records are named in the audit log (a number, a title), by entity type. */
  auditNames?: AuditNames;
  /** The kinds of the module's records that hold files, each with who may read them (ADR 0020). */
  fileOwners?: FileOwner[];
  /** The module's records people bring in from spreadsheets (the import wizard). */
  imports?: ImportRegistration[];
  /** Named counts over the module's records for a unit subtree and year (auto-indicators, statutory reports). */
  metrics?: Metric[];
  /** The module's part of the fictional demo province (`npm run demo`), after units and accounts exist. */
  demo?: DemoStep;
  generate?: GeneratorStep;
}

/**
 * A module's part of the data generator (`npm run liem -- generate`, the benchmarks): run for each
 * province after units and accounts, in the modules' list order.
 */
export interface GeneratorStep {
  /** The progress bar's stage, in both languages. */
  label: string;
  /** Work units for the progress bar's total (rows, weighted by their cost). */
  work: (shape: Shape) => number;
  /** Once before the first province; its result is `shared.prepared[module name]`. */
  prepare?: (db: Db) => Promise<unknown>;
  run: (world: ProvinceWorld) => Promise<void>;
  /** Once after every province is written and the statistics are fresh; returns counts to report. */
  finish?: (ctx: Ctx, database: Database) => Promise<Record<string, number>>;
}
