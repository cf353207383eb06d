import { defineAudit } from '#shared/audit/define.ts';

/** What the users module writes to the audit log, with the labels the log shows. */
export const usersAudit = defineAudit({
  stream: 'users',
  actions: {
    'user.created': { vi: 'Tạo người dùng', en: 'User created' },
    'user.updated': { vi: 'Sửa người dùng', en: 'User edited' },
    'user.disabled': { vi: 'Vô hiệu hóa người dùng', en: 'User disabled' },
    'user.enabled': { vi: 'Kích hoạt người dùng', en: 'User enabled' },
    'user.password_reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
    'user.password_link_sent': { vi: 'Gửi liên kết đặt mật khẩu', en: 'Set-password link sent' },
    'user.totp_reset': { vi: 'Đặt lại xác thực hai lớp', en: 'Two-factor reset' },
    'grant.added': { vi: 'Cấp vai trò', en: 'Role granted' },
    'grant.removed': { vi: 'Thu hồi vai trò', en: 'Role revoked' },
    'grant.approved': { vi: 'Phê duyệt cấp vai trò', en: 'Role grant approved' },
    'grant.keys_activated': { vi: 'Kích hoạt khóa của vai trò', en: 'Role keys activated' },
  },
  entities: {
    user: { vi: 'Người dùng', en: 'User' },
    users: { vi: 'Nhập người dùng', en: 'User import' },
  },
});
