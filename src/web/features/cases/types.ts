import type { z } from 'zod';
import type {
  CaseDetail as CaseDetailSchema,
  Case as CaseSchema,
  Dashboard as DashboardSchema,
} from '#shared/cases/schemas.ts';

export type Case = z.infer<typeof CaseSchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type Referral = CaseDetail['referrals'][number];
export type RecoveryItem = CaseDetail['recovery'][number];
export type Person = CaseDetail['personList'][number];
export type Dashboard = z.infer<typeof DashboardSchema>;

export const stageTone = {
  verifying: 'info',
  handling: 'warn',
  referred: 'warn',
  concluded: 'ok',
  closed: 'muted',
} as const;
