import { defineAudit } from '#shared/audit/define.ts';

/** What the system module writes to the audit log, with the labels the log shows. */
export const systemAudit = defineAudit({
  stream: 'system',
  actions: {
    'data.generated': { vi: 'Sinh dữ liệu mẫu', en: 'Sample data generated' },
  },
  entities: {},
});
