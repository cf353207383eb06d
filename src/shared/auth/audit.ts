import { defineAudit } from '#shared/audit/define.ts';

/** What the auth module writes to the audit log, with the labels the log shows. */
export const authAudit = defineAudit({
  stream: 'auth',
  actions: {
    'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
    'auth.login_failed': { vi: 'Đăng nhập sai', en: 'Failed sign-in' },
    'auth.locked': { vi: 'Tạm khóa tài khoản', en: 'Account locked' },
    'auth.totp_verified': { vi: 'Xác thực hai lớp', en: 'Two-factor verified' },
    'auth.totp_failed': { vi: 'Mã xác thực sai', en: 'Wrong verification code' },
    'auth.recovery_code_used': { vi: 'Dùng mã khôi phục', en: 'Recovery code used' },
    'auth.totp_enabled': { vi: 'Bật xác thực hai lớp', en: 'Two-factor turned on' },
    'auth.password_changed': { vi: 'Đổi mật khẩu', en: 'Password changed' },
    'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
    'auth.reset_requested': { vi: 'Yêu cầu đặt lại mật khẩu', en: 'Password reset requested' },
    'auth.password_reset': { vi: 'Đặt lại mật khẩu qua thư', en: 'Password reset by e-mail' },
  },
  entities: {},
});
