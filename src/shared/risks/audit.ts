import { defineAudit } from '#shared/audit/define.ts';

/** What the corruption-risk register writes to the audit log (issue 20). */
export const risksAudit = defineAudit({
  stream: 'risks',
  actions: {
    'risk.recorded': { vi: 'Ghi nhận rủi ro tham nhũng', en: 'Corruption risk recorded' },
    'risk.reviewed': { vi: 'Rà soát rủi ro tham nhũng', en: 'Corruption risk reviewed' },
    'risk.thresholds_changed': { vi: 'Đổi ngưỡng mức rủi ro', en: 'Risk level thresholds changed' },
  },
  entities: {
    corruption_risk: { vi: 'Rủi ro tham nhũng', en: 'Corruption risk' },
    risk_levels: { vi: 'Ngưỡng mức rủi ro', en: 'Risk level thresholds' },
  },
});
