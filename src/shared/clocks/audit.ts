import { defineAudit } from '#shared/audit/define.ts';

/** What the clocks module writes to the audit log, with the labels the log shows. */
export const clocksAudit = defineAudit({
  stream: 'clocks',
  actions: {
    'rule.created': { vi: 'Tạo quy tắc thời hạn', en: 'Deadline rule created' },
    'rule.updated': { vi: 'Sửa quy tắc thời hạn', en: 'Deadline rule edited' },
    'regime.updated': { vi: 'Sửa chế độ báo cáo', en: 'Reporting regime edited' },
    'calendar_day.added': { vi: 'Thêm ngày vào lịch', en: 'Calendar day added' },
    'calendar_day.updated': { vi: 'Sửa ngày trong lịch', en: 'Calendar day edited' },
    'calendar_day.removed': { vi: 'Xóa ngày khỏi lịch', en: 'Calendar day removed' },
  },
  entities: {
    deadline_rule: { vi: 'Quy tắc thời hạn', en: 'Deadline rule' },
    reporting_regime: { vi: 'Chế độ báo cáo', en: 'Reporting regime' },
    calendar: { vi: 'Lịch', en: 'Calendar' },
  },
});
