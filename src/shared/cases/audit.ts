import { defineAudit } from '#shared/audit/define.ts';

/** What the cases register writes to the audit log, with the labels the log shows (issue 19). */
export const casesAudit = defineAudit({
  stream: 'cases',
  actions: {
    'case.opened': { vi: 'Mở vụ việc tham nhũng', en: 'Corruption case opened' },
    'case.updated': { vi: 'Cập nhật vụ việc', en: 'Case updated' },
    'case.moved': { vi: 'Chuyển vụ việc sang đơn vị khác', en: 'Case moved to another unit' },
    'case.person_added': { vi: 'Thêm người có hành vi tham nhũng', en: 'Person added to a case' },
    'case.person_updated': { vi: 'Cập nhật xử lý người vi phạm', en: "A person's handling updated" },
    'case.report_joined': { vi: 'Tin báo, tố cáo vào vụ việc', en: 'Report joined a case' },
    'report.case_linked': { vi: 'Chuyển tố cáo thành vụ việc', en: 'Report turned into a case' },
    'referral.sent': { vi: 'Chuyển cơ quan điều tra', en: 'Referred to investigators' },
    'referral.recorded': {
      vi: 'Ghi nhận trả lời của cơ quan điều tra',
      en: "Investigators' answer recorded",
    },
    'recovery.item_added': { vi: 'Thêm khoản phải thu hồi', en: 'Recovery item added' },
    'recovery.decided': { vi: 'Quyết định thu hồi', en: 'Recovery decided' },
    'recovery.payment': { vi: 'Ghi nhận số đã thu hồi', en: 'Recovery payment recorded' },
  },
  entities: {
    case: { vi: 'Vụ việc', en: 'Case' },
  },
});
