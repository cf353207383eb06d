import { defineAudit } from '#shared/audit/define.ts';

/** What the enterprises module writes to the audit log, with the labels the log shows. */
export const enterprisesAudit = defineAudit({
  stream: 'enterprises',
  actions: {
    'enterprise.registration_requested': {
      vi: 'Doanh nghiệp gửi đăng ký',
      en: 'Enterprise registration requested',
    },
    'enterprise.registration_verified': {
      vi: 'Xác nhận thư điện tử đăng ký',
      en: 'Registration e-mail confirmed',
    },
    'enterprise.approved': { vi: 'Phê duyệt doanh nghiệp', en: 'Enterprise approved' },
    'enterprise.rejected': { vi: 'Từ chối đăng ký doanh nghiệp', en: 'Enterprise registration refused' },
    'enterprise.updated': { vi: 'Cập nhật cam kết doanh nghiệp', en: 'Enterprise commitment updated' },
  },
  entities: {
    enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
    enterprise_registration: { vi: 'Đăng ký doanh nghiệp', en: 'Enterprise registration' },
  },
});
