import type { authVi } from './messages.vi.ts';

/** Labels of the auth pages in English: exactly the keys of messages.vi.ts. */
export const authEn: Record<keyof typeof authVi, string> = {
  'ui.auth.title': 'Sign in',
  'ui.auth.subtitle': 'For public officials using Liêm',
  'ui.auth.username': 'User name',
  'ui.auth.password': 'Password',
  'ui.auth.signIn': 'Sign in',
  'ui.auth.signOut': 'Sign out',
  'ui.auth.expired': 'Your session has expired. Please sign in again to continue.',
  'ui.auth.totpTitle': 'Two-factor verification',
  'ui.auth.totpHelp': 'Enter the 6-digit code from the authenticator app on your phone.',
  'ui.auth.totpCode': 'Verification code',
  'ui.auth.verify': 'Verify',
  'ui.auth.useRecovery': 'Use a recovery code',
  'ui.auth.useTotp': 'Use a verification code',
  'ui.auth.recoveryCode': 'Recovery code',
  'ui.auth.changeTitle': 'Change your password',
  'ui.auth.changeHelp': 'For your safety, choose a new password (at least 12 characters) before going on.',
  'ui.auth.currentPassword': 'Current password',
  'ui.auth.newPassword': 'New password',
  'ui.auth.confirmPassword': 'Repeat the new password',
  'ui.auth.passwordMismatch': 'The two passwords differ.',
  'ui.auth.enrolTitle': 'Turn on two-factor sign-in',
  'ui.auth.enrolHelp':
    'Your role requires two-factor sign-in. Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator…), then enter the 6-digit code.',
  'ui.auth.qrAlt': 'QR code to add the account to an authenticator app',
  'ui.auth.secret': 'Or type the key by hand',
  'ui.auth.recoveryTitle': 'Recovery codes',
  'ui.auth.recoveryHelp':
    'Keep these codes somewhere safe. Each works once when you do not have your phone. They will not be shown again.',
  'ui.auth.recoverySaved': 'I saved the codes, continue',
  'ui.auth.backToSignIn': 'Back to sign-in',
  'ui.auth.forgotTitle': 'Reset your password',
  'ui.auth.forgotHelp':
    'Enter the e-mail address of your account; a link to set a new password will be sent there.',
  'ui.auth.sendLink': 'Send link',
  'ui.auth.linkAsked':
    'If this address belongs to an active account, a set-password link has been sent to it. Check your mailbox.',
  'ui.auth.setTitle': 'Set your password',
  'ui.auth.setHelp':
    'Choose a password of at least 12 characters that only you know. Once it is set, every earlier session of the account ends.',
  'ui.auth.setPassword': 'Set password',
  'ui.auth.passwordSet': 'Your password is set. You can sign in with it now.',
  'ui.auth.linkInvalid': 'The link may have expired or been used already; ask for a new one.',
  'ui.auth.forgot': 'Forgot your password?',
};
