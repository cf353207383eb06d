import { z } from 'zod';
import { isoDate, Page, pageQuery, uuid } from '#shared/validation.ts';

export const AuditQuery = z.strictObject({
  ...pageQuery,
  actorId: uuid().optional(),
  unitId: uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  sort: z.enum(['at', '-at']).default('-at'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEvent = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The record's name as people know it, where there is one (a user's sign-in name, a report's number). */
  entityName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  /** Names of the records the changes refer to by id (a unit, a person, a plan, a campaign). */
  valueNames: z.record(z.string(), z.string()),
  requestId: z.string().nullable(),
});
export const AuditPage = Page(AuditEvent);

export const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.number(),
  checkpoints: z.number(),
  lastCheckpoint: z.object({ seq: z.number(), at: z.string() }).optional(),
  firstBad: z
    .object({
      seq: z.number(),
      id: z.string().nullable(),
      problem: z.enum([
        'altered',
        'deleted',
        'reordered',
        'rehashed',
        'relinked',
        'truncated',
        'forged_checkpoint',
      ]),
    })
    .optional(),
});

export const CheckpointExport = z.object({
  publicKey: z.string(),
  checkpoints: z.array(
    z.object({
      seq: z.number(),
      hash: z.string(),
      /** Each stream's newest event when signed (absent on checkpoints from before streams). */
      heads: z.record(z.string(), z.object({ seq: z.number(), hash: z.string() })).optional(),
      at: z.string(),
      anchor: z.boolean().optional(),
      legacyUpTo: z.number().optional(),
      sig: z.string(),
    }),
  ),
});
