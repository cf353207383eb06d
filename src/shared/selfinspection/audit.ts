import { defineAudit } from '#shared/audit/define.ts';

/** What the self-inspection register writes to the audit log (issue 20). */
export const selfInspectionAudit = defineAudit({
  stream: 'selfinspection',
  actions: {
    'self_inspection.planned': { vi: 'Lập kế hoạch tự kiểm tra', en: 'Self-inspection planned' },
    'self_inspection.updated': { vi: 'Sửa kế hoạch tự kiểm tra', en: 'Self-inspection plan edited' },
    'self_inspection.done': { vi: 'Ghi nhận kết quả tự kiểm tra', en: 'Self-inspection result recorded' },
    'self_inspection.cancelled': { vi: 'Hủy đợt tự kiểm tra', en: 'Self-inspection cancelled' },
  },
  entities: { self_inspection: { vi: 'Tự kiểm tra', en: 'Self-inspection' } },
});
