import { defineAudit } from '#shared/audit/define.ts';

/** What the outreach register writes to the audit log (issue 20). */
export const outreachAudit = defineAudit({
  stream: 'outreach',
  actions: {
    'outreach.recorded': { vi: 'Ghi nhận hoạt động tuyên truyền', en: 'Outreach event recorded' },
    'outreach.updated': { vi: 'Cập nhật hoạt động tuyên truyền', en: 'Outreach event updated' },
  },
  entities: { outreach_event: { vi: 'Hoạt động tuyên truyền', en: 'Outreach event' } },
});
