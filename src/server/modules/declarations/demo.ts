import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { saveDeclaration, startDeclaration, submitDeclaration } from '#server/modules/declarations/filing.ts';
import { scoreDeclarations } from '#server/modules/declarations/risk.ts';
import { openRound } from '#server/modules/declarations/roster.ts';
import { sealContent } from '#server/modules/declarations/sealed.ts';
import { declarations } from '#server/modules/declarations/tables.ts';
import * as verification from '#server/modules/declarations/verification.ts';
import { createPosition } from '#server/modules/org/service.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import { addGrant, createUser } from '#server/modules/users/service.ts';
import { users } from '#server/modules/users/tables.ts';
import { demoSession } from '#server/platform/demo.ts';
import { type AssetItem, type DeclarationContent, summarise } from '#shared/declarations/content.ts';
import { currentForm } from '#shared/declarations/form.ts';
import { type Actor, systemActor } from '#shared/permissions.ts';

/** A fictional official's declaration content: a house, land, a motorbike, savings, a salary. */
function contentOf(name: string, position: string, seed: number, extra: Partial<DeclarationContent> = {}) {
  const id = (n: number) => `00000000-0000-4000-8000-${String(seed * 100 + n).padStart(12, '0')}`;
  return {
    declarant: {
      fullName: name,
      birthDate: `${1970 + seed}-0${(seed % 9) + 1}-15`,
      position,
      workplace: 'Sở Xây dựng tỉnh Sơn Hà',
      residence: `Số ${10 + seed} đường Hòa Bình, phường Sơn Hà, tỉnh Sơn Hà`,
      idNumber: `0010${String(70 + seed)}00${String(1000 + seed * 7).padStart(4, '0')}`,
      idIssued: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội, 2021',
    },
    spouse: {
      fullName: `Nguyễn Thị Hiền ${seed}`,
      birthDate: `${1972 + seed}-03-02`,
      workplace: 'Trường Tiểu học Sơn Hà',
      residence: `Số ${10 + seed} đường Hòa Bình, phường Sơn Hà, tỉnh Sơn Hà`,
    },
    children: [],
    assets: {
      land_residential: [
        {
          id: id(1),
          owner: 'declarant',
          details: {
            address: `Thửa ${seed * 13}, tờ bản đồ 4, phường Sơn Hà`,
            areaM2: 100 + seed * 10,
            certificate: `CS ${seed}0${seed}12`,
          },
          valueVnd: 1_200_000_000 + seed * 100_000_000,
        },
      ],
      house: [
        {
          id: id(2),
          owner: 'declarant',
          details: {
            address: `Số ${10 + seed} đường Hòa Bình, phường Sơn Hà`,
            houseType: 'detached',
            areaM2: 180,
          },
          valueVnd: 900_000_000,
        },
      ],
      registered_assets: [
        {
          id: id(3),
          owner: 'declarant',
          details: { name: 'Xe máy Honda', registration: `88B1-${seed}2345` },
          valueVnd: 45_000_000,
        },
      ],
      money: [
        {
          id: id(4),
          owner: 'spouse',
          details: { kind: 'deposit', holder: 'Ngân hàng thương mại' },
          valueVnd: 350_000_000,
        },
      ],
    },
    income: [],
    explanations: {},
    ...extra,
  } as DeclarationContent;
}

/**
 * The Department of Construction's declarants: positions with their leadership levels, four officials
 * with their 2025 annual declarations (handed over), the 2026 round opened by the provincial inspectorate
 * with its roster, one 2026 declaration submitted and waiting for the officer, the rest to come.
 */
export async function seedDemoDeclarations(base: Ctx, password: string) {
  const ctx: Ctx = { ...base, actor: systemActor };
  const [root] = await ctx.db.select().from(units).where(eq(units.code, 'SH'));
  const [dept] = await ctx.db.select().from(units).where(eq(units.code, 'SH.SXD'));
  if (!root || !dept) return;
  const positionOf = async (name: string) =>
    (
      await ctx.db
        .select({ id: positions.id })
        .from(positions)
        .where(and(eq(positions.unitId, dept.id), eq(positions.name, name)))
    )[0]!.id;
  const inspector = await createPosition(ctx, dept.id, {
    name: 'Thanh tra viên',
    isLeadership: false,
    declarationDuty: true,
  });
  const people = [
    {
      username: 'kekhai',
      position: await positionOf('Phó Trưởng phòng'),
      title: 'Phó Trưởng phòng Quản lý xây dựng',
    },
    {
      username: 'truongphong',
      fullName: 'Trịnh Văn Phòng',
      position: await positionOf('Trưởng phòng'),
      title: 'Trưởng phòng Kinh tế xây dựng',
    },
    { username: 'thanhtravien', fullName: 'Mai Thị Thanh', position: inspector.id, title: 'Thanh tra viên' },
    {
      username: 'giamdocxd',
      fullName: 'Đinh Văn Giám',
      position: await positionOf('Giám đốc / Thủ trưởng'),
      title: 'Giám đốc Sở Xây dựng',
    },
  ];
  const ids: Record<string, string> = {};
  for (const p of people) {
    const [known] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, p.username));
    let id = known?.id;
    if (!id) {
      id = (
        await createUser(ctx, {
          username: p.username,
          fullName: p.fullName!,
          email: `${p.username}@sonha.liem.invalid`,
          unitId: dept.id,
          language: 'vi',
          password,
        })
      ).id;
      await addGrant(ctx, id, { role: 'declarant', unitId: dept.id, subtree: true });
      await ctx.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id));
    }
    await ctx.db.update(users).set({ positionId: p.position }).where(eq(users.id, id));
    ids[p.username] = id;
  }
  // 2025: every one of them declared, the officer accepted and handed the declarations over.
  const [who] = await ctx.db.select().from(users).where(eq(users.username, 'kekhai'));
  for (const [i, p] of people.entries()) {
    const id = randomUUID();
    const name = p.fullName ?? who!.fullName;
    const content = contentOf(name, p.title, i + 1, {
      income: [
        { recipient: 'declarant', source: 'salary', amountVnd: 220_000_000 + i * 30_000_000, note: null },
      ],
    });
    await insertHandedOver2025(ctx, { id, userId: ids[p.username]!, unitId: dept.id, content });
  }
  const others = await seedOtherDeclarants(ctx, password);
  // 2026: the inspectorate opens the round over the province (its plan's dates); the roster follows.
  const year = Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(ctx.clock.now()),
  );
  const round = await openRound(ctx, {
    unitId: root.id,
    year,
    rosterDueOn: `${year}-12-09`,
    declareDueOn: `${year}-12-31`,
    handoverDueOn: `${year + 1}-01-16`,
  });
  await handOverOthers(ctx, others, round.id, year);
  // The head of division has declared: a new car and more savings, explained; waiting for the officer.
  const asHim: Ctx = {
    ...ctx,
    actor: {
      kind: 'user',
      userId: ids.truongphong!,
      grants: [{ role: 'declarant', unitId: dept.id, unitPath: dept.path, subtree: true }],
    } satisfies Actor,
  };
  const started = await startDeclaration(asHim, { kind: 'annual', year });
  const draft = contentOf('Trịnh Văn Phòng', 'Trưởng phòng Kinh tế xây dựng', 2, {
    income: [
      { recipient: 'declarant', source: 'salary', amountVnd: 260_000_000, note: null },
      { recipient: 'spouse', source: 'inheritance', amountVnd: 900_000_000, note: 'Thừa kế của bố mẹ' },
    ],
    explanations: {
      registered_assets: 'Mua ô tô bằng tiền vợ được thừa kế năm nay',
    },
  });
  draft.assets.registered_assets!.push({
    id: randomUUID(),
    owner: 'declarant',
    details: { name: 'Ô tô con 5 chỗ', registration: '88A-123.45' },
    valueVnd: 1_050_000_000,
  });
  const saved = await saveDeclaration(asHim, started.id, { content: draft, version: 1 });
  await submitDeclaration(asHim, started.id, { version: saved.version });
  await verifyOnDenunciation(base, password, others[4]!.previousId);
}

/**
 * A verification of 2026 run to its end: a denunciation about an official's 2025 declaration, the
 * decision and its team, a bank asked and answered, the report, the conclusion (honest) and its
 * publication — each step on its clock, as the inspectorate closes one.
 */
async function verifyOnDenunciation(base: Ctx, password: string, declarationId: string) {
  const controller = await demoSession(base, 'kiemsoat', password);
  const [member] = await base.db.select({ id: users.id }).from(users).where(eq(users.username, 'thanhtra'));
  const { ctx } = controller;
  const opened = await verification.openCase(ctx, {
    declarationId,
    ground: 'denunciation',
    groundKnownOn: '2026-03-02',
    groundNote: 'Đơn tố cáo ngày 27/02/2026 cho rằng tài sản tăng thêm không được kê khai đầy đủ.',
  });
  let c = await verification.stepCase(ctx, opened.id, {
    step: 'decide',
    version: opened.version,
    on: '2026-03-05',
    decisionRef: '21/QĐ-TTr',
    team: [
      { userId: controller.userId, lead: true },
      { userId: member!.id, lead: false },
    ],
  });
  const asked = await verification.requestInformation(ctx, opened.id, {
    kind: 'information',
    addressee: 'Ngân hàng TMCP Sơn Hà — Chi nhánh tỉnh',
    subject: 'Sao kê tài khoản tiền gửi của người được xác minh năm 2025',
    documentRef: '35/TTr-KS',
    sentOn: '2026-03-09',
    complex: false,
  });
  await verification.answerRequest(ctx, asked.id, {
    answeredOn: '2026-03-13',
    note: 'Số dư tiền gửi khớp với bản kê khai.',
    version: asked.version,
  });
  c = await verification.getCase(ctx, opened.id);
  c = await verification.stepCase(ctx, opened.id, { step: 'report', version: c.version, on: '2026-04-20' });
  c = await verification.stepCase(ctx, opened.id, {
    step: 'conclude',
    version: c.version,
    on: '2026-04-27',
    conclusion: 'honest',
    note: 'Kê khai trung thực, đầy đủ; tài sản tăng thêm có nguồn gốc hợp pháp.',
  });
  await verification.stepCase(ctx, opened.id, {
    step: 'publish',
    version: c.version,
    on: '2026-04-29',
    where: 'Bảng tin trụ sở Văn phòng Ủy ban nhân dân tỉnh',
  });
  await controller.end();
}

/** Fictional officials of four other departments, on posts that declare yearly (Decree 130 Annex III). */
const OTHERS = [
  ['SH.STC', 'Chuyên viên quản lý ngân sách', ['Phan Văn Ngân', 'Hồ Thị Sách', 'Lý Văn Thuế']],
  ['SH.VP', 'Chuyên viên tổng hợp', ['Vũ Thị Hợp', 'Tạ Văn Tổng', 'Đoàn Thị Văn']],
  ['SH.D03', 'Chuyên viên quản lý đất đai', ['Lâm Văn Đất', 'Quách Thị Điền', 'Mạc Văn Địa']],
  ['SH.D06', 'Chuyên viên cấp phép', ['Kiều Văn Phép', 'Ông Thị Giấy', 'Triệu Văn Dấu']],
] as const;

type Other = {
  userId: string;
  unitId: string;
  name: string;
  title: string;
  seed: number;
  previousId: string;
};

/** Their 2025 declarations, handed over; the 2026 round will find them on its roster by their posts. */
async function seedOtherDeclarants(ctx: Ctx, password: string): Promise<Other[]> {
  const out: Other[] = [];
  let seed = 10;
  for (const [code, title, names] of OTHERS) {
    const [unit] = await ctx.db.select().from(units).where(eq(units.code, code));
    if (!unit) continue;
    const post = await createPosition(ctx, unit.id, {
      name: title,
      isLeadership: false,
      declarationDuty: true,
    });
    for (const name of names) {
      seed += 1;
      const username = `kk${seed}`;
      const user = await createUser(ctx, {
        username,
        fullName: name,
        email: `${username}@sonha.liem.invalid`,
        unitId: unit.id,
        language: 'vi',
        password,
      });
      await addGrant(ctx, user.id, { role: 'declarant', unitId: unit.id, subtree: true });
      await ctx.db
        .update(users)
        .set({ positionId: post.id, mustChangePassword: false })
        .where(eq(users.id, user.id));
      const id = randomUUID();
      const content = contentOf(name, title, seed, {
        income: [
          { recipient: 'declarant', source: 'salary', amountVnd: 200_000_000 + seed * 5_000_000, note: null },
        ],
      });
      await insertHandedOver2025(ctx, { id, userId: user.id, unitId: unit.id, content });
      out.push({ userId: user.id, unitId: unit.id, name, title, seed, previousId: id });
    }
  }
  return out;
}

const asset = (
  owner: AssetItem['owner'],
  details: AssetItem['details'],
  valueVnd: number | null,
  extra = {},
) => ({ id: randomUUID(), owner, details, valueVnd, ...extra }) as AssetItem;

/**
 * Their declarations of this year, received early and handed over, with what the risk rules look for in
 * a few of them (a spouse's deposits and an account abroad, a new house with no value, a house without
 * land, large gifts), scored as they reach the inspectorate.
 */
async function handOverOthers(ctx: Ctx, others: Other[], roundId: string, year: number) {
  const ids: string[] = [];
  for (const [i, p] of others.entries()) {
    const income: DeclarationContent['income'] = [
      { recipient: 'declarant', source: 'salary', amountVnd: 210_000_000 + p.seed * 5_000_000, note: null },
    ];
    const content = contentOf(p.name, p.title, p.seed, { income });
    const more = content.assets;
    if (i === 0) {
      more.money!.push(asset('spouse', { kind: 'deposit', holder: 'Ngân hàng thương mại' }, 4_200_000_000));
      more.house!.push(
        asset(
          'declarant',
          { address: 'Xã Biển Đông, tỉnh Sơn Hà', houseType: 'detached', areaM2: 240 },
          null,
          {
            valueUnknownReason: 'Chưa xác định được giá trị',
          },
        ),
      );
      more.abroad_accounts = [
        asset(
          'spouse',
          { holderName: 'Nguyễn Thị Hiền', institution: 'Ngân hàng nước ngoài', country: 'Singapore' },
          null,
          {
            currency: 'USD',
            foreignAmount: 60_000,
            rate: 25_400,
          },
        ),
      ];
      income.push({ recipient: 'spouse', source: 'gift', amountVnd: 300_000_000, note: 'Bố mẹ cho' });
      content.explanations = {
        money: 'Tiền tiết kiệm của vợ',
        house: 'Nhà bố mẹ cho',
        abroad_accounts: 'Tài khoản của vợ',
      };
    } else if (i === 4) {
      more.land_residential = [];
      content.explanations = {};
    } else if (i === 7) {
      income.push({ recipient: 'declarant', source: 'inheritance', amountVnd: 800_000_000, note: 'Thừa kế' });
      more.money!.push(asset('declarant', { kind: 'cash' }, 700_000_000));
    } else if (i === 9) {
      more.land_other = [
        asset(
          'spouse',
          { address: 'Thửa 77, xã Sơn Lâm', areaM2: 500, otherInfo: 'Đứng tên hộ em trai' },
          300_000_000,
        ),
      ];
    }
    const id = randomUUID();
    const summary = summarise(currentForm, content);
    const [prev] = await ctx.db.select().from(declarations).where(eq(declarations.id, p.previousId));
    const now = ctx.clock.now();
    await ctx.db.insert(declarations).values({
      id,
      userId: p.userId,
      unitId: p.unitId,
      roundId,
      year,
      kind: 'annual',
      formCode: currentForm.code,
      status: 'handed_over',
      declaredOn: now.toISOString().slice(0, 10),
      previousId: p.previousId,
      content: sealContent(id, content),
      summary,
      assetsVnd: summary.assetsVnd,
      incomeVnd: summary.incomeVnd,
      increaseVnd: summary.assetsVnd - prev!.assetsVnd,
      submittedAt: now,
      acceptedAt: now,
      handedOverAt: now,
      receivedByControlAt: now,
    });
    ids.push(id);
  }
  await scoreDeclarations(ctx.db, ids, ctx.clock.now());
}

/** A 2025 annual declaration as the round left it: submitted, accepted, handed over and acknowledged. */
async function insertHandedOver2025(
  ctx: Ctx,
  d: { id: string; userId: string; unitId: string; content: DeclarationContent },
) {
  const summary = summarise(currentForm, d.content);
  await ctx.db.insert(declarations).values({
    id: d.id,
    userId: d.userId,
    unitId: d.unitId,
    year: 2025,
    kind: 'annual',
    formCode: currentForm.code,
    status: 'handed_over',
    declaredOn: '2025-12-18',
    content: sealContent(d.id, d.content),
    summary,
    assetsVnd: summary.assetsVnd,
    incomeVnd: summary.incomeVnd,
    submittedAt: new Date('2025-12-18T03:00:00Z'),
    acceptedAt: new Date('2025-12-22T03:00:00Z'),
    handoverDueOn: '2026-01-07',
    handedOverAt: new Date('2026-01-05T03:00:00Z'),
    publicationDueOn: '2026-01-10',
    receivedByControlAt: new Date('2026-01-06T03:00:00Z'),
  });
}
