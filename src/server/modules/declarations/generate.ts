import { sql } from 'drizzle-orm';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import type { Progress } from '#server/generate/bulk.ts';
import type { Random } from '#server/generate/random.ts';
import { GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import type { AssetItem, DeclarationContent } from '#shared/declarations/content.ts';
import { summarise } from '#shared/declarations/content.ts';
import { currentForm } from '#shared/declarations/form.ts';
import { scoreWhere, storeFeatures } from './risk.ts';
import { sealContent } from './sealed.ts';
import { declarationRoster, declarationRounds, declarations } from './tables.ts';

export const DECLARATION_YEARS = GENERATED_YEARS;
/** Work units per declaration (content sealed, summary computed), for the progress bar. */
export const DECLARATION_WEIGHT = 2;

/**
 * Three yearly rounds of asset declarations for a province's staff (issue 18's scale: 50,000 declarants ×
 * 3 years): each year's roster, each person's declaration growing from the year before, a few late or
 * missing, a few with what the risk rules look for; all handed over, as the round's end leaves them (scored
 * once the whole data set is in: `finish`). Same seed, same numbers.
 */
export async function generateDeclarations(
  db: Db,
  r: Random,
  opts: {
    province: { id: string; path: string };
    declarants: Array<{ id: string; unitId: string; name: string }>;
    now: Date;
    progress: Progress;
  },
): Promise<Record<string, number>> {
  const rounds = DECLARATION_YEARS.map((year) => ({
    id: r.uuid(),
    unitId: opts.province.id,
    year,
    rosterDueOn: `${year}-12-09`,
    declareDueOn: `${year}-12-31`,
    handoverDueOn: `${year + 1}-01-16`,
    status: year === 2026 ? 'open' : 'closed',
  }));
  await insertRows(db, declarationRounds, rounds);
  const roster: (typeof declarationRoster.$inferInsert)[] = [];
  const pending: (typeof declarations.$inferInsert)[] = [];
  // First-time declarations before those that point at them (each person's rows are flushed together).
  const flush = async () => {
    const batch = pending.splice(0, pending.length).sort((a, b) => a.year - b.year);
    await insertRows(db, declarations, batch, (k) => opts.progress.add(k * DECLARATION_WEIGHT));
  };
  let declared = 0;
  let late = 0;
  const uuid = () => r.uuid();
  for (const [i, p] of opts.declarants.entries()) {
    const rows: (typeof declarations.$inferInsert)[] = [];
    let previous: { id: string; assets: number; content: DeclarationContent } | null = null;
    const salary = r.int(150, 600) * 1_000_000;
    for (const round of rounds) {
      roster.push({
        id: r.uuid(),
        roundId: round.id,
        unitId: p.unitId,
        userId: p.id,
        reason: 'position_duty',
      });
      // About 1 in 60 never declares a year; 1 in 25 declares after the round's date.
      if (r.int(1, 60) === 1) continue;
      const isLate = r.int(1, 25) === 1;
      if (isLate) late += 1;
      const content = contentFor(r, p.name, salary, previous?.content ?? null, i, uuid);
      const summary = summarise(currentForm, content);
      const id = r.uuid();
      const day = isLate
        ? `${round.year + 1}-01-${String(r.int(2, 20)).padStart(2, '0')}`
        : `${round.year}-12-${String(r.int(1, 28)).padStart(2, '0')}`;
      const at = new Date(`${day}T03:00:00Z`);
      rows.push({
        id,
        userId: p.id,
        unitId: p.unitId,
        roundId: round.id,
        year: round.year,
        kind: previous ? 'annual' : 'first_time',
        formCode: currentForm.code,
        status: 'handed_over',
        declaredOn: day,
        previousId: previous?.id ?? null,
        content: sealContent(id, content),
        summary,
        assetsVnd: summary.assetsVnd,
        incomeVnd: summary.incomeVnd,
        increaseVnd: previous ? summary.assetsVnd - previous.assets : null,
        submittedAt: at,
        acceptedAt: at,
        handedOverAt: at,
        receivedByControlAt: at,
      });
      previous = { id, assets: summary.assetsVnd, content };
    }
    pending.push(...rows);
    declared += rows.length;
    if (pending.length >= 2_000) await flush();
  }
  await flush();
  await insertRows(db, declarationRoster, roster);
  return { declarations: declared, declarationsLate: late, rosterLines: roster.length };
}

/**
 * One year's content: land and a house, a vehicle, savings, a salary; from the year before, savings grow
 * with what was saved, and now and then something a rule looks for happens (a spouse's large deposit, a
 * new house with no value, an account abroad, large gifts, land held for a relative).
 */
function contentFor(
  r: Random,
  name: string,
  salary: number,
  previous: DeclarationContent | null,
  index: number,
  uuid: () => string,
): DeclarationContent {
  const item = (
    owner: AssetItem['owner'],
    details: AssetItem['details'],
    valueVnd: number | null,
    extra = {},
  ) => ({ id: uuid(), owner, details, valueVnd, ...extra }) as AssetItem;
  const base: DeclarationContent = previous
    ? structuredClone({ ...previous, income: [], explanations: {} })
    : {
        declarant: {
          fullName: name,
          position: 'Công chức',
          workplace: 'Cơ quan nhà nước',
          residence: 'Tỉnh',
        },
        spouse: r.int(1, 4) > 1 ? { fullName: `Vợ/chồng ${index}`, residence: 'Tỉnh' } : null,
        children: [],
        assets: {
          land_residential: [
            item(
              'declarant',
              { address: `Thửa ${index}`, areaM2: r.int(60, 300) },
              r.int(5, 40) * 100_000_000,
            ),
          ],
          house: [
            item(
              'declarant',
              { address: `Thửa ${index}`, houseType: 'detached', areaM2: r.int(50, 250) },
              r.int(4, 20) * 100_000_000,
            ),
          ],
          registered_assets: [
            item('declarant', { name: 'Xe máy', registration: `88B-${index}` }, r.int(20, 90) * 1_000_000),
          ],
          money: [item('declarant', { kind: 'deposit' }, r.int(1, 30) * 50_000_000)],
        },
        income: [],
        explanations: {},
      };
  base.income = [{ recipient: 'declarant', source: 'salary', amountVnd: salary }];
  if (previous) {
    const money = base.assets.money!;
    money[0] = {
      ...money[0]!,
      valueVnd: (money[0]!.valueVnd ?? 0) + Math.round((salary * r.int(5, 40)) / 100),
    };
    const roll = r.int(1, 200);
    const spouse = base.spouse ? 'spouse' : 'declarant';
    if (roll === 1) money.push(item(spouse, { kind: 'deposit' }, r.int(20, 80) * 100_000_000));
    else if (roll === 2)
      base.assets.house!.push(
        item('declarant', { address: 'Xã khác', houseType: 'detached', areaM2: 200 }, null, {
          valueUnknownReason: 'Chưa định giá',
        }),
      );
    else if (roll === 3)
      base.assets.abroad_accounts = [
        item(spouse, { holderName: 'Chủ tài khoản', institution: 'Ngân hàng', country: 'Singapore' }, null, {
          currency: 'USD',
          foreignAmount: r.int(10, 200) * 1_000,
          rate: 25_400,
        }),
      ];
    else if (roll === 4) base.income.push({ recipient: 'declarant', source: 'gift', amountVnd: salary });
    else if (roll === 5)
      base.assets.land_other = [
        item(
          spouse,
          { address: 'Thửa xa', areaM2: 400, otherInfo: 'Đứng tên hộ người thân' },
          r.int(2, 9) * 100_000_000,
        ),
      ];
  }
  return base;
}

export const declarationsGenerator: GeneratorStep = {
  label: 'kê khai tài sản / declarations',
  work: (s) => s.users * DECLARATION_YEARS.length * DECLARATION_WEIGHT,
  run: async (w: ProvinceWorld) => {
    const made = await generateDeclarations(w.db, w.r, w);
    for (const [k, v] of Object.entries(made)) w.count(k, v);
  },
  // Scored as the hand-over would have, once the planner knows the tables' sizes (after `vacuum analyze`).
  finish: async (ctx, database) => {
    await storeFeatures(ctx.db, sql`d.status = 'handed_over'`);
    const riskScores = await scoreWhere(ctx.db, sql`true`, ctx.clock.now());
    await database.exec('vacuum analyze declaration_risks');
    return { riskScores };
  },
};
