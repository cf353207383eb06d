import { defineAudit } from '#shared/audit/define.ts';

/** What the outreach register writes to the audit log (issue 20). */
export const outreachAudit = defineAudit({
  stream: 'outreach',
  actions: {
    'outreach.recorded': { vi: 'Ghi nhận hoạt động tuyên truyền', en: 'Outreach event recorded' },
    'outreach.updated': { vi: 'Cập nhật hoạt động tuyên truyền', en: 'Outreach event updated' },
    'outreach.attendees_imported': {
      vi: 'Nhập danh sách người dự hoạt động tuyên truyền',
      en: 'Attendance list of an outreach event imported',
    },
    'outreach.staff_stated': {
      vi: 'Nêu số cán bộ và số được tập huấn trong năm',
      en: 'Staff and staff trained in the year stated',
    },
  },
  entities: { outreach_event: { vi: 'Hoạt động tuyên truyền', en: 'Outreach event' } },
});
