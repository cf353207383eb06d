import { z } from 'zod';
import { roles } from '#shared/permissions.ts';
import { password } from '#shared/validation.ts';

export const stages = ['totp', 'change_password', 'enrol_totp', 'active'] as const;
export type Stage = (typeof stages)[number];

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, { message: 'field.required' }).max(200),
  password: z.string().min(1, { message: 'field.required' }).max(256),
});
export const TotpBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'field.invalid' }),
});
export const RecoveryBody = z.strictObject({ code: z.string().trim().min(6).max(40) });
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { message: 'field.required' }).max(256),
  newPassword: password(),
});
export const ResetRequestBody = z.strictObject({ email: z.email({ message: 'field.email' }).max(254) });
export const ResetConfirmBody = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: password(),
});

export const SessionInfo = z.object({
  stage: z.enum(stages),
  csrfToken: z.string(),
  user: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    unitId: z.string(),
    language: z.string(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(
    z.object({
      id: z.string(),
      role: z.enum(roles),
      unitId: z.string(),
      unitName: z.string(),
      unitPath: z.string(),
      subtree: z.boolean(),
      /** Report keys not yet activated by a colleague: the grant allows nothing until they are. */
      awaitingKeys: z.boolean(),
      keysLocked: z.boolean(),
    }),
  ),
  expiresAt: z.string(),
});

/** From a running session (not the sign-in step), turning on a second factor asks for the password. */
export const TotpEnrolBody = z.strictObject({ currentPassword: z.string().max(256).optional() });
export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
