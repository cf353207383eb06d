import { defineAudit } from '#shared/audit/define.ts';

/** What detection and handling writes to the audit log, with the labels the log shows (issue 19). */
export const inspectionsAudit = defineAudit({
  stream: 'inspections',
  actions: {
    'inspection_plan.created': { vi: 'Lập kế hoạch thanh tra năm', en: 'Yearly inspection plan drafted' },
    'inspection_plan.approved': { vi: 'Phê duyệt kế hoạch thanh tra', en: 'Inspection plan approved' },
    'inspection.added': { vi: 'Thêm cuộc thanh tra', en: 'Inspection added' },
    'inspection.cancelled': { vi: 'Hủy cuộc thanh tra', en: 'Inspection cancelled' },
    'inspection.decided': { vi: 'Ban hành quyết định thanh tra', en: 'Inspection decision issued' },
    'inspection.extended': {
      vi: 'Gia hạn thời hạn thanh tra trực tiếp',
      en: 'On-site inspection period extended',
    },
    'inspection.step': { vi: 'Ghi nhận bước thanh tra', en: 'Inspection step recorded' },
    'inspection.concluded': { vi: 'Ban hành kết luận thanh tra', en: 'Inspection conclusion issued' },
    'inspection.document': { vi: 'Tạo văn bản của cuộc thanh tra', en: 'Inspection document made' },
    'inspection.signed_filed': {
      vi: 'Lưu bản đã ký của văn bản thanh tra',
      en: 'Signed inspection document filed',
    },
    'recommendation.updated': { vi: 'Cập nhật thực hiện kiến nghị', en: 'Recommendation updated' },
    'recommendation.issued': {
      vi: 'Ghi kiến nghị từ nguồn khác (kiểm toán, xác minh, tố cáo)',
      en: 'Recommendation recorded from another source (audit, verification, denunciation)',
    },
    'recommendation.rechecked': {
      vi: 'Kiểm tra lại việc thực hiện kiến nghị',
      en: 'Recommendation re-checked by a follow-up inspection',
    },
  },
  entities: {
    inspection_plan: { vi: 'Kế hoạch thanh tra', en: 'Inspection plan' },
    inspection: { vi: 'Cuộc thanh tra', en: 'Inspection' },
    recommendation: { vi: 'Kiến nghị', en: 'Recommendation' },
  },
});
