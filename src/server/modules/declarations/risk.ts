import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { conflicts } from '#server/modules/integrity/tables.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { currentForm, type DeclarationKind } from '#shared/declarations/form.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere, canAtRoot } from '#shared/permissions.ts';
import {
  declarationFeatures,
  declarationParameters,
  declarationRisks,
  declarations,
  riskRules,
} from './tables.ts';
import { listCases } from './verification.ts';

/**
 * The explainable risk ranking of declarations (issue 18 §7; ADR 0025). Each rule is a row (weight,
 * threshold, plain-language explanation, legal or peer source) and a formula here keyed by its code; a
 * declaration's score is the sum of the weights of the rules it triggers, each hit kept with the numbers
 * behind it so the control agency reads why, not only how much. Everything a rule reads is in clear
 * numbers beside the sealed content (totals per group and owner, counts), so ranking never opens a
 * declaration.
 */

/**
 * What the rules read of one declaration, its previous one and the person's record: plain numbers, taken
 * from the summaries in SQL (`featureQuery`), so a national year travels as a few numbers a declaration.
 */
export interface Features {
  increaseVnd: number | null;
  incomeVnd: number;
  /** Money (cash, deposits, loans) declared. */
  moneyVnd: number;
  /** Income from gifts and inheritances. */
  giftsVnd: number;
  /** Registrable assets (land, houses, vehicles) newly declared without a value; null: no previous one. */
  newUnvalued: number | null;
  detachedHouses: number;
  residentialLand: number;
  abroadItems: number;
  abroadVnd: number;
  registeredToOthers: number;
  /** Change of the spouse's and children's assets, and of the declarant's; null unless both say by whom. */
  familyChangeVnd: number | null;
  ownChangeVnd: number;
  /** Parameters in force on the declaration's date (VND). */
  changeThresholdVnd: number;
  listedItemVnd: number;
  /** Rounds up to this year in which the person declared late or not at all. */
  lateRounds: number;
  /** Their position declares yearly for its sector (Decree 130 Annex III): a sensitive post. */
  sensitive: boolean;
  /** Whole years since their last verification was decided (null: never verified). */
  yearsSinceVerified: number | null;
}

type Values = Record<string, number>;
export const thresholdUnits = ['percent', 'times', 'items', 'rounds', 'years'] as const;
interface RuleDef {
  code: string;
  nameVi: string;
  nameEn: string;
  explanationVi: string;
  explanationEn: string;
  source: string;
  weight: number;
  threshold: number | null;
  /** What the threshold counts, shown beside it. */
  thresholdUnit?: (typeof thresholdUnits)[number];
  /** The numbers behind a hit, or null when the rule does not apply. */
  test: (f: Features, threshold: number) => Values | null;
}

const LAW = 'Luật PCTN 2018';
const NACP = 'NACP (Ukraine), kiểm soát logic tự động';
const registrable = currentForm.groups.filter((g) => g.registrable).map((g) => g.code);

/** The rules with their defaults; the table keeps what the control agency tuned (weight, threshold, on/off). */
export const riskRuleDefs: RuleDef[] = [
  {
    code: 'increase_over_threshold',
    // Liêm takes no declaration whose increase from the threshold is unexplained (submission and the
    // paper import refuse it), so what is left to weigh is whether the explanation is reasonable — the
    // ground of Art. 41(1)(b) — until a verification concludes on it.
    nameVi: 'Tài sản tăng từ mức phải giải trình: cần đánh giá giải trình',
    nameEn: 'Increase reaching the explanation threshold: the explanation to be weighed',
    explanationVi:
      'Tài sản tăng {increase} so với lần kê khai trước (từ mức {threshold} phải giải trình nguồn gốc); tính hợp lý của giải trình chưa được xác minh.',
    explanationEn:
      'Assets rose by {increase} since the previous declaration (from {threshold} the origin must be explained); whether the explanation is reasonable has not been verified.',
    source: `${LAW}, Điều 41(1)(b)`,
    weight: 20,
    threshold: null,
    test: (f) =>
      f.increaseVnd !== null && f.increaseVnd >= f.changeThresholdVnd
        ? { increase: f.increaseVnd, threshold: f.changeThresholdVnd }
        : null,
  },
  {
    code: 'increase_exceeds_income',
    nameVi: 'Tài sản tăng vượt thu nhập giữa hai lần kê khai',
    nameEn: 'Increase larger than the income between declarations',
    explanationVi: 'Tài sản tăng {increase}, bằng {ratio}% tổng thu nhập kê khai {income} (ngưỡng {limit}%).',
    explanationEn: 'Assets rose by {increase}, {ratio}% of the declared income of {income} (limit {limit}%).',
    source: `${LAW}, Điều 35(1)(e); ${NACP}`,
    weight: 25,
    threshold: 100,
    thresholdUnit: 'percent',
    test: (f, t) => {
      const inc = f.increaseVnd ?? 0;
      if (inc < f.listedItemVnd) return null;
      const ratio = f.incomeVnd > 0 ? Math.round((inc * 100) / f.incomeVnd) : 100000;
      return ratio > t ? { increase: inc, income: f.incomeVnd, ratio, limit: t } : null;
    },
  },
  {
    code: 'cash_above_income',
    nameVi: 'Tiền (mặt, gửi, cho vay) lớn bất thường so với thu nhập',
    nameEn: 'Money (cash, deposits, loans) far above income',
    explanationVi: 'Tiền kê khai {money}, gấp {times} lần thu nhập {income} (ngưỡng {limit} lần).',
    explanationEn: 'Money declared {money}, {times} times the income of {income} (limit {limit} times).',
    source: `${NACP}: tiền so với thu nhập`,
    weight: 15,
    threshold: 5,
    thresholdUnit: 'times',
    test: (f, t) => {
      const money = f.moneyVnd;
      if (money < f.changeThresholdVnd) return null;
      const times = Math.floor(money / Math.max(f.incomeVnd, 1));
      return times >= t ? { money, income: f.incomeVnd, times, limit: t } : null;
    },
  },
  {
    code: 'gifts_share',
    nameVi: 'Quà tặng, thừa kế chiếm phần lớn thu nhập',
    nameEn: 'Gifts and inheritances a large share of income',
    explanationVi: 'Quà tặng và thừa kế {gifts}, chiếm {share}% thu nhập {income} (ngưỡng {limit}%).',
    explanationEn:
      'Gifts and inheritances of {gifts} are {share}% of the income of {income} (limit {limit}%).',
    source: `${LAW}, Điều 22; ${NACP}`,
    weight: 10,
    threshold: 30,
    thresholdUnit: 'percent',
    test: (f, t) => {
      const gifts = f.giftsVnd;
      if (gifts < f.listedItemVnd || f.incomeVnd === 0) return null;
      const share = Math.round((gifts * 100) / f.incomeVnd);
      return share >= t ? { gifts, income: f.incomeVnd, share, limit: t } : null;
    },
  },
  {
    code: 'new_property_unvalued',
    nameVi: 'Đất, nhà, phương tiện mới không ghi giá trị',
    nameEn: 'New land, house or vehicle with no value',
    explanationVi: '{items} tài sản phải đăng ký (đất, nhà, phương tiện) mới kê khai không ghi được giá trị.',
    explanationEn: '{items} newly declared registrable assets (land, houses, vehicles) have no value.',
    source: `Nghị định 130/2020/NĐ-CP, Phụ lục I (ghi chú 10); ${NACP}`,
    weight: 15,
    threshold: 1,
    thresholdUnit: 'items',
    test: (f, t) => (f.newUnvalued !== null && f.newUnvalued >= t ? { items: f.newUnvalued } : null),
  },
  {
    code: 'house_without_land',
    nameVi: 'Nhà ở riêng lẻ nhưng không kê khai đất ở',
    nameEn: 'Detached house with no residential land',
    explanationVi: '{houses} nhà ở riêng lẻ được kê khai mà không có đất ở nào.',
    explanationEn: '{houses} detached houses declared with no residential land.',
    source: 'Nghị định 130/2020/NĐ-CP, Phụ lục I, mục II.1–II.2',
    weight: 10,
    threshold: null,
    test: (f) => (f.detachedHouses > 0 && f.residentialLand === 0 ? { houses: f.detachedHouses } : null),
  },
  {
    code: 'assets_abroad',
    nameVi: 'Tài sản, tài khoản ở nước ngoài',
    nameEn: 'Assets or accounts abroad',
    explanationVi: '{items} tài sản hoặc tài khoản ở nước ngoài, giá trị {value}.',
    explanationEn: '{items} assets or accounts abroad, worth {value}.',
    source: `${LAW}, Điều 35(1)(g); ${NACP}: bất động sản ở nước ngoài`,
    weight: 10,
    threshold: 1,
    thresholdUnit: 'items',
    test: (f, t) => (f.abroadItems >= t ? { items: f.abroadItems, value: f.abroadVnd } : null),
  },
  {
    code: 'registered_to_others',
    nameVi: 'Tài sản đứng tên người khác',
    nameEn: 'Assets standing in someone else’s name',
    explanationVi: '{items} tài sản ghi là đứng tên hộ hoặc đứng tên người khác.',
    explanationEn: '{items} assets are written as standing in, or held for, someone else’s name.',
    source: `${LAW}, Điều 33; declarations.com.ua`,
    weight: 10,
    threshold: 1,
    thresholdUnit: 'items',
    test: (f, t) => (f.registeredToOthers >= t ? { items: f.registeredToOthers } : null),
  },
  {
    code: 'family_rising',
    nameVi: 'Tài sản của vợ, chồng, con tăng trong khi của người kê khai không tăng',
    nameEn: 'Spouse’s or children’s assets rising while the declarant’s do not',
    explanationVi: 'Tài sản của vợ/chồng và con tăng {family}, của người kê khai thay đổi {own}.',
    explanationEn: 'The spouse’s and children’s assets rose by {family}; the declarant’s changed by {own}.',
    source: `${LAW}, Điều 33; ${NACP}`,
    weight: 15,
    threshold: null,
    test: (f) =>
      f.familyChangeVnd !== null && f.familyChangeVnd >= f.changeThresholdVnd && f.ownChangeVnd <= 0
        ? { family: f.familyChangeVnd, own: f.ownChangeVnd }
        : null,
  },
  {
    code: 'late_or_missing',
    nameVi: 'Nhiều lần kê khai chậm hoặc không kê khai',
    nameEn: 'Repeatedly late or missing declarations',
    explanationVi: 'Kê khai chậm hoặc không kê khai trong {rounds} đợt (ngưỡng {limit}).',
    explanationEn: 'Late or missing in {rounds} rounds (limit {limit}).',
    source: 'Nghị định 130/2020/NĐ-CP, Điều 20(2)',
    weight: 10,
    threshold: 2,
    thresholdUnit: 'rounds',
    test: (f, t) => (f.lateRounds >= t ? { rounds: f.lateRounds, limit: t } : null),
  },
  {
    code: 'sensitive_not_verified',
    nameVi: 'Vị trí nhạy cảm chưa được xác minh nhiều năm',
    nameEn: 'Sensitive post not verified for years',
    explanationVi:
      'Giữ vị trí phải kê khai hằng năm theo ngành; không được xác minh trong {years} năm gần đây hoặc chưa từng (ngưỡng {limit}).',
    explanationEn:
      'Holds a post that declares yearly for its sector; not verified in the last {years} years, or never (limit {limit}).',
    source: 'Nghị định 130/2020/NĐ-CP, Điều 10, Phụ lục III; Điều 16',
    weight: 5,
    threshold: 4,
    thresholdUnit: 'years',
    test: (f, t) => {
      if (!f.sensitive) return null;
      const years = f.yearsSinceVerified ?? t;
      return years >= t ? { years, limit: t } : null;
    },
  },
];
const defs = new Map(riskRuleDefs.map((r) => [r.code, r]));

/**
 * The rules' words (names, explanations, sources) are the code's and follow it on every start; what the
 * control agency tuned (weight, threshold, on/off) is kept.
 */
export async function ensureRiskRules(db: Db) {
  await db
    .insert(riskRules)
    .values(riskRuleDefs.map(({ test: _t, thresholdUnit: _u, ...r }) => r))
    .onConflictDoUpdate({
      target: riskRules.code,
      set: {
        nameVi: sql`excluded.name_vi`,
        nameEn: sql`excluded.name_en`,
        explanationVi: sql`excluded.explanation_vi`,
        explanationEn: sql`excluded.explanation_en`,
        source: sql`excluded.source`,
      },
    });
}

type RuleRow = typeof riskRules.$inferSelect;
export type Hit = { rule: string; weight: number; values: Values };

/** Every active rule over one declaration's features: the score and the hits with their numbers. */
export function evaluate(rules: RuleRow[], f: Features): { score: number; hits: Hit[] } {
  const hits: Hit[] = [];
  for (const r of rules) {
    if (!r.active) continue;
    const def = defs.get(r.code);
    const values = def?.test(f, r.threshold ?? def.threshold ?? 0);
    if (values) hits.push({ rule: r.code, weight: r.weight, values });
  }
  return { score: hits.reduce((s, h) => s + h.weight, 0), hits };
}

/**
 * Takes what the rules read from the summaries of the declarations matching `where` (over `declarations
 * d`; handed over) and their previous ones into `declaration_features`, once: both summaries are fixed
 * from hand-over on, so ranking again never reads the declarations' rows.
 */
export async function storeFeatures(db: Db, where: ReturnType<typeof sql>) {
  const num = (path: string, from = 'j.s') => sql.raw(`coalesce((${from}${path})::float8, 0)`);
  const int = (path: string, from = 'j.s') => sql.raw(`coalesce((${from}${path})::int, 0)`);
  const registrableCodes = sql.raw(`array[${registrable.map((c) => `'${c}'`).join(', ')}]`);
  await db.execute(sql`
    insert into ${declarationFeatures} (declaration_id, user_id, unit_id, year, declared_on, increase_vnd,
      income_vnd, money_vnd, gifts_vnd, new_unvalued, detached_houses, residential_land, abroad_items,
      abroad_vnd, registered_to_others, family_change_vnd, own_change_vnd)
    select d.id, d.user_id, d.unit_id, d.year, d.declared_on, d.increase_vnd::float8,
      ${num("->>'incomeVnd'")},
      ${num("->'groups'->'money'->>'value'")},
      ${num("->'incomeBy'->>'gift'")} + ${num("->'incomeBy'->>'inheritance'")},
      case when j.ps is not null then (select sum(
          case when ${int("->'groups'->k->>'count'")} > ${int("->'groups'->k->>'count'", 'j.ps')}
          then greatest(0, ${int("->'groups'->k->>'unvalued'")} - ${int("->'groups'->k->>'unvalued'", 'j.ps')})
          else 0 end)::int from unnest(${registrableCodes}) k) end,
      ${int("->'kinds'->>'house:detached'")},
      ${int("->'groups'->'land_residential'->>'count'")},
      ${int("->'groups'->'abroad_assets'->>'count'")} + ${int("->'groups'->'abroad_accounts'->>'count'")},
      ${num("->'groups'->'abroad_assets'->>'value'")} + ${num("->'groups'->'abroad_accounts'->>'value'")},
      ${int("->>'registeredToOthers'")},
      case when j.ps ? 'byOwner' and j.s ? 'byOwner' then
        ${num("->'byOwner'->>'spouse'")} + ${num("->'byOwner'->>'child'")}
        - ${num("->'byOwner'->>'spouse'", 'j.ps')} - ${num("->'byOwner'->>'child'", 'j.ps')} end,
      ${num("->'byOwner'->>'declarant'")} - ${num("->'byOwner'->>'declarant'", 'j.ps')}
    from ${declarations} d
    left join ${declarations} p on p.id = d.previous_id
    -- Each summary unpacked once (a stored one is compressed, and every -> would unpack it again).
    cross join lateral (select d.summary || '{}'::jsonb as s, p.summary || '{}'::jsonb as ps offset 0) j
    where ${where}
    on conflict (declaration_id) do update set
      user_id = excluded.user_id, unit_id = excluded.unit_id, year = excluded.year,
      declared_on = excluded.declared_on, increase_vnd = excluded.increase_vnd,
      income_vnd = excluded.income_vnd, money_vnd = excluded.money_vnd, gifts_vnd = excluded.gifts_vnd,
      new_unvalued = excluded.new_unvalued, detached_houses = excluded.detached_houses,
      residential_land = excluded.residential_land, abroad_items = excluded.abroad_items,
      abroad_vnd = excluded.abroad_vnd, registered_to_others = excluded.registered_to_others,
      family_change_vnd = excluded.family_change_vnd, own_change_vnd = excluded.own_change_vnd`);
}

/**
 * The features of the declarations matching `where` (over `declaration_features d`) in one statement,
 * every join set-based so a national year runs as a few scans rather than a lookup per declaration: the
 * stored numbers, the parameters in force on its date, late or missing rounds up to its year (from an
 * index alone), the post's sensitivity and the last verification, and what was stored.
 */
export function featureQuery(where: ReturnType<typeof sql>, today: string) {
  return sql`
    with late as (
      select d.declaration_id as id, count(*)::int n from ${declarationFeatures} d
      join declaration_roster r on r.user_id = d.user_id and r.removed_reason is null
      join declaration_rounds rd on rd.id = r.round_id and rd.year <= d.year
      left join declarations x on x.user_id = r.user_id and x.round_id = rd.id
      where ${where} and ((x.submitted_at is null and rd.declare_due_on < ${today}::date)
        or x.submitted_at >= (rd.declare_due_on::timestamp + interval '17 hours') at time zone 'UTC')
      group by d.declaration_id
    ),
    verified as (
      select d.declaration_id as id, d.year - max(extract(year from vc.decided_on))::int years
      from ${declarationFeatures} d
      join verification_cases vc on vc.user_id = d.user_id and vc.decided_on is not null
      where ${where}
      group by d.declaration_id, d.year
    )
    select d.declaration_id as id, d.year, d.unit_id as "unitId", d.increase_vnd as "increaseVnd",
      d.income_vnd as "incomeVnd", d.money_vnd as "moneyVnd", d.gifts_vnd as "giftsVnd",
      d.new_unvalued as "newUnvalued", d.detached_houses as "detachedHouses",
      d.residential_land as "residentialLand", d.abroad_items as "abroadItems", d.abroad_vnd as "abroadVnd",
      d.registered_to_others as "registeredToOthers", d.family_change_vnd as "familyChangeVnd",
      d.own_change_vnd as "ownChangeVnd",
      coalesce(ct.amount_vnd, 0)::float8 as "changeThresholdVnd",
      coalesce(li.amount_vnd, 0)::float8 as "listedItemVnd",
      coalesce(late.n, 0) as "lateRounds",
      coalesce(pos.declaration_duty, false) as sensitive,
      verified.years as "yearsSinceVerified",
      dr.score as "storedScore", dr.hits as "storedHits"
    from ${declarationFeatures} d
    left join late on late.id = d.declaration_id
    left join verified on verified.id = d.declaration_id
    left join ${declarationRisks} dr on dr.declaration_id = d.declaration_id
    join users u on u.id = d.user_id
    left join positions pos on pos.id = u.position_id
    left join lateral (select amount_vnd from ${declarationParameters} dp where dp.code = 'change_threshold'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1) ct on true
    left join lateral (select amount_vnd from ${declarationParameters} dp where dp.code = 'listed_item_min_value'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1) li on true
    where ${where}`;
}

interface FeatureRow extends Features {
  id: string;
  year: number;
  unitId: string;
  /** What was stored the last time it was ranked (null: never). */
  storedScore: number | null;
  storedHits: Hit[] | null;
}

/** Hits compared by content: jsonb gives keys back in its own order. */
const sameHits = (a: Hit[], b: Hit[]) =>
  a.length === b.length &&
  a.every((h, i) => {
    const o = b[i]!;
    const keys = Object.keys(h.values);
    return (
      h.rule === o.rule &&
      h.weight === o.weight &&
      keys.length === Object.keys(o.values).length &&
      keys.every((k) => h.values[k] === o.values[k])
    );
  });

/**
 * Scores the declarations matching `where` (over `declaration_features d`: handed over) and stores each score with its
 * hits. One statement read through a cursor a slice at a time — a national year never travels as one
 * result, and is not re-planned per slice — with the next slice asked before this one is evaluated, so the
 * database and the rules run side by side. Returns how many were scored.
 */
export async function scoreWhere(
  db: Db,
  where: ReturnType<typeof sql>,
  now: Date,
  onProgress?: (done: number) => void,
): Promise<number> {
  const rules = await db.select().from(riskRules).orderBy(asc(riskRules.code));
  const SLICE = 5000;
  // A cursor lives in a transaction (a savepoint when the caller has one).
  return db.transaction(async (tx) => {
    // Planned for the whole result, not its first rows (a cursor's default): hash joins over the year, not
    // a lookup per declaration (a national year: ~60 s -> ~15 s).
    await tx.execute(sql`set local cursor_tuple_fraction = 1`);
    await tx.execute(sql`declare risk_features no scroll cursor for ${featureQuery(where, vnToday(now))}`);
    const fetchSlice = () => rows<FeatureRow>(tx, sql.raw(`fetch ${SLICE} from risk_features`));
    let done = 0;
    let next = fetchSlice();
    for (;;) {
      const found = await next;
      if (found.length === 0) break;
      if (found.length === SLICE) next = fetchSlice();
      // A score that did not change is not sent back: ranking a year again after tuning one rule writes
      // only what moved (PGlite has no autovacuum to clear a year's worth of dead rows each time, and
      // sending unchanged rows to be compared in SQL took as long as computing them).
      const batch = found.flatMap((f) => {
        const { score, hits } = evaluate(rules, f);
        return f.storedScore === score && f.storedHits && sameHits(hits, f.storedHits)
          ? []
          : [{ declarationId: f.id, year: f.year, unitId: f.unitId, score, hits, computedAt: now }];
      });
      for (let i = 0; i < batch.length; i += 2000)
        await tx
          .insert(declarationRisks)
          .values(batch.slice(i, i + 2000))
          .onConflictDoUpdate({
            target: declarationRisks.declarationId,
            set: {
              score: sql`excluded.score`,
              hits: sql`excluded.hits`,
              computedAt: sql`excluded.computed_at`,
            },
          });
      done += found.length;
      onProgress?.(done);
      if (found.length < SLICE) break;
    }
    await tx.execute(sql`close risk_features`);
    return done;
  });
}

/** Declarations just handed over are scored in the same transaction: the risk list is never behind. */
export async function scoreDeclarations(db: Db, ids: string[], now: Date) {
  if (ids.length === 0) return 0;
  const list = sql.join(
    ids.map((i) => sql`${i}::uuid`),
    sql`, `,
  );
  await storeFeatures(db, sql`d.id in (${list})`);
  return scoreWhere(db, sql`d.declaration_id in (${list})`, now);
}

/** The control agency ranks a year's handed-over declarations again in its scope (after tuning the rules). */
export async function rankYear(ctx: Ctx, year: number) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  const scope = sql`d.unit_id in (select ${units.id} from ${units} where ${scopeFilter(ctx.actor, 'declarations.control', units.path) ?? sql`true`})`;
  return ctx.db.transaction(async (tx) => {
    const n = await scoreWhere(tx, sql`d.year = ${year} and ${scope}`, ctx.clock.now());
    await audit(tx, ctx, {
      action: 'declaration_risk.ranked',
      entityType: 'risk_rule',
      entityId: `year:${year}`,
      changes: { year, declarations: n },
    });
    return { ranked: n };
  });
}

/** The risk list: a year's declarations in scope by score, filtered by rule, minimum score or name. */
export async function riskList(
  ctx: Ctx,
  q: {
    year: number;
    rule?: string | undefined;
    minScore?: number | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  // Counted and ordered on the risk rows themselves (year, unit, score indexed): a province's year is
  // 50,000 rows, and joining them all to the declarations to count took ~200 ms.
  const where = and(
    scopeFilter(ctx.actor, 'declarations.control', units.path),
    eq(declarationRisks.year, q.year),
    q.rule ? sql`${declarationRisks.hits} @> ${JSON.stringify([{ rule: q.rule }])}::jsonb` : undefined,
    q.minScore !== undefined ? sql`${declarationRisks.score} >= ${q.minScore}` : undefined,
  );
  const named = searchFilter(sql`liem_fold(${users.fullName})`, q.q);
  const counted = ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(declarationRisks)
    .innerJoin(units, eq(units.id, declarationRisks.unitId));
  const [n] = await (named
    ? counted
        .innerJoin(declarations, eq(declarations.id, declarationRisks.declarationId))
        .innerJoin(users, eq(users.id, declarations.userId))
        .where(and(where, named))
    : counted.where(where));
  // The page's ids first, from the narrow indexed rows in score order; then those fifty in full (joining
  // every declaration before sorting read the year's sealed contents too).
  const ordered = ctx.db
    .select({ id: declarationRisks.declarationId })
    .from(declarationRisks)
    .innerJoin(units, eq(units.id, declarationRisks.unitId));
  const pageIds = (
    await (named
      ? ordered
          .innerJoin(declarations, eq(declarations.id, declarationRisks.declarationId))
          .innerJoin(users, eq(users.id, declarations.userId))
          .where(and(where, named))
      : ordered.where(where)
    )
      .orderBy(desc(declarationRisks.score), asc(declarationRisks.declarationId))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
  ).map((r) => r.id);
  const found =
    pageIds.length === 0
      ? []
      : await ctx.db
          .select({
            r: declarationRisks,
            d: {
              id: declarations.id,
              userId: declarations.userId,
              year: declarations.year,
              kind: declarations.kind,
              assetsVnd: declarations.assetsVnd,
              incomeVnd: declarations.incomeVnd,
              increaseVnd: declarations.increaseVnd,
            },
            fullName: users.fullName,
            unitName: units.name,
          })
          .from(declarationRisks)
          .innerJoin(declarations, eq(declarations.id, declarationRisks.declarationId))
          .innerJoin(units, eq(units.id, declarationRisks.unitId))
          .innerJoin(users, eq(users.id, declarations.userId))
          .where(inArray(declarationRisks.declarationId, pageIds))
          .orderBy(desc(declarationRisks.score), asc(declarationRisks.declarationId));
  return {
    total: n!.n,
    items: found.map(({ r, d, fullName, unitName }) => ({
      declarationId: d.id,
      userId: d.userId,
      fullName,
      unitName,
      year: d.year,
      kind: d.kind as DeclarationKind,
      assetsVnd: d.assetsVnd,
      incomeVnd: d.incomeVnd,
      increaseVnd: d.increaseVnd,
      score: r.score,
      hits: r.hits,
      computedAt: r.computedAt.toISOString(),
    })),
  };
}

/**
 * A person's declarations side by side (totals per group, income, score and hits) and their
 * verifications, for the control agency: only declarations handed over in its scope, and never one's own.
 */
export async function personHistory(ctx: Ctx, userId: string) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  if (userId === ctx.actor.userId) throw new AppError('separation_of_duties');
  const [person] = await ctx.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId));
  if (!person) throw new AppError('not_found');
  const found = await ctx.db
    .select({ d: declarations, r: declarationRisks })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .leftJoin(declarationRisks, eq(declarationRisks.declarationId, declarations.id))
    .where(
      and(
        eq(declarations.userId, userId),
        eq(declarations.status, 'handed_over'),
        scopeFilter(ctx.actor, 'declarations.control', units.path),
      ),
    )
    .orderBy(asc(declarations.year), asc(declarations.declaredOn));
  if (found.length === 0) throw new AppError('not_found');
  await audit(ctx.db, ctx, {
    action: 'declaration.viewed',
    entityType: 'declaration',
    entityId: found.at(-1)!.d.id,
    unitId: found.at(-1)!.d.unitId,
    changes: { as: 'controller', history: found.length },
  });
  return {
    userId,
    fullName: person.fullName,
    years: found.map(({ d, r }) => ({
      declarationId: d.id,
      year: d.year,
      kind: d.kind as DeclarationKind,
      status: d.status as 'handed_over',
      assetsVnd: d.assetsVnd,
      incomeVnd: d.incomeVnd,
      increaseVnd: d.increaseVnd,
      groups: Object.fromEntries(Object.entries(d.summary.groups).map(([k, v]) => [k, v.value])),
      score: r?.score ?? null,
      hits: r?.hits ?? [],
    })),
    cases: await listCases(ctx, { userId }),
    conflicts: await ctx.db
      .select({
        id: conflicts.id,
        situation: conflicts.situation,
        task: conflicts.task,
        stage: conflicts.stage,
        measure: conflicts.measure,
        reportedOn: conflicts.reportedOn,
        unitName: units.name,
      })
      .from(conflicts)
      .innerJoin(units, eq(units.id, conflicts.unitId))
      .where(and(eq(conflicts.personId, userId), scopeFilter(ctx.actor, 'declarations.control', units.path)))
      .orderBy(desc(conflicts.reportedOn)),
  };
}

export async function listRiskRules(ctx: Ctx) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  return (await ctx.db.select().from(riskRules).orderBy(desc(riskRules.weight), asc(riskRules.code))).map(
    present,
  );
}

const present = (r: RuleRow) => ({
  code: r.code,
  nameVi: r.nameVi,
  nameEn: r.nameEn,
  explanationVi: r.explanationVi,
  explanationEn: r.explanationEn,
  source: r.source,
  weight: r.weight,
  threshold: r.threshold,
  thresholdUnit: defs.get(r.code)?.thresholdUnit ?? null,
  active: r.active,
  version: r.version,
});

/**
 * Tuning a rule is the province's decision: only the control agency at the top of the tree may (one
 * set of rules for all, so scores compare across units), and it is audited with before and after.
 */
export async function changeRiskRule(
  ctx: Ctx,
  code: string,
  input: { weight: number; threshold: number | null; active: boolean; version: number },
) {
  if (!canAnywhere(ctx.actor, 'declarations.control')) throw new AppError('not_found');
  if (!canAtRoot(ctx.actor, 'declarations.control')) throw new AppError('forbidden');
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(riskRules).where(eq(riskRules.code, code)).for('update');
    if (!r) throw new AppError('not_found');
    if (r.version !== input.version) throw new AppError('conflict');
    const [row] = await tx
      .update(riskRules)
      .set({
        weight: input.weight,
        threshold: r.threshold === null ? null : input.threshold,
        active: input.active,
        version: r.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(riskRules.code, code))
      .returning();
    await audit(tx, ctx, {
      action: 'risk_rule.changed',
      entityType: 'risk_rule',
      entityId: code,
      changes: {
        code,
        weight: [r.weight, input.weight],
        threshold: [r.threshold, row!.threshold],
        active: [r.active, input.active],
      },
    });
    return present(row!);
  });
}
