import type { z } from 'zod';
import type {
  Position as PositionSchema,
  UnitDetail,
  UnitLink as UnitLinkSchema,
  Unit as UnitSchema,
} from '#shared/org/schemas.ts';
// Responses as the API declares them (shared/org/schemas.ts): never written twice.
export type Unit = z.infer<typeof UnitSchema>;
export type UnitLink = z.infer<typeof UnitLinkSchema>;
export type UnitDetailData = z.infer<typeof UnitDetail>;
export type Position = z.infer<typeof PositionSchema>;
