import type { z } from 'zod';
import type { Assessment, AssessmentListItem, Campaign, RankingRow } from '#shared/assessments/schemas.ts';

export type CampaignRow = z.infer<typeof Campaign>;
export type AssessmentRow = z.infer<typeof AssessmentListItem>;
export type AssessmentDetail = z.infer<typeof Assessment>;
export type Ranking = z.infer<typeof RankingRow>;

export const assessmentTone = {
  open: 'info',
  submitted: 'warn',
  under_review: 'warn',
  returned: 'danger',
  finalised: 'ok',
} as const;
export const campaignTone = { draft: 'muted', open: 'info', finalised: 'ok', published: 'ok' } as const;
