import { defineAudit } from '#shared/audit/define.ts';

/** What the imports module writes to the audit log, with the labels the log shows. */
export const importsAudit = defineAudit({
  stream: 'imports',
  actions: {
    'import.committed': { vi: 'Nhập dữ liệu từ tệp', en: 'Data imported from a file' },
  },
  entities: {
    plan_items: { vi: 'Nhập nhiệm vụ kế hoạch', en: 'Plan task import' },
    rotation_assignments: { vi: 'Nhập danh sách vị trí phải chuyển đổi', en: 'Rotation list import' },
    self_inspections: { vi: 'Nhập kế hoạch tự kiểm tra', en: 'Self-inspection plan import' },
    regulation_reviews: { vi: 'Nhập kết quả rà soát văn bản', en: 'Document review import' },
    inspections: { vi: 'Nhập kế hoạch thanh tra năm', en: 'Yearly inspection plan import' },
    outreach_events: { vi: 'Nhập hoạt động tuyên truyền', en: 'Outreach events import' },
    outreach_attendees: { vi: 'Nhập danh sách người dự', en: 'Attendance list import' },
    corruption_risks: { vi: 'Nhập sổ rủi ro tham nhũng', en: 'Corruption-risk register import' },
    gifts: { vi: 'Nhập sổ theo dõi quà tặng', en: 'Gift book import' },
    conflicts: { vi: 'Nhập sổ theo dõi xung đột lợi ích', en: 'Conflict-of-interest register import' },
    cases: { vi: 'Nhập sổ theo dõi vụ việc tham nhũng', en: 'Case register import' },
    departures: { vi: 'Nhập danh sách người thôi giữ chức vụ', en: 'Departures import' },
  },
});
