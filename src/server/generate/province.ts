import { and, inArray, isNull } from 'drizzle-orm';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { sealTotpSecret } from '#server/modules/auth/service.ts';
import { modules } from '#server/modules/index.ts';
import {
  encrypt,
  newKeyPair,
  newRecoveryKey,
  normaliseRecoveryKey,
  tokenKey,
} from '#server/modules/keys/crypto.ts';
import { userKeys } from '#server/modules/keys/tables.ts';
import { unitSuccessors, units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { communeLevel } from '#shared/org/schemas.ts';
import type { Role } from '#shared/permissions.ts';
import type { Progress } from './bulk.ts';
import {
  communeSubUnits,
  departmentNames,
  departmentSubUnits,
  enterpriseName,
  personName,
  placeNames,
} from './names.ts';
import { Random } from './random.ts';
import {
  assessedCount,
  type OfficerKey,
  type ProvinceWorld,
  REFORM,
  type Shape,
  type Shared,
  type UnitRow,
} from './world.ts';

export type { Shape, Shared } from './world.ts';

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
  inspectionsPerYear: 600,
};

export const shapes = {
  province: provinceShape,
  // The province's structure (so roll-ups and rankings run over 1,020 units) with small volumes.
  quick: { ...provinceShape, users: 5_000, reports: 8_000, itemsPerPlan: 40, receipts: 8 },
} satisfies Record<string, Shape>;

/** The foundation's units and accounts, then every module's rows, weighted by cost: the progress bar's total. */
export const workOf = (s: Shape, only?: ReadonlySet<string>) => {
  const units = assessedCount(s) + s.enterprises + s.communes * s.formerCommunesEach + s.formerDistricts + 1;
  return units + s.users * 2 + generating(only).reduce((sum, m) => sum + m.generate.work(s), 0);
};

/** The modules that write records, in the list's order; `only` keeps some (a national set of one kind). */
export const generating = (only?: ReadonlySet<string>) =>
  modules.flatMap((m) => (m.generate && (!only || only.has(m.name)) ? [{ ...m, generate: m.generate }] : []));

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
  const officersOf = new Map<string, OfficerKey[]>();
  const custodians: OfficerKey[] = [];
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
    grant(newUser(inspectorate, `${p}thanhtra`), 'inspector', province);
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

  const world: ProvinceWorld = {
    db,
    r,
    code,
    shape,
    shared,
    progress,
    now,
    count,
    samples: [],
    provinceName,
    province,
    departments,
    inspectorate,
    deptSubs,
    districts,
    formerCommunes,
    communes,
    communeSubs,
    enterprises,
    headOf,
    focalOf,
    officersOf,
    custodians,
    declarants,
  };
  // Each module writes its records on this province, in the modules' list order (same seed, same data).
  for (const m of generating(shared.only)) {
    progress.stage(`${code}: ${m.generate.label}`);
    await m.generate.run(world);
  }
  return { rootId: province.id, counts, sampleReceipts: world.samples };
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
