import { eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { rows } from '#server/db/client.ts';
import { identity, personName, reportContent } from '#server/generate/names.ts';
import { addDaysStr, DAY, minStr, type ProvinceWorld, REFORM } from '#server/generate/world.ts';
import { DEFAULT_CALENDAR, loadCalendar } from '#server/modules/clocks/service.ts';
import { calendars, deadlineRules, startedClocks } from '#server/modules/clocks/tables.ts';
import { encrypt, encryptJson, type Key, newKey, randomBytes, seal } from '#server/modules/keys/crypto.ts';
import { ad } from '#server/modules/reports/crypt.ts';
import { reportKeys, reports } from '#server/modules/reports/tables.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { type DeadlineRule, dueDate } from '#shared/clocks/due.ts';
import { INTERNAL_CLOCK } from './clocks.ts';
import { type PortalSecrets, portalSecrets, receiptFor, receiptKeys } from './secrets.ts';

/** Citizens' reports since the reform, sealed to their desks' officers and custodians, with their clocks. */
async function generate(w: ProvinceWorld) {
  const {
    db,
    r,
    shape,
    progress,
    now,
    count,
    samples,
    provinceName,
    departments,
    inspectorate,
    deptSubs,
    communes,
    communeSubs,
    officersOf,
    custodians,
    shared,
  } = w;
  const secrets = shared.prepared.reports as PortalSecrets;
  const today = vnToday(now);
  const [cal] = await db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, DEFAULT_CALENDAR));
  const calendar = await loadCalendar(db, cal!.id);
  const rules = await db.select().from(deadlineRules);
  const rule = (c: string) => rules.find((x) => x.code === c && x.effectiveTo === null)!;
  const initialRule = rule('denunciation.initial_processing');
  // Officials' reports of their own unit (Law Art. 66): numbered apart, dated to the day, on their own
  // 15-day clock (internal.ts).
  const internalRule = rule(INTERNAL_CLOCK);
  const resolutionRule = rule('denunciation.resolution');
  const desks = [inspectorate, ...departments.filter((d) => d !== inspectorate), ...communes].filter(
    (d) => (officersOf.get(d.id)?.length ?? 0) > 0,
  );
  const deskWeights = desks.map(
    (d) => [d, d === inspectorate ? desks.length / 3 : d.type === 'department' ? 1.2 : 1] as const,
  );
  const concernedPool = [...departments, ...deptSubs, ...communes, ...communeSubs];
  const categories: ReadonlyArray<readonly [string, number]> = [
    ['bribery', 14],
    ['embezzlement', 6],
    ['abuse_of_power', 12],
    ['harassment', 18],
    ['procurement', 8],
    ['land_construction', 20],
    ['public_finance', 8],
    ['assets_declaration', 3],
    ['conflict_of_interest', 5],
    ['other', 6],
  ];
  const from = Date.parse(`${REFORM}T01:00:00Z`);
  const times = Array.from({ length: shape.reports }, () => r.time(from, now.getTime())).sort(
    (a, b) => a - b,
  );
  const BATCH = 2_000;
  let reportCount = 0;
  for (let start = 0; start < times.length; start += BATCH) {
    const reportRows: (typeof reports.$inferInsert)[] = [];
    const keyList: (typeof reportKeys.$inferInsert)[] = [];
    const clockList: (typeof startedClocks.$inferInsert)[] = [];
    const receipts: Array<{ row: typeof reports.$inferInsert; key: Key; token: Uint8Array }> = [];
    for (const t of times.slice(start, start + BATCH)) {
      const id = r.uuid();
      const desk = r.weighted(deskWeights);
      const internal = r.chance(INTERNAL_SHARE);
      const receivedOn = vnToday(new Date(t));
      const received = internal ? new Date(`${receivedOn}T00:00:00+07:00`) : new Date(t);
      const ageDays = (now.getTime() - t) / DAY;
      const status =
        ageDays > 120
          ? r.chance(0.96)
            ? 'closed'
            : 'in_progress'
          : ageDays > 30
            ? r.weighted([
                ['closed', 6],
                ['in_progress', 4],
              ] as const)
            : r.weighted([
                ['received', 5],
                ['in_progress', 4],
                ['closed', 1],
              ] as const);
      const named = r.chance(0.4);
      const kind =
        status === 'received'
          ? 'unclassified'
          : named
            ? r.weighted([
                ['denunciation', 60],
                ['complaint', 15],
                ['petition', 10],
                ['out_of_scope', 15],
              ] as const)
            : r.weighted([
                ['anonymous_information', 85],
                ['out_of_scope', 15],
              ] as const);
      const forwardedTo = status !== 'received' && r.chance(0.03) ? r.pick(desks) : null;
      const handling = forwardedTo && forwardedTo !== desk ? forwardedTo : desk;
      const officers = officersOf.get(handling.id) ?? [];
      const category = r.weighted(categories);
      const concerned = r.chance(0.7) ? r.pick(concernedPool) : null;
      const placeName = concerned?.place ?? desk.place ?? provinceName;
      const key = newKey();
      const firstRule = internal ? internalRule : initialRule;
      const initialDue = dueDate(receivedOn, firstRule as unknown as DeadlineRule, calendar);
      const initialDone =
        status === 'received' ? null : addDaysStr(receivedOn, Math.min(r.int(2, 12), Math.floor(ageDays)));
      const resolution =
        kind === 'denunciation' && initialDone && !internal
          ? {
              start: initialDone,
              due: dueDate(initialDone, resolutionRule as unknown as DeadlineRule, calendar),
            }
          : null;
      let closedOn: string | null = null;
      if (status === 'closed') {
        const target = resolution ? resolution.due : addDaysStr(receivedOn, 30);
        const lateBy = r.chance(0.12) ? r.int(1, 30) : -r.int(0, 20);
        closedOn = minStr(addDaysStr(target, lateBy), today);
        if (initialDone && closedOn < initialDone) closedOn = initialDone;
      }
      const openDues = [
        initialDone ? null : initialDue,
        resolution && !closedOn ? resolution.due : null,
      ].filter((d): d is string => d !== null);
      const row: typeof reports.$inferInsert = {
        id,
        receivedUnitId: desk.id,
        unitId: handling.id,
        concernedUnitId: concerned?.id ?? null,
        categoryCode: category,
        channel: internal
          ? 'internal'
          : r.weighted([
              ['web', 70],
              ['walk_in', 10],
              ['phone', 5],
              ['letter', 10],
              ['email', 5],
            ] as const),
        named,
        kind,
        status,
        handlerId: status === 'received' ? null : (officers[0]?.userId ?? null),
        outcome: closedOn
          ? kind === 'out_of_scope'
            ? 'out_of_scope'
            : r.weighted([
                ['substantiated', 2],
                ['partly_substantiated', 3],
                ['not_substantiated', 5],
              ] as const)
          : null,
        forwardedAt: forwardedTo && forwardedTo !== desk ? new Date(t + 3 * DAY) : null,
        receivedAt: received,
        receivedOn,
        closedAt: closedOn ? new Date(`${closedOn}T09:00:00Z`) : null,
        closedOn,
        nextDueOn: openDues.length ? openDues.sort()[0]! : null,
        onTime: closedOn ? closedOn <= (resolution?.due ?? addDaysStr(receivedOn, 60)) : null,
        publicSummary: closedOn
          ? 'Đã xem xét, xử lý theo quy định; kết quả đã thông báo cho người phản ánh.'
          : null,
        content: encryptJson(key, reportContent(r, category, placeName, personName(r)), ad.content(id)),
        identity: null,
        receiptLookup: randomBytes(32),
        receiptKey: null,
      };
      if (named) {
        const idKey = newKey();
        row.identity = encryptJson(idKey, identity(r, personName(r), placeName), ad.identity(id));
        for (const c of custodians)
          keyList.push({
            reportId: id,
            userId: c.userId,
            purpose: 'identity',
            publicKey: c.publicKey,
            sealed: seal(idKey, c.publicKey),
          });
      }
      const recipients = new Map<string, Uint8Array>();
      for (const o of [...officers, ...(handling !== desk ? (officersOf.get(desk.id) ?? []) : [])])
        recipients.set(o.userId, o.publicKey);
      for (const [userId, publicKey] of recipients)
        keyList.push({ reportId: id, userId, purpose: 'content', publicKey, sealed: seal(key, publicKey) });
      clockList.push({
        id: r.uuid(),
        subjectKind: 'report',
        subjectId: id,
        code: firstRule.code,
        ruleId: firstRule.id,
        startOn: receivedOn,
        dueOn: initialDue,
        doneOn: initialDone,
      });
      if (resolution)
        clockList.push({
          id: r.uuid(),
          subjectKind: 'report',
          subjectId: id,
          code: resolutionRule.code,
          ruleId: resolutionRule.id,
          startOn: resolution.start,
          dueOn: resolution.due,
          doneOn: closedOn,
        });
      if (reportCount + reportRows.length < shape.receipts)
        receipts.push({ row, key, token: randomBytes(32) });
      reportRows.push(row);
    }
    // The few real receipts: one Argon2id derivation each, run on libuv's threads side by side.
    await Promise.all(
      receipts.map(async ({ row, key, token }) => {
        const receipt = receiptFor(secrets, token);
        const { lookup, wrap } = await receiptKeys(secrets, receipt);
        row.receiptLookup = lookup;
        row.receiptKey = encrypt(wrap, key, ad.receipt(row.id!));
        if (samples.length < 3) samples.push(receipt);
      }),
    );
    // Officials' reports are numbered apart, from their own sequence: one query for the batch's numbers.
    const internalRows = reportRows.filter((row) => row.channel === 'internal');
    if (internalRows.length > 0) {
      const numbers = await rows<{ n: string }>(
        db,
        sql`select 9000000 + nextval('internal_report_seq') as n from generate_series(1, ${internalRows.length})`,
      );
      internalRows.forEach((row, k) => {
        row.seq = Number(numbers[k]!.n);
      });
    }
    await insertRows(db, reports, reportRows);
    await insertRows(db, reportKeys, keyList);
    await insertRows(db, startedClocks, clockList);
    reportCount += reportRows.length;
    count('reportKeys', keyList.length);
    count('startedClocks', clockList.length);
    progress.add(reportRows.length * REPORT_WEIGHT);
  }
  count('reports', reportCount);
}

/** The share of reports that officials send about their own unit. */
const INTERNAL_SHARE = 0.02;

/** Work units per report (encrypted rows are the slowest), so the progress bar's ETA weighs them right. */
export const REPORT_WEIGHT = 6;

export const reportsGenerator: GeneratorStep = {
  label: 'phản ánh (mã hóa) / reports',
  work: (s) => s.reports * REPORT_WEIGHT,
  prepare: (db) => portalSecrets(db),
  run: generate,
};
