import { z } from 'zod';

export const importEntities = [
  'units',
  'users',
  'plan_items',
  'rotation_assignments',
  'self_inspections',
  'regulation_reviews',
  'inspections',
  'outreach_events',
  'outreach_attendees',
  'cases',
  'corruption_risks',
  'gifts',
  'conflicts',
  'departures',
] as const;
export type ImportEntity = (typeof importEntities)[number];

/** Import field → the header of the user's sheet that holds it. */
export const Mapping = z.record(z.string().max(64), z.string().max(200));
export type Mapping = z.infer<typeof Mapping>;

export const RowError = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1); null for the whole file or sheet. */
  row: z.number().nullable(),
  /** The sheet, in a workbook with a sheet per part (paper declarations). */
  sheet: z.string().nullable().optional(),
  /** Header text of the user's column, when the error is about one cell. */
  column: z.string().nullable(),
  field: z.string().nullable().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const ImportField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  example: z.string(),
});

export const ImportPreview = z.object({
  entity: z.enum(importEntities),
  headers: z.array(z.string()),
  layoutHash: z.string(),
  /** Remembered for this layout, or guessed from the headers. */
  mapping: Mapping,
  remembered: z.boolean(),
  fields: z.array(ImportField),
  sample: z.array(z.array(z.string())),
  rowCount: z.number(),
});

export const PlannedRow = z.object({
  row: z.number(),
  key: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  changes: z.record(z.string(), z.unknown()),
  /** An update beyond the ordinary, to be confirmed before the commit: moved elsewhere, another type. */
  attention: z.array(z.enum(['move', 'retype'])).optional(),
});

export const ImportResult = z.object({
  entity: z.enum(importEntities),
  dryRun: z.boolean(),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    unchanged: z.number(),
    errors: z.number(),
    /** Of the updates: units that would move under another parent, and that would change type. */
    move: z.number(),
    retype: z.number(),
  }),
  rows: z.array(PlannedRow),
  errors: z.array(RowError),
  /** What the import changes beyond its rows, said before the commit (an event's counts: rev29). */
  effects: z.array(z.string()).optional(),
  /** Moves of existing units asked by the commit, waiting for a second administrator (ADR 0031). */
  movesAwaitingApproval: z.number().optional(),
  /** New users' one-time passwords, shown once after a committed user import. */
  credentials: z
    .array(z.object({ row: z.number(), username: z.string(), oneTimePassword: z.string() }))
    .optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** What a long import is doing, as its streamed answer says: reading, checking rows, planning, writing. */
export interface ImportProgress {
  phase: 'read' | 'check' | 'plan' | 'write';
  done?: number;
  total?: number;
}
