import { defineAudit } from '#shared/audit/define.ts';

/** What the register of officials who left office writes to the audit log (issue 20). */
export const departuresAudit = defineAudit({
  stream: 'departures',
  actions: {
    'departure.recorded': { vi: 'Ghi nhận người thôi giữ chức vụ', en: 'Departure recorded' },
    'departure.updated': { vi: 'Cập nhật người thôi giữ chức vụ', en: 'Departure updated' },
  },
  entities: { departure: { vi: 'Người thôi giữ chức vụ', en: 'Former official' } },
});
