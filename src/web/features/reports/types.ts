import type { z } from 'zod';
import type {
  IdentityAccess,
  IdentityRequest,
  KeyStatus,
  ReportDetail,
  ReportListItem,
} from '#shared/reports/schemas.ts';

export type ReportRow = z.infer<typeof ReportListItem>;
export type Report = z.infer<typeof ReportDetail>;
export type IdentityRequestRow = z.infer<typeof IdentityRequest>;
export type IdentityAccessRow = z.infer<typeof IdentityAccess>;
export type Keys = z.infer<typeof KeyStatus>;

export const clockTone = { on_time: 'ok', at_risk: 'warn', overdue: 'danger' } as const;
export const statusTone = { received: 'info', in_progress: 'warn', closed: 'muted' } as const;
