import { and, eq, inArray, isNull } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import {
  answers,
  assessments,
  campaigns,
  criteria,
  frameworks,
  frameworkVersions,
} from '#server/modules/assessments/tables.ts';
import { sealTotpSecret } from '#server/modules/auth/service.ts';
import { DEFAULT_CALENDAR, loadCalendar } from '#server/modules/clocks/service.ts';
import { calendars, deadlineRules } from '#server/modules/clocks/tables.ts';
import {
  encrypt,
  encryptJson,
  type Key,
  newKey,
  newKeyPair,
  newRecoveryKey,
  normaliseRecoveryKey,
  randomBytes,
  seal,
  tokenKey,
} from '#server/modules/keys/crypto.ts';
import { userKeys } from '#server/modules/keys/tables.ts';
import { unitSuccessors, units } from '#server/modules/org/tables.ts';
import { planItems, plans, progressReports } from '#server/modules/plans/tables.ts';
import { ad } from '#server/modules/reports/crypt.ts';
import { type PortalSecrets, receiptFor, receiptKeys } from '#server/modules/reports/secrets.ts';
import { reportClocks, reportKeys, reports } from '#server/modules/reports/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { type DeadlineRule, dueDate } from '#shared/clocks/due.ts';
import { communeLevel, type UnitType } from '#shared/org/schemas.ts';
import type { Role } from '#shared/permissions.ts';
import type { Progress } from './bulk.ts';
import { DECLARATION_WEIGHT, DECLARATION_YEARS, generateDeclarations } from './declarations.ts';
import {
  communeSubUnits,
  departmentNames,
  departmentSubUnits,
  enterpriseName,
  identity,
  personName,
  placeNames,
  reportContent,
} from './names.ts';
import { Random } from './random.ts';

/** How big one province is. `province` is the size of Vietnam's largest after the 2025 reform. */
export interface Shape {
  departments: number;
  departmentSubUnits: number;
  communes: number;
  communeSubUnits: number;
  /** Communes before the reform merged into each new one (dissolved on 2025-07-01). */
  formerCommunesEach: number;
  formerDistricts: number;
  enterprises: number;
  users: number;
  reports: number;
  itemsPerPlan: number;
  /** Reports that get a real receipt (an Argon2id derivation each, ≈ 0.2 s); the rest a random lookup. */
  receipts: number;
}

const provinceShape: Shape = {
  departments: 18,
  departmentSubUnits: 14,
  communes: 150,
  communeSubUnits: 4,
  formerCommunesEach: 2,
  formerDistricts: 10,
  enterprises: 80,
  users: 50_000,
  reports: 250_000,
  itemsPerPlan: 48,
  receipts: 200,
};

export const shapes = {
  province: provinceShape,
  // The province's structure (so roll-ups and rankings run over 1,020 units) with small volumes.
  quick: { ...provinceShape, users: 5_000, reports: 8_000, itemsPerPlan: 40, receipts: 8 },
} satisfies Record<string, Shape>;

/** Work units per row, so the progress bar's ETA weighs slow rows (encrypted reports) correctly. */
export const REPORT_WEIGHT = 6;
/** Units, users, plan items, reports and answers, weighted; the bar's total. */
export const workOf = (s: Shape) => {
  const assessed = s.departments * (1 + s.departmentSubUnits) + s.communes * (1 + s.communeSubUnits);
  const units = assessed + s.enterprises + s.communes * s.formerCommunesEach + s.formerDistricts + 1;
  return (
    units +
    s.users * 2 +
    s.itemsPerPlan * 3 * assessed +
    s.reports * REPORT_WEIGHT +
    (assessed * 150) / 4 +
    s.users * DECLARATION_YEARS.length * DECLARATION_WEIGHT
  );
};

export interface Shared {
  now: Date;
  /** One password hash and one password-wrapping key for every generated account (see ADR 0013). */
  passwordHash: string;
  passwordKek: { salt: Uint8Array; kek: Key };
  totpSecret: string;
  secrets: PortalSecrets;
  /** The generated 150-criteria framework version, shared by every province. */
  detailedVersionId: string;
}

export interface Accounts {
  admin?: boolean;
  /** Prefix of the named bench accounts (dieuphoi, tiepnhan…): '' in the first province. */
  prefix: string | null;
}

export interface ProvinceResult {
  rootId: string;
  counts: Record<string, number>;
  sampleReceipts: string[];
}

const DAY = 86_400_000;
const REFORM = '2025-07-01';
const years = [2024, 2025, 2026] as const;

interface UnitRow {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  path: string;
  depth: number;
  status: 'active' | 'dissolved';
  validFrom: string | null;
  validTo: string | null;
  /** Generator-only: receives citizens' reports (an intake desk). */
  desk?: boolean;
  place?: string;
}

export async function generateProvince(
  db: Db,
  opts: {
    seed: number;
    index: number;
    parent: { id: string; path: string; depth: number } | null;
    shape: Shape;
    shared: Shared;
    accounts: Accounts;
    progress: Progress;
  },
): Promise<ProvinceResult> {
  const { shape, shared, progress } = opts;
  const r = new Random(opts.seed * 1_000 + opts.index);
  const code = `P${String(opts.index + 1).padStart(2, '0')}`;
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => {
    counts[k] = (counts[k] ?? 0) + n;
  };

  // ---------------------------------------------------------------- units
  progress.stage(`${code}: đơn vị / units`);
  const places = placeNames(
    r,
    1 + shape.communes * (1 + shape.formerCommunesEach) + shape.formerDistricts + shape.enterprises,
  );
  let placeAt = 0;
  const place = () => places[placeAt++]!;
  const all: UnitRow[] = [];
  const add = (u: Omit<UnitRow, 'id' | 'path' | 'depth'>, parent: UnitRow | null): UnitRow => {
    const id = r.uuid();
    const base = parent ?? opts.parent;
    const row: UnitRow = {
      ...u,
      id,
      path: `${base ? base.path : '/'}${id}/`,
      depth: base ? base.depth + 1 : 0,
    };
    all.push(row);
    return row;
  };
  const provinceName = place();
  const province = add(
    {
      code,
      name: `Tỉnh ${provinceName}`,
      type: 'province',
      parentId: opts.parent?.id ?? null,
      status: 'active',
      validFrom: REFORM,
      validTo: null,
    },
    null,
  );
  const departments = Array.from({ length: shape.departments }, (_, i) =>
    add(
      {
        code: `${code}.D${String(i + 1).padStart(2, '0')}`,
        name: departmentNames[i % departmentNames.length]! + (i >= departmentNames.length ? ` ${i + 1}` : ''),
        type: 'department',
        parentId: province.id,
        status: 'active',
        validFrom: REFORM,
        validTo: null,
        desk: true,
      },
      province,
    ),
  );
  const inspectorate = departments[1] ?? departments[0]!;
  const deptSubs = departments.flatMap((d, i) =>
    Array.from({ length: shape.departmentSubUnits }, (_, j) =>
      add(
        {
          code: `${d.code}.${String(j + 1).padStart(2, '0')}`,
          name: `${departmentSubUnits[j % departmentSubUnits.length]}${j >= departmentSubUnits.length ? ` ${j + 1}` : ''} — ${d.name.replace(/^Sở /, '')}`,
          type: 'sub_unit',
          parentId: d.id,
          status: 'active',
          validFrom: REFORM,
          validTo: null,
        },
        d,
      ),
    ).filter(() => i >= 0),
  );
  const districts = Array.from({ length: shape.formerDistricts }, (_, i) =>
    add(
      {
        code: `${code}.H${String(i + 1).padStart(2, '0')}`,
        name: `Huyện ${place()} (cũ)`,
        type: 'district',
        parentId: province.id,
        status: 'dissolved',
        validFrom: '2015-01-01',
        validTo: '2025-06-30',
      },
      province,
    ),
  );
  const communes: UnitRow[] = [];
  const formerCommunes: UnitRow[] = [];
  const successions: Array<{ predecessorId: string; successorId: string }> = [];
  for (let i = 0; i < shape.communes; i++) {
    const p = place();
    const ward = r.chance(0.2);
    const commune = add(
      {
        code: `${code}.X${String(i + 1).padStart(3, '0')}`,
        name: `${ward ? 'Phường' : 'Xã'} ${p}`,
        type: ward ? 'ward' : 'commune',
        parentId: province.id,
        status: 'active',
        validFrom: REFORM,
        validTo: null,
        desk: true,
        place: p,
      },
      province,
    );
    communes.push(commune);
    const district = districts.length ? districts[i % districts.length]! : province;
    for (let j = 0; j < shape.formerCommunesEach; j++) {
      const old = add(
        {
          code: `${commune.code}.C${j + 1}`,
          name: `Xã ${place()} (cũ)`,
          type: 'commune',
          parentId: district.id,
          status: 'dissolved',
          validFrom: '2015-01-01',
          validTo: '2025-06-30',
        },
        district,
      );
      formerCommunes.push(old);
      successions.push({ predecessorId: old.id, successorId: commune.id });
    }
  }
  const communeSubs = communes.flatMap((c) =>
    Array.from({ length: shape.communeSubUnits }, (_, j) =>
      add(
        {
          code: `${c.code}.${String(j + 1).padStart(2, '0')}`,
          name: `${communeSubUnits[j % communeSubUnits.length]} ${c.place}`,
          type: 'sub_unit',
          parentId: c.id,
          status: 'active',
          validFrom: REFORM,
          validTo: null,
        },
        c,
      ),
    ),
  );
  const enterprises = Array.from({ length: shape.enterprises }, (_, i) => {
    const c = communes[i % communes.length]!;
    return add(
      {
        code: `${code}.DN${String(i + 1).padStart(3, '0')}`,
        name: enterpriseName(r, place()),
        type: 'enterprise',
        parentId: c.id,
        status: 'active',
        validFrom: REFORM,
        validTo: null,
      },
      c,
    );
  });
  await insertRows(
    db,
    units,
    all.map(({ desk: _d, place: _p, ...u }) => u),
  );
  await insertRows(
    db,
    unitSuccessors,
    successions.map((s) => ({
      ...s,
      kind: 'merge',
      effectiveDate: REFORM,
      note: 'Nghị quyết sắp xếp ĐVHC 2025',
    })),
  );
  // Districts were dissolved and their communes went to the province level.
  count('units', all.length);
  count('unitsActive', all.filter((u) => u.status === 'active').length);
  progress.add(all.length);

  // ---------------------------------------------------------------- users and grants
  progress.stage(`${code}: người dùng / users`);
  const staffed = [province, ...departments, ...deptSubs, ...communes, ...communeSubs];
  const weight = (u: UnitRow) =>
    u.type === 'department' ? 6 : communeLevel.includes(u.type) ? 5 : u.type === 'province' ? 4 : 3;
  const totalWeight = staffed.reduce((s, u) => s + weight(u), 0);
  const userRows: (typeof users.$inferInsert)[] = [];
  const grantRows: (typeof grants.$inferInsert)[] = [];
  const keyRows: (typeof userKeys.$inferInsert)[] = [];
  const headOf = new Map<string, string>();
  const focalOf = new Map<string, string>();
  const officersOf = new Map<string, Array<{ userId: string; publicKey: Uint8Array }>>();
  const custodians: Array<{ userId: string; publicKey: Uint8Array }> = [];
  const now = shared.now;
  const userPrefix = `${code.toLowerCase()}.`;
  let n = 0;
  const newUser = (unit: UnitRow, username?: string, totp = false) => {
    const id = r.uuid();
    const name = personName(r);
    const login = username ?? `${userPrefix}cb${String(++n).padStart(6, '0')}`;
    userRows.push({
      id,
      username: login,
      email: `${login}@liem.example`,
      fullName: name,
      unitId: unit.id,
      passwordHash: shared.passwordHash,
      passwordChangedAt: now,
      totpSecret: totp ? sealTotpSecret(id, shared.totpSecret) : null,
      totpEnabledAt: totp ? now : null,
      language: 'vi',
    });
    return id;
  };
  const grant = (userId: string, role: Role, unit: UnitRow, subtree = true) =>
    grantRows.push({ id: r.uuid(), userId, role, unitId: unit.id, subtree });
  const withKeys = (userId: string) => {
    const pair = newKeyPair();
    keyRows.push({
      userId,
      publicKey: pair.publicKey,
      passwordSalt: shared.passwordKek.salt,
      wrappedByPassword: encrypt(shared.passwordKek.kek, pair.privateKey, `user-key:password:${userId}`),
      wrappedByRecovery: encrypt(
        tokenKey(normaliseRecoveryKey(newRecoveryKey()), 'liem/recovery-key/v1'),
        pair.privateKey,
        `user-key:recovery:${userId}`,
      ),
    });
    return { userId, publicKey: pair.publicKey };
  };

  // Named accounts the benchmarks and people sign in with.
  if (opts.accounts.prefix !== null) {
    const p = opts.accounts.prefix;
    if (opts.accounts.admin) grant(newUser(province, `${p}admin`, true), 'admin', province);
    grant(newUser(province, `${p}dieuphoi`, true), 'coordinator', province);
    grant(newUser(province, `${p}thamdinh`), 'reviewer', province);
    grant(newUser(inspectorate, `${p}kiemsoat`), 'asset_controller', province);
    const tiepnhan = newUser(inspectorate, `${p}tiepnhan`, true);
    grant(tiepnhan, 'intake_officer', inspectorate);
    officersOf.set(inspectorate.id, [withKeys(tiepnhan)]);
    const giukhoa = newUser(province, `${p}giukhoa`, true);
    grant(giukhoa, 'custodian', province);
    custodians.push(withKeys(giukhoa));
    const focal = newUser(departments[0]!, `${p}daumoi`);
    grant(focal, 'focal_officer', departments[0]!);
    focalOf.set(departments[0]!.id, focal);
  } else {
    const g = newUser(province, undefined, true);
    grant(g, 'custodian', province);
    custodians.push(withKeys(g));
  }
  // Everyone on a unit's staff declares assets yearly in the generated province (issue 18's scale).
  const declarants: Array<{ id: string; unitId: string; name: string }> = [];
  for (const unit of staffed) {
    const size = Math.max(3, Math.round((shape.users * weight(unit)) / totalWeight));
    for (let i = 0; i < size && userRows.length < shape.users; i++) {
      const id = newUser(unit, undefined, unit.desk === true && i === 2);
      declarants.push({ id, unitId: unit.id, name: userRows.at(-1)!.fullName });
      if (i === 0) {
        grant(id, 'unit_head', unit);
        headOf.set(unit.id, id);
      } else if (i === 1 && !focalOf.has(unit.id)) {
        grant(id, 'focal_officer', unit);
        focalOf.set(unit.id, id);
      } else if (i === 2 && unit.desk) {
        grant(id, 'intake_officer', unit);
        officersOf.set(unit.id, [...(officersOf.get(unit.id) ?? []), withKeys(id)]);
      } else grant(id, 'declarant', unit, false);
    }
  }
  for (const e of enterprises) grant(newUser(e), 'enterprise_rep', e);
  await insertRows(db, users, userRows, (k) => progress.add(k * 2));
  await insertRows(db, grants, grantRows);
  await insertRows(db, userKeys, keyRows);
  count('users', userRows.length);
  count('grants', grantRows.length);

  // ---------------------------------------------------------------- plans
  progress.stage(`${code}: kế hoạch / plans`);
  const groups = [
    'leadership',
    'regulations',
    'propaganda',
    'prevention',
    'accountability',
    'non_state',
    'detection',
    'citizens',
  ];
  const today = vnToday(now);
  const itemTopics = [
    'Quán triệt, tuyên truyền văn bản về PCTNTC',
    'Rà soát, đánh giá văn bản quy phạm pháp luật',
    'Công khai, minh bạch hoạt động',
    'Kiểm soát tài sản, thu nhập',
    'Chuyển đổi vị trí công tác',
    'Thực hiện quy tắc ứng xử',
    'Kiểm tra, thanh tra việc thực hiện',
    'Tiếp nhận, xử lý phản ánh, tố cáo',
  ];
  let planRows = 0;
  let itemRows = 0;
  for (const year of years) {
    const provincePlanId = r.uuid();
    const closed = `${year}-12-31` < today;
    const planUnits =
      year < 2025
        ? [...departments, ...deptSubs, ...districts, ...formerCommunes]
        : [...departments, ...deptSubs, ...communes, ...communeSubs];
    const planList: (typeof plans.$inferInsert)[] = [
      {
        id: provincePlanId,
        unitId: province.id,
        year,
        title: `Kế hoạch PCTNTC năm ${year} của UBND ${province.name}`,
        docNumber: `${r.int(10, 300)}/KH-UBND`,
        docDate: `${year - 1}-12-${r.int(15, 28)}`,
        signer: personName(r),
        status: closed ? 'closed' : 'issued',
        issuedVersion: 1,
        issuedAt: new Date(`${year - 1}-12-28T03:00:00Z`),
      },
    ];
    const provinceItems = groups.flatMap((g, gi) =>
      Array.from({ length: 5 }, (_, k) => ({
        id: r.uuid(),
        planId: provincePlanId,
        ordinal: gi * 10 + k,
        groupCode: g,
        content: `${itemTopics[gi]} (${k + 1})`,
        leadUnitId: inspectorate.id,
        deadline: `${year}-${String(3 * (k % 4) + 3).padStart(2, '0')}-28`,
        status: closed ? 'done' : 'in_progress',
        progress: closed ? 100 : r.int(30, 90),
      })),
    );
    const itemList: (typeof planItems.$inferInsert)[] = [...provinceItems];
    const progressList: (typeof progressReports.$inferInsert)[] = [];
    for (const u of planUnits) {
      const planId = r.uuid();
      // The named focal officer's department has issued its plan (the durability test reports on it).
      const issued = closed || u === departments[0] || r.chance(0.92);
      planList.push({
        id: planId,
        unitId: u.id,
        year,
        sourcePlanId: provincePlanId,
        title: `Kế hoạch PCTNTC năm ${year} — ${u.name}`,
        docNumber: issued ? `${r.int(1, 99)}/KH` : null,
        status: closed ? 'closed' : issued ? 'issued' : 'draft',
        issuedVersion: issued ? 1 : 0,
        issuedAt: issued ? new Date(`${year}-01-${String(r.int(5, 28)).padStart(2, '0')}T03:00:00Z`) : null,
        dueDate: `${year}-01-31`,
      });
      let parent: string | null = null;
      for (let k = 0; k < shape.itemsPerPlan; k++) {
        const source = provinceItems[k % provinceItems.length]!;
        const top = k % 3 === 0;
        const id = r.uuid();
        const month = r.int(2, 12);
        const deadline = `${year}-${String(month).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        const past = deadline < today;
        const progressValue = closed
          ? r.chance(0.85)
            ? 100
            : r.int(40, 90)
          : past
            ? r.chance(0.7)
              ? 100
              : r.int(0, 90)
            : r.chance(0.4)
              ? 0
              : r.int(10, 90);
        itemList.push({
          id,
          planId,
          parentId: top ? null : parent,
          sourceItemId: top ? source.id : null,
          ordinal: k,
          groupCode: source.groupCode,
          content: top
            ? source.content
            : `Nhiệm vụ cụ thể ${k + 1}: ${itemTopics[groups.indexOf(source.groupCode)]}`,
          leadUnitId: u.id,
          deadline,
          status: progressValue === 100 ? 'done' : progressValue === 0 ? 'not_started' : 'in_progress',
          progress: progressValue,
        });
        if (top) parent = id;
        if (progressValue > 0 && issued)
          progressList.push({
            id: r.uuid(),
            itemId: id,
            period: closed ? `${year}-Y` : `${year}-Q3`,
            status: progressValue === 100 ? 'done' : 'in_progress',
            progress: progressValue,
            result: progressValue === 100 ? 'Đã hoàn thành theo kế hoạch.' : 'Đang triển khai.',
            review: closed || r.chance(0.6) ? 'accepted' : 'submitted',
            submittedBy: focalOf.get(u.id) ?? null,
            submittedAt: new Date(
              `${closed ? year : Number(today.slice(0, 4))}-${closed ? '12-10' : '09-10'}T03:00:00Z`,
            ),
          });
      }
    }
    await insertRows(db, plans, planList);
    await insertRows(db, planItems, itemList, (k) => progress.add(k));
    await insertRows(db, progressReports, progressList);
    planRows += planList.length;
    itemRows += itemList.length;
    count('progressReports', progressList.length);
  }
  count('plans', planRows);
  count('planItems', itemRows);

  // ---------------------------------------------------------------- citizens' reports
  progress.stage(`${code}: phản ánh (mã hóa) / reports`);
  const [cal] = await db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, DEFAULT_CALENDAR));
  const calendar = await loadCalendar(db, cal!.id);
  const rules = await db.select().from(deadlineRules);
  const rule = (c: string) => rules.find((x) => x.code === c && x.effectiveTo === null)!;
  const initialRule = rule('denunciation.initial_processing');
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
  const samples: string[] = [];
  let reportCount = 0;
  for (let start = 0; start < times.length; start += BATCH) {
    const reportRows: (typeof reports.$inferInsert)[] = [];
    const keyList: (typeof reportKeys.$inferInsert)[] = [];
    const clockList: (typeof reportClocks.$inferInsert)[] = [];
    const receipts: Array<{ row: typeof reports.$inferInsert; key: Key; token: Uint8Array }> = [];
    for (const t of times.slice(start, start + BATCH)) {
      const id = r.uuid();
      const desk = r.weighted(deskWeights);
      const received = new Date(t);
      const receivedOn = vnToday(received);
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
      const initialDue = dueDate(receivedOn, initialRule as unknown as DeadlineRule, calendar);
      const initialDone =
        status === 'received' ? null : addDaysStr(receivedOn, Math.min(r.int(2, 12), Math.floor(ageDays)));
      const resolution =
        kind === 'denunciation' && initialDone
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
        channel: r.weighted([
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
        reportId: id,
        code: initialRule.code,
        ruleId: initialRule.id,
        startOn: receivedOn,
        dueOn: initialDue,
        doneOn: initialDone,
      });
      if (resolution)
        clockList.push({
          id: r.uuid(),
          reportId: id,
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
        const receipt = receiptFor(shared.secrets, token);
        const { lookup, wrap } = await receiptKeys(shared.secrets, receipt);
        row.receiptLookup = lookup;
        row.receiptKey = encrypt(wrap, key, ad.receipt(row.id!));
        if (samples.length < 3) samples.push(receipt);
      }),
    );
    await insertRows(db, reports, reportRows);
    await insertRows(db, reportKeys, keyList);
    await insertRows(db, reportClocks, clockList);
    reportCount += reportRows.length;
    count('reportKeys', keyList.length);
    count('reportClocks', clockList.length);
    progress.add(reportRows.length * REPORT_WEIGHT);
  }
  count('reports', reportCount);

  // ---------------------------------------------------------------- assessment campaigns
  progress.stage(`${code}: đánh giá / assessments`);
  const versionOf = async (frameworkCode: string) => {
    const [v] = await db
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(and(eq(frameworks.code, frameworkCode), eq(frameworkVersions.status, 'published')))
      .orderBy(frameworkVersions.version)
      .limit(1);
    return v!.id;
  };
  const unitIndex = await versionOf('pctn-unit');
  const headIndex = await versionOf('head-evaluation');
  const enterpriseIndex = await versionOf('enterprise-integrity');
  const leavesOf = new Map<string, Array<typeof criteria.$inferSelect>>();
  const leaves = async (versionId: string) => {
    const hit = leavesOf.get(versionId);
    if (hit) return hit;
    const list = await db.select().from(criteria).where(eq(criteria.versionId, versionId));
    const parents = new Set(list.map((c) => c.parentId).filter(Boolean));
    const out = list.filter((c) => !parents.has(c.id));
    leavesOf.set(versionId, out);
    return out;
  };
  const assessedAll = [...departments, ...deptSubs, ...communes, ...communeSubs];
  const plansFor: Array<{
    versionId: string;
    year: number;
    runner: UnitRow;
    title: string;
    units: UnitRow[];
    status: 'published' | 'open' | 'finalised';
    heads?: boolean;
  }> = [
    ...years.map((year) => ({
      versionId: unitIndex,
      year,
      runner: province,
      title: `Đánh giá công tác PCTNTC năm ${year}`,
      units: year < 2025 ? [...departments, ...districts] : [...departments, ...communes],
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...years.map((year) => ({
      versionId: headIndex,
      year,
      runner: province,
      title: `Đánh giá người đứng đầu năm ${year}`,
      units: departments,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
      heads: true,
    })),
    ...([2025, 2026] as const).map((year) => ({
      versionId: enterpriseIndex,
      year,
      runner: province,
      title: `Tự đánh giá liêm chính doanh nghiệp năm ${year}`,
      units: enterprises,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...([2025, 2026] as const).map((year) => ({
      versionId: shared.detailedVersionId,
      year,
      runner: province,
      title: `Bộ chỉ số chi tiết năm ${year} — toàn tỉnh`,
      units: year < 2026 ? departments : assessedAll,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...departments.slice(0, 10).map((d) => ({
      versionId: unitIndex,
      year: 2026,
      runner: d,
      title: `Đánh giá các đơn vị trực thuộc năm 2026 — ${d.name}`,
      units: deptSubs.filter((s) => s.parentId === d.id),
      status: 'open' as const,
    })),
  ];
  let answerCount = 0;
  let assessmentCount = 0;
  for (const c of plansFor) {
    const campaignId = r.uuid();
    await db.insert(campaigns).values({
      id: campaignId,
      versionId: c.versionId,
      unitId: c.runner.id,
      title: c.title,
      year: c.year,
      status: c.status,
      selfDue: `${c.year}-${c.status === 'open' ? '12-20' : '11-30'}`,
      openedAt: new Date(`${c.year}-10-01T03:00:00Z`),
      publishedAt: c.status === 'published' ? new Date(`${c.year + 1}-01-20T03:00:00Z`) : null,
    });
    const crit = await leaves(c.versionId);
    const aRows: (typeof assessments.$inferInsert)[] = [];
    const xRows: (typeof answers.$inferInsert)[] = [];
    for (const u of c.units) {
      const id = r.uuid();
      const status =
        c.status === 'published'
          ? 'finalised'
          : r.weighted([
              ['open', 2],
              ['submitted', 3],
              ['under_review', 2],
              ['finalised', 3],
            ] as const);
      aRows.push({
        id,
        campaignId,
        unitId: u.id,
        subjectUserId: c.heads ? (headOf.get(u.id) ?? null) : null,
        status,
        submittedAt: status === 'open' ? null : new Date(`${c.year}-11-15T03:00:00Z`),
        finalisedAt: status === 'finalised' ? new Date(`${c.year}-12-10T03:00:00Z`) : null,
      });
      const quality = r.float();
      let finalTotal = 0;
      for (const k of crit) {
        if (status === 'open' && r.chance(0.5)) continue;
        const self = scoreFor(r, k, quality);
        const reviewed = status === 'finalised' || status === 'under_review';
        const adjust = reviewed && r.chance(0.15) ? scoreFor(r, k, quality * 0.8) : null;
        xRows.push({
          id: r.uuid(),
          assessmentId: id,
          criterionId: k.id,
          selfScore: self,
          explanation: 'Đã thực hiện, có tài liệu kèm theo.',
          // A finalised review has a score for every criterion (the unit's own where not adjusted).
          reviewScore: adjust ?? (status === 'finalised' ? self : null),
          reviewReason: adjust === null ? null : 'Tài liệu chưa đầy đủ theo hướng dẫn.',
        });
        finalTotal += adjust ?? self;
      }
      // As finalising stores it (scores are quarter points, so the float sum is exact).
      if (status === 'finalised') aRows.at(-1)!.finalTotal = finalTotal;
    }
    await insertRows(db, assessments, aRows);
    await insertRows(db, answers, xRows, (k) => progress.add(k / 4));
    assessmentCount += aRows.length;
    answerCount += xRows.length;
  }
  count('campaigns', plansFor.length);
  count('assessments', assessmentCount);
  count('answers', answerCount);

  // ---------------------------------------------------------------- asset declarations
  progress.stage(`${code}: kê khai tài sản / declarations`);
  const made = await generateDeclarations(db, r, { province, declarants, now, progress });
  for (const [k, v] of Object.entries(made)) count(k, v);
  return { rootId: province.id, counts, sampleReceipts: samples };
}

function scoreFor(r: Random, k: typeof criteria.$inferSelect, quality: number): number {
  const max = Number(k.maxPoints);
  const min = Number(k.minPoints);
  switch (k.method) {
    case 'yes_no':
      return r.chance(0.5 + quality / 2) ? max : 0;
    case 'levels':
      return k.levels.length ? r.pick(k.levels).points : max;
    case 'deduction':
      return r.chance(0.15) ? Math.max(min, -r.int(1, 2)) : 0;
    default: {
      const steps = Math.round(max * 4);
      const got = Math.round(steps * Math.min(1, 0.4 + 0.6 * quality * r.float() + 0.3 * r.float()));
      return Math.max(min, Math.min(max, got / 4));
    }
  }
}

const addDaysStr = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const minStr = (a: string, b: string) => (a < b ? a : b);

/** Leaves of the generated detailed framework: A 40 × 0.5, B 40 × 0.75, C 50 × 0.8, D 20 × 0.5 = 100 points. */
export async function ensureDetailedFramework(db: Db): Promise<string> {
  const CODE = 'unit-index-detailed';
  const [existing] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworks.code, CODE));
  if (existing) return existing.id;
  const r = new Random(150);
  const frameworkId = r.uuid();
  const versionId = r.uuid();
  await db.insert(frameworks).values({
    id: frameworkId,
    code: CODE,
    kind: 'unit_index',
    nameVi: 'Bộ chỉ số chi tiết (150 tiêu chí, dữ liệu sinh)',
    nameEn: 'Detailed index (150 criteria, generated data)',
  });
  await db.insert(frameworkVersions).values({
    id: versionId,
    frameworkId,
    version: 1,
    status: 'published',
    legalBasis: 'Dữ liệu sinh để đo hiệu năng / generated for benchmarks',
    publishedAt: new Date('2025-01-01T00:00:00Z'),
  });
  const parts = [
    ['A', 'Lãnh đạo, chỉ đạo', 'Leadership', 40, 0.5],
    ['B', 'Phòng ngừa tham nhũng', 'Prevention', 40, 0.75],
    ['C', 'Phát hiện, xử lý', 'Detection and handling', 50, 0.8],
    ['D', 'Kết quả, hiệu quả', 'Results', 20, 0.5],
  ] as const;
  const rows: (typeof criteria.$inferInsert)[] = [];
  for (const [pi, [code, vi, en, n, pts]] of parts.entries()) {
    const partId = r.uuid();
    rows.push({
      id: partId,
      versionId,
      parentId: null,
      ordinal: pi,
      code,
      titleVi: vi,
      titleEn: en,
      method: 'points',
      maxPoints: n * pts,
    });
    for (let i = 0; i < n; i++)
      rows.push({
        id: r.uuid(),
        versionId,
        parentId: partId,
        ordinal: i,
        code: `${code}.${i + 1}`,
        titleVi: `${vi}: tiêu chí ${i + 1}`,
        titleEn: `${en}: criterion ${i + 1}`,
        method: i % 5 === 4 ? 'yes_no' : 'points',
        maxPoints: pts,
      });
  }
  await insertRows(db, criteria, rows);
  return versionId;
}

/** Everything generated for a province lives under its root; used to refuse generating twice. */
export async function hasUnits(db: Db, codes: string[]): Promise<boolean> {
  if (codes.length === 0) return false;
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.code, codes), isNull(units.validTo)));
  return found.length > 0;
}
