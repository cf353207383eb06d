import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineSources } from '#server/modules/index.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { addItem, createPlan, issuePlan } from '#server/modules/plans/service.ts';
import { citizenReport, createWorld, keyedSessionFor, type World } from '#test/world.ts';
import { sendDeadlineReminders } from './reminders.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld({ REMINDER_DAYS: '7' });
  await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
});
afterAll(() => w.close());

const remindersOf = (userId: string) =>
  w.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, 'remind:%')));
const run = () => sendDeadlineReminders(w.ctx, deadlineSources());
const mails = async () =>
  (
    await w.jobs.boss.fetch<{ to: string; subject: string; text: string }>('mail.send', { batchSize: 50 })
  ).map((m) => m.data);

describe('one morning reminder over every module', () => {
  it("reminds those who answer for an item once before it is due and once when overdue, in the app and by e-mail, never with a report's content", async () => {
    // The world's clock: 25/11/2026. Unit A's head and focal officer answer for A's plan.
    const plan = await createPlan(w.ctx, { unitId: w.units.A, year: 2026, title: 'Kế hoạch thử nhắc việc' });
    for (const [content, deadline] of [
      ['Sắp đến hạn', '2026-11-30'],
      ['Còn xa', '2026-12-20'],
      ['Đã quá hạn', '2026-11-20'],
    ] as const)
      await addItem(w.ctx, plan.id, { groupCode: 'leadership', content, deadline, coUnitIds: [] });
    await issuePlan(w.ctx, plan.id);
    // A citizen's report to A: its intake officer is reminded of the first statutory date, by number.
    const report = await citizenReport(w, w.units.A, 'Nội dung mật không được gửi thư');

    const first = await run();
    const focal = await remindersOf(w.users.focal_officer.userId);
    expect(focal.map((n) => [n.messageKey, n.values.title]).sort()).toEqual([
      ['notification.deadline_due_soon', 'Sắp đến hạn'],
      ['notification.deadline_overdue', 'Đã quá hạn'],
    ]);
    expect((await remindersOf(w.users.unit_head.userId)).length).toBe(2);
    // Those who oversee or administer every unit are not reminded of each unit's tasks.
    for (const who of ['coordinator', 'root_admin', 'reviewer'] as const)
      expect(await remindersOf(w.users[who].userId), who).toEqual([]);
    // The report's first statutory date is more than a week away: not yet.
    expect(await remindersOf(w.users.intake_officer.userId)).toEqual([]);
    expect(first.notified).toBe(4);

    const sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual([
      'focal_officer@test.invalid',
      'focal_officer@test.invalid',
      'unit_head@test.invalid',
      'unit_head@test.invalid',
    ]);
    expect(sent.find((m) => m.to === 'focal_officer@test.invalid')?.text).toMatch(/Nhiệm vụ kế hoạch: "/);
    expect(sent.find((m) => m.to === 'focal_officer@test.invalid')?.text).toMatch(
      /\/app\/plans\/[0-9a-f-]{36}$/,
    );

    // Again the same morning: nothing new.
    expect((await run()).notified).toBe(0);
    // A week later the "soon" task is overdue: one more reminder to each of its two people.
    w.clock.set('2026-12-02T02:00:00Z');
    await run();
    expect(
      (await remindersOf(w.users.focal_officer.userId)).filter(
        (n) => n.messageKey === 'notification.deadline_overdue',
      ),
    ).toHaveLength(2);
    // Its intake officer is now within a week of the report's date: reminded by number, never content.
    const officer = await remindersOf(w.users.intake_officer.userId);
    expect(officer.map((n) => n.values.title)).toEqual([report.number]);
    const later = await mails();
    expect(later.map((m) => m.to)).toContain('intake_officer@test.invalid');
    expect(JSON.stringify([...sent, ...later])).not.toContain('Nội dung mật');
    w.clock.set('2026-11-25T02:00:00.000Z');
  });
});
