import { defineAudit } from '#shared/audit/define.ts';

/** What the files module writes to the audit log, with the labels the log shows. */
export const filesAudit = defineAudit({
  stream: 'files',
  actions: {
    'file.uploaded': { vi: 'Tải lên tệp', en: 'File uploaded' },
  },
  entities: {
    file: { vi: 'Tệp', en: 'File' },
  },
});
