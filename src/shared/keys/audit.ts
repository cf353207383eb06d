import { defineAudit } from '#shared/audit/define.ts';

/** What the keys module writes to the audit log, with the labels the log shows. */
export const keysAudit = defineAudit({
  stream: 'keys',
  actions: {
    'keys.recovery_shown': { vi: 'Hiện khóa khôi phục', en: 'Recovery key shown' },
    'keys.recovered': { vi: 'Khôi phục khóa', en: 'Keys restored' },
    'keys.replaced': { vi: 'Tạo khóa mới', en: 'Keys replaced' },
  },
  entities: {},
});
