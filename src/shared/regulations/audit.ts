import { defineAudit } from '#shared/audit/define.ts';

/** What the regulation-review register writes to the audit log (issue 20). */
export const regulationsAudit = defineAudit({
  stream: 'regulations',
  actions: {
    'regulation.reviewed': { vi: 'Ghi nhận rà soát văn bản', en: 'Document review recorded' },
    'regulation.updated': { vi: 'Cập nhật kết quả rà soát', en: 'Document review updated' },
    'regulation.outcome': { vi: 'Ghi nhận kết quả kiến nghị sửa đổi', en: 'Outcome of a proposal recorded' },
  },
  entities: { regulation_review: { vi: 'Rà soát văn bản', en: 'Document review' } },
});
