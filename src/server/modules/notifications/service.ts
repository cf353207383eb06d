import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { users } from '#server/modules/users/tables.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError } from '#shared/errors.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { vi } from '#shared/i18n/vi.ts';
import { notifications } from './tables.ts';

export interface NotifyInput {
  userId: string;
  messageKey: MessageKey;
  values?: Record<string, string | number>;
  link?: string;
  /** The same key twice creates one notification (several instances may raise one event). */
  dedupeKey?: string;
  /** Also by e-mail, in the user's language, to an active account with an address (reminders). */
  email?: boolean;
  /** When it is said to have happened, if not now (an official's report: its day only). */
  at?: Date;
}

/** What sending e-mail needs: the queue (in the caller's transaction) and the public address for links. */
export type Mailing = Pick<Ctx, 'jobs' | 'config'>;

/**
 * One e-mail, composed in one place: subject and body from the dictionary in the recipient's language,
 * queued in the caller's transaction so it is sent exactly when the change is kept.
 */
export async function sendMail(
  mail: Mailing,
  tx: Db,
  m: {
    to: string;
    lang: Language;
    subject: MessageKey;
    body: MessageKey;
    values?: Record<string, string | number>;
  },
) {
  await mail.jobs.send(
    'mail.send',
    {
      to: m.to,
      subject: translate(m.lang, m.subject, m.values),
      text: translate(m.lang, m.body, m.values),
    },
    tx,
  );
}

/** Values that are themselves dictionary keys (a role, a status) are shown in the reader's language. */
function localiseValues(lang: Language, values: Record<string, string | number>) {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      typeof v === 'string' && Object.hasOwn(vi, v)
        ? translate(lang, v as MessageKey)
        : // A date reads as people write it (14/12/2026), never as stored (issue-18 review).
          typeof v === 'string' && ISO_DAY.test(v)
          ? formatLegalDate(v)
          : v,
    ]),
  );
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Returns whether the notification is new (false when its dedupe key was already used). With `email`,
 * a new one also goes by e-mail (given `mail`): the same message, and the link, in the user's language.
 */
export async function notify(tx: Db, input: NotifyInput, mail?: Mailing): Promise<boolean> {
  const rows = await insertNotifications(tx, [input]).returning({ id: notifications.id });
  if (rows.length === 0) return false;
  if (input.email && mail) {
    const [u] = await tx
      .select({ email: users.email, language: users.language, status: users.status })
      .from(users)
      .where(eq(users.id, input.userId));
    if (u?.email && u.status === 'active') {
      const lang: Language = u.language === 'en' ? 'en' : 'vi';
      const message = translate(lang, input.messageKey, localiseValues(lang, input.values ?? {}));
      await sendMail(mail, tx, {
        to: u.email,
        lang,
        subject: 'mail.notification.subject',
        body: 'mail.notification.body',
        values: {
          message,
          short: message.slice(0, 80),
          link: `${mail.config.publicUrl}${input.link ?? '/app/'}`,
        },
      });
    }
  }
  return true;
}

/** The insert of several notifications (a repeated dedupe key is skipped), to run or to write beside others. */
export function insertNotifications(tx: Db, inputs: readonly NotifyInput[]) {
  return tx
    .insert(notifications)
    .values(
      inputs.map((input) => ({
        userId: input.userId,
        messageKey: input.messageKey,
        values: input.values ?? {},
        link: input.link ?? null,
        dedupeKey: input.dedupeKey ?? null,
        ...(input.at ? { createdAt: input.at } : {}),
      })),
    )
    .onConflictDoNothing();
}

/** The signed-in user's own notifications, newest first. */
export async function listMine(ctx: Ctx, q: { page: number; pageSize: number; unread?: boolean }) {
  const userId = ctx.actor.userId!;
  const where = and(eq(notifications.userId, userId), q.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [total], [unread]] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(notifications).where(where),
    ctx.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map((n) => ({
      id: n.id,
      message: translate(ctx.lang, n.messageKey as MessageKey, localiseValues(ctx.lang, n.values)),
      messageKey: n.messageKey,
      link: n.link,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function markRead(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.userId!)))
    .returning({ id: notifications.id });
  if (!row) throw new AppError('not_found');
}

export async function markAllRead(ctx: Ctx) {
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.userId, ctx.actor.userId!), isNull(notifications.readAt)));
}
