import { defineAudit } from '#shared/audit/define.ts';

/** What the declarations module writes to the audit log, with the labels the log shows. */
export const declarationsAudit = defineAudit({
  stream: 'declarations',
  actions: {
    'parameter.version_created': {
      vi: 'Ban hành phiên bản mới của tham số kê khai',
      en: 'New version of a declaration parameter',
    },
  },
  entities: {
    declaration_parameter: { vi: 'Tham số kê khai tài sản', en: 'Declaration parameter' },
  },
});
