import { z } from 'zod';
import { roles } from '#shared/permissions.ts';
import { email, optionalText, Page, pageQuery, password, text, uuid } from '#shared/validation.ts';

export const username = () =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim().toLowerCase())
    .pipe(
      z
        .string()
        .min(3, { message: 'field.too_short' })
        .max(64)
        .regex(/^[a-z0-9._@-]+$/, { message: 'field.invalid' }),
    );

export const UserCreate = z.strictObject({
  username: username(),
  fullName: text(200),
  email: email().nullish(),
  phone: optionalText(30),
  unitId: uuid(),
  positionId: uuid().nullish(),
  language: z.enum(['vi', 'en']).default('vi'),
  /** When absent a one-time password is generated and returned once, unless the owner is invited. */
  password: password().optional(),
  /** The owner sets the first password through a link mailed to `email`; no one else ever knows it. */
  invite: z.boolean().default(false),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  fullName: text(200).optional(),
  email: email().nullish(),
  phone: optionalText(30),
  unitId: uuid().optional(),
  positionId: uuid().nullish(),
  language: z.enum(['vi', 'en']).optional(),
  version: z.number().int().min(1),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserStatusBody = z.strictObject({ status: z.enum(['active', 'disabled']) });

export const GrantCreate = z.strictObject({
  role: z.enum(roles),
  unitId: uuid(),
  subtree: z.boolean().default(true),
});

export const UserQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  unitId: uuid().optional(),
  role: z.enum(roles).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  sort: z
    .enum(['fullName', '-fullName', 'username', '-username', 'lastLoginAt', '-lastLoginAt'])
    .default('fullName'),
});
export type UserQuery = z.infer<typeof UserQuery>;

export const GrantView = z.object({
  id: z.string(),
  role: z.enum(roles),
  unitId: z.string(),
  unitName: z.string(),
  subtree: z.boolean(),
  /** `awaiting_approval`: an admin grant not in force until a second administrator approves it. */
  status: z.enum(['active', 'awaiting_approval']),
  /** For intake officers and custodians: whether a colleague has activated their report keys. */
  keysActivated: z.boolean(),
});

export const PendingGrants = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['approval', 'keys']),
      role: z.enum(roles),
      userId: z.string(),
      userName: z.string(),
      /** The sign-in name beside the full name: two people of one name are told apart. */
      username: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      grantedByName: z.string().nullable(),
      createdAt: z.string(),
      canDecide: z.boolean(),
      /**
       * What the one who vouches should know of the account (re-test sec27 M2): an administrator made it
       * or set its credentials (and so knew a password), and whether its owner ever completed a sign-in.
       */
      account: z.object({
        madeByName: z.string().nullable(),
        credentialsSetByAdmin: z.boolean(),
        everSignedIn: z.boolean(),
        /** The owner has not set a password through a mailed link yet: no one may decide until they do. */
        ownerPasswordPending: z.boolean(),
      }),
    }),
  ),
});
export const KeysActivated = z.object({ id: z.string(), keysActivated: z.literal(true) });
/** The code the grant's holder reads out in person to whoever decides (re-test sec28 S1). */
export const VouchBody = z.strictObject({ code: z.string().trim().min(1).max(20) });
export const MyWaitingGrants = z.object({
  ownerPasswordPending: z.boolean(),
  items: z.array(
    z.object({
      grantId: z.string(),
      role: z.enum(roles),
      unitName: z.string(),
      kind: z.enum(['approval', 'keys']),
      code: z.string().nullable(),
    }),
  ),
});

export const User = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  positionId: z.string().nullable(),
  status: z.string(),
  language: z.string(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Its password was made or reset by an administrator and the owner has not set one through a link. */
  ownerPasswordPending: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export const UserDetail = User.extend({ grants: z.array(GrantView) });
export const UserPage = Page(User);
export const UserCreated = UserDetail.extend({ oneTimePassword: z.string().optional() });
export const PasswordIssued = z.object({ oneTimePassword: z.string() });
export const PasswordLinkSent = z.object({ sent: z.literal(true) });
