import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { choice, oncePlanner } from '#server/modules/imports/common.ts';
import { foldHeader, type ImportAdapter, type RowProblem } from '#server/modules/imports/engine.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import { registerReadable } from '#server/modules/integrity/registers.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError } from '#shared/errors.ts';
import { translate } from '#shared/i18n/index.ts';
import { can } from '#shared/permissions.ts';
import { optionalText, text } from '#shared/validation.ts';
import { outreachAttendees, outreachEvents } from './tables.ts';

const Row = z.object({
  fullName: text(200),
  agency: optionalText(300),
  position: optionalText(200),
  kind: choice(['staff', 'outside'] as const, 'ui.out.attendee', {
    staff: ['x', 'co', 'yes', 'can bo', 'can bo cua don vi', 'trong don vi'],
    outside: ['khong', 'no', 'ngoai don vi', 'khach'],
  }).optional(),
});
type Data = z.infer<typeof Row>;

const personKey = (d: { fullName: string; agency?: string | null | undefined }) =>
  `${foldHeader(d.fullName)}|${foldHeader(d.agency ?? '')}`;

/** The event, for the reader (not found otherwise) or its keeper (`writing`: forbidden otherwise). */
async function eventFor(ctx: Ctx, db: Db, eventId: string, writing: boolean, lock = false) {
  const q = db
    .select({ e: outreachEvents, path: units.path })
    .from(outreachEvents)
    .innerJoin(units, eq(units.id, outreachEvents.unitId))
    .where(eq(outreachEvents.id, eventId));
  // Held while the list is written: an edit of the event in between waits, then finds the new version.
  const [e] = lock ? await q.for('update', { of: outreachEvents }) : await q;
  if (!e || !registerReadable(ctx, e.path)) throw new AppError('not_found');
  if (writing && !can(ctx.actor, HANDLE, { unitPath: e.path })) throw new AppError('forbidden');
  return e;
}

/** How many are on an event's list, and of them the unit's own staff: the event's two figures. */
export async function listCounts(db: Db, eventId: string) {
  const [n] = await db
    .select({
      all: count(),
      staff: sql<number>`count(*) filter (where ${outreachAttendees.staff})::int`,
    })
    .from(outreachAttendees)
    .where(eq(outreachAttendees.eventId, eventId));
  return n!;
}

export async function listAttendees(ctx: Ctx, eventId: string) {
  await eventFor(ctx, ctx.db, eventId, false);
  const items = await ctx.db
    .select({
      id: outreachAttendees.id,
      fullName: outreachAttendees.fullName,
      agency: outreachAttendees.agency,
      position: outreachAttendees.position,
      staff: outreachAttendees.staff,
    })
    .from(outreachAttendees)
    .where(eq(outreachAttendees.eventId, eventId))
    .orderBy(asc(outreachAttendees.fullName))
    .limit(5000);
  return { items, total: items.length };
}

/**
 * An event's attendance sheet (issue 20: participants "imported from a sheet or counted"): one row per
 * person, their agency and position, and whether they are the organising unit's own staff. Once there is
 * a list, the event's participants and staff trained are its counts. All or nothing; a person already on
 * the list (same name and agency) is left as they are.
 */
export function attendeeImport(eventId: string): ImportAdapter<Data> {
  return {
    entity: 'outreach_attendees',
    action: HANDLE,
    // An inspector who reads the event is refused (403), not told it is not there (sec31 I3).
    mayImport: async (ctx) => void (await eventFor(ctx, ctx.db, eventId, true)),
    keyField: null,
    rowSchema: Row as z.ZodType<Data>,
    fields: [
      {
        key: 'fullName',
        required: true,
        vi: 'Họ và tên',
        en: 'Full name',
        aliases: ['ho ten', 'ho va ten', 'nguoi du', 'dai bieu'],
        example: 'Nguyễn Thị Lan',
      },
      {
        key: 'agency',
        required: false,
        vi: 'Cơ quan, đơn vị',
        en: 'Agency or unit',
        aliases: ['co quan', 'don vi', 'noi cong tac'],
        example: 'Phòng Quản lý ngân sách',
      },
      {
        key: 'position',
        required: false,
        vi: 'Chức vụ',
        en: 'Position',
        aliases: ['chuc vu', 'chuc danh'],
        example: 'Chuyên viên',
      },
      {
        key: 'kind',
        required: false,
        vi: 'Cán bộ của đơn vị',
        en: "The unit's own staff",
        aliases: ['can bo cua don vi', 'thuoc don vi', 'loai'],
        example: 'x',
      },
    ],
    notes: (lang) =>
      lang === 'en'
        ? [
            'One row per person who attended: their name, agency and position; mark the organising unit\'s own staff with "x" (they count among its staff trained).',
            'Any error cancels the whole file; someone already on the list (same name and agency) is left as they are. The event’s participants and staff trained become the list’s counts.',
          ]
        : [
            'Mỗi dòng một người dự: họ tên, cơ quan, chức vụ; đánh dấu "x" ở cột "Cán bộ của đơn vị" cho cán bộ của đơn vị tổ chức (được tính là cán bộ được tập huấn).',
            'Một lỗi sẽ hủy toàn bộ tệp; người đã có trong danh sách (cùng họ tên và cơ quan) được giữ nguyên. Số người dự và số cán bộ được tập huấn của hoạt động lấy theo danh sách.',
          ],

    async plan(ctx, rows) {
      const e = await eventFor(ctx, ctx.db, eventId, true);
      const problems: RowProblem[] = [];
      const known = await ctx.db
        .select({ key: outreachAttendees.personKey })
        .from(outreachAttendees)
        .where(eq(outreachAttendees.eventId, eventId));
      const once = oncePlanner<Data>(new Set(known.map((k) => k.key)));
      for (const { row, data } of rows)
        once.add(problems, row, personKey(data), 'fullName', {
          label: data.fullName,
          changes: { staff: data.kind === 'staff' },
          data,
        });
      // The event's figures become the list's: said before the commit, typed ones included (rev29).
      const fresh = once.planned.filter((p) => p.action === 'create');
      const n = await listCounts(ctx.db, eventId);
      const after = {
        participants: n.all + fresh.length,
        staff: n.staff + fresh.filter((p) => p.data.kind === 'staff').length,
      };
      const effects =
        after.participants === e.e.participants && after.staff === e.e.staffTrained
          ? []
          : [
              translate(ctx.lang, 'ui.out.importEffect', {
                participants: after.participants,
                was: e.e.participants,
                staff: after.staff,
                wasStaff: e.e.staffTrained,
              }),
            ];
      return { planned: once.planned, problems, effects };
    },

    async apply(ctx, planned, written) {
      const e = await eventFor(ctx, ctx.db, eventId, true, true);
      const fresh = planned.filter((p) => p.action === 'create');
      await insertRows(
        ctx.db,
        outreachAttendees,
        fresh.map((p) => ({
          eventId,
          fullName: p.data.fullName,
          agency: p.data.agency ?? null,
          position: p.data.position ?? null,
          staff: p.data.kind === 'staff',
          personKey: personKey(p.data),
        })),
      );
      await written(fresh.length);
      const n = await listCounts(ctx.db, eventId);
      await ctx.db
        .update(outreachEvents)
        .set({
          participants: n.all,
          staffTrained: n.staff,
          version: e.e.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(outreachEvents.id, eventId));
      await audit(ctx.db, ctx, {
        action: 'outreach.attendees_imported',
        entityType: 'outreach_event',
        entityId: eventId,
        unitId: e.e.unitId,
        changes: {
          added: fresh.length,
          participants: [e.e.participants, n.all],
          staffTrained: [e.e.staffTrained, n.staff],
        },
      });
      return {};
    },
  };
}
