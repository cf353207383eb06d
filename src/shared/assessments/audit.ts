import { defineAudit } from '#shared/audit/define.ts';

/** What the assessments module writes to the audit log, with the labels the log shows. */
export const assessmentsAudit = defineAudit({
  stream: 'assessments',
  actions: {
    'campaign.created': { vi: 'Tạo đợt đánh giá', en: 'Campaign created' },
    'campaign.opened': { vi: 'Mở đợt đánh giá', en: 'Campaign opened' },
    'campaign.finalised': { vi: 'Kết thúc đợt đánh giá', en: 'Campaign finalised' },
    'campaign.published': { vi: 'Công bố kết quả đánh giá', en: 'Campaign published' },
    'assessment.answered': { vi: 'Tự chấm tiêu chí', en: 'Criterion self-scored' },
    'assessment.submitted': { vi: 'Nộp bản tự đánh giá', en: 'Self-assessment submitted' },
    'assessment.reviewed': { vi: 'Thẩm định tiêu chí', en: 'Criterion reviewed' },
    'assessment.returned': { vi: 'Trả lại bản đánh giá', en: 'Assessment returned' },
    'assessment.finalised': { vi: 'Hoàn tất thẩm định', en: 'Assessment finalised' },
    'framework.drafted': { vi: 'Tạo phiên bản bộ tiêu chí', en: 'Framework version drafted' },
    'framework.imported': { vi: 'Nhập tiêu chí', en: 'Criteria imported' },
    'framework.published': { vi: 'Ban hành bộ tiêu chí', en: 'Framework version published' },
  },
  entities: {
    assessment: { vi: 'Bản tự đánh giá', en: 'Self-assessment' },
    campaign: { vi: 'Đợt đánh giá', en: 'Campaign' },
    framework_version: { vi: 'Phiên bản bộ tiêu chí', en: 'Framework version' },
  },
});
