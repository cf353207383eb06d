import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#server/modules/users/tables.ts';
import { roleAllows, roles } from '#shared/permissions.ts';
import { declareAs, filled, paperWorkbook, personIn } from '#test/declarations.ts';
import { describeMatrix } from '#test/matrix.ts';
import { call, createWorld, upload, type World } from '#test/world.ts';
import { openRound, refreshRoster } from './roster.ts';
import {
  declarations,
  verificationCandidates,
  verificationCases,
  verificationPlans,
  verificationRequests,
} from './tables.ts';
import { commitPlan, drawPlan } from './verification.ts';

/**
 * Every declarations route × every role, inside scope (unit A, where each role is granted) and outside
 * (unit B): what a role may do comes from the role table, never from a list kept here.
 */
let w: World;
let roundId: string;
/** Rounds of each side alone (2027): a body naming a person is then judged by a round out of scope too. */
const sideRound: Record<'A' | 'B', string> = {} as never;
const unitOf = (side: 'A' | 'B') => (side === 'A' ? w.units.A1 : w.units.B);

beforeAll(async () => {
  w = await createWorld();
  roundId = (
    await openRound(w.ctx, {
      unitId: w.units.R,
      year: 2026,
      rosterDueOn: '2026-12-09',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    })
  ).id;
  // Each side's 2026 round: the base of its 2027 verification plan.
  for (const unitId of [w.units.A, w.units.B])
    await openRound(w.ctx, {
      unitId,
      year: 2026,
      rosterDueOn: '2026-12-09',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    });
  for (const side of ['A', 'B'] as const)
    sideRound[side] = (
      await openRound(w.ctx, {
        unitId: side === 'A' ? w.units.A : w.units.B,
        year: 2027,
        rosterDueOn: '2027-12-09',
        declareDueOn: '2027-12-31',
        handoverDueOn: '2028-01-16',
      })
    ).id;
});
afterAll(() => w.close());

/** A declaration of someone in the side's unit, submitted (and, on request, accepted and handed over). */
async function declaration(side: 'A' | 'B', upTo: 'submitted' | 'accepted' | 'handed_over' = 'submitted') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  const { id } = await declareAs(w, p.who, 'first_time', 2026);
  if (upTo === 'submitted') return id;
  // The officer of the tree's root does the officer's steps (system actor in the service would also do).
  const officer = await personIn(w, w.units.R, null, 'declaration_officer');
  await call(w.app, 'POST', `/api/declarations/${id}/accept`, { who: officer.who });
  if (upTo === 'handed_over')
    await call(w.app, 'POST', '/api/declarations/hand-over', { who: officer.who, body: { ids: [id] } });
  return id;
}

let planYear = 3000;
/** A draft verification plan of the side's unit with one candidate (as the service leaves it before commit). */
async function draftPlan(side: 'A' | 'B') {
  planYear -= 1;
  const [plan] = await w.database.db
    .insert(verificationPlans)
    .values({
      unitId: side === 'A' ? w.units.A : w.units.B,
      year: planYear,
      issuedOn: '2026-11-20',
      drawDueOn: '2026-11-30',
      unitSharePercent: 20,
      personSharePercent: 10,
    })
    .returning();
  const declarationId = await declaration(side, 'handed_over');
  const [d] = await w.database.db.select().from(declarations).where(eq(declarations.id, declarationId));
  const [c] = await w.database.db
    .insert(verificationCandidates)
    .values({ planId: plan!.id, unitId: unitOf(side), userId: d!.userId, declarationId, leader: false })
    .returning();
  return { planId: plan!.id, candidateId: c!.id };
}
const committedPlan = async (side: 'A' | 'B') => {
  const { planId } = await draftPlan(side);
  await commitPlan(w.ctx, planId);
  return planId;
};

const drawnPlan = async (side: 'A' | 'B') => {
  const planId = await committedPlan(side);
  await drawPlan(w.ctx, planId, {
    witnesses: [
      { name: 'Trần Văn Ủy', organisation: 'Ủy ban Kiểm tra', value: '12' },
      { name: 'Lê Thị Mặt', organisation: 'Ủy ban MTTQ', value: '7' },
    ],
  });
  return planId;
};

/** A verification opened by the side's control agency over a handed-over declaration. */
async function verification(side: 'A' | 'B') {
  const declarationId = await declaration(side, 'handed_over');
  const [d] = await w.database.db.select().from(declarations).where(eq(declarations.id, declarationId));
  const [c] = await w.database.db
    .insert(verificationCases)
    .values({
      controlUnitId: side === 'A' ? w.units.A : w.units.B,
      userId: d!.userId,
      declarationId,
      ground: 'denunciation',
      groundKnownOn: '2026-11-20',
      decisionDueOn: '2026-12-07',
    })
    .returning();
  return { caseId: c!.id, userId: d!.userId };
}

/** Everyone who signs in in the world: a verification team on which every role's user stands. */
const everyone = () => Object.values(w.users).map((u, i) => ({ userId: u.userId, lead: i === 0 }));

/** A decided verification of the side's control agency whose team is everyone (so only scope decides). */
async function decidedVerification(side: 'A' | 'B') {
  const { caseId } = await verification(side);
  await w.database.db
    .update(verificationCases)
    .set({ status: 'decided', decidedOn: '2026-11-20', decisionRef: '15/QĐ-TTr', team: everyone() })
    .where(eq(verificationCases.id, caseId));
  return caseId;
}

/** An open request for information in a decided verification of the side's control agency. */
async function openRequest(side: 'A' | 'B') {
  const caseId = await decidedVerification(side);
  const [r] = await w.database.db
    .insert(verificationRequests)
    .values({
      caseId,
      kind: 'information',
      addressee: 'Ngân hàng TMCP Sơn Hà',
      subject: 'Sao kê tài khoản',
      sentOn: '2026-11-20',
      dueOn: '2026-11-27',
      createdBy: w.users.root_admin.userId,
    })
    .returning();
  return r!.id;
}

/** A submitted declaration of the side's unit whose declarant uploaded the copy they signed. */
async function signedDeclaration(side: 'A' | 'B') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  const { id } = await declareAs(w, p.who, 'first_time', 2026);
  const res = await upload(
    w.app,
    `/api/declarations/${id}/signed`,
    p.who,
    {},
    {
      name: 'da-ky.pdf',
      content: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
    },
  );
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

/** A roster line of a new person in the side's unit. */
async function rosterEntry(side: 'A' | 'B') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  await refreshRoster(w.ctx, roundId, unitOf(side));
  const roster = await call(w.app, 'GET', `/api/declaration-rounds/${roundId}/roster?unitId=${w.units.R}`, {
    who: (await personIn(w, w.units.R, null, 'asset_controller')).who,
  });
  return roster.json.entries.find((e: { userId: string }) => e.userId === p.userId).id as string;
}

/** A workbook with one complete first-time paper declaration of a new person in the side's unit. */
async function paperFile(side: 'A' | 'B') {
  const p = await personIn(w, unitOf(side), { declarationDuty: true });
  const [u] = await w.database.db.select().from(users).where(eq(users.id, p.userId));
  return paperWorkbook(w, w.users.declaration_officer, {
    'Bản kê khai': [
      {
        'Số thứ tự bản kê khai': 1,
        'Tài khoản người kê khai': u!.username,
        'Loại kê khai': 'Lần đầu',
        Năm: 2026,
        'Ngày hoàn thành bản kê khai': '01/11/2026',
        'Họ và tên': 'Người kê khai giấy',
        'Ngày sinh': '01/01/1980',
        'Chức vụ, chức danh': 'Chuyên viên',
        'Cơ quan, đơn vị công tác': 'Thanh tra tỉnh',
        'Nơi thường trú': 'Số 1',
        'Số căn cước công dân': '001080000001',
      },
    ],
  });
}

/** A posting of one accepted declaration of the side's unit, by the officer of the tree's root. */
async function publication(side: 'A' | 'B') {
  const id = await declaration(side, 'accepted');
  const officer = await personIn(w, w.units.R, null, 'declaration_officer');
  const made = await call(w.app, 'POST', '/api/declaration-publications', {
    who: officer.who,
    body: { ids: [id], method: 'posting', startedOn: '2026-11-25', place: 'Bảng tin' },
  });
  return made.json.id as string;
}

let year = 2030;
describeMatrix(
  () => w,
  [
    {
      name: 'enter paper declarations from the workbook',
      action: 'declarations.receive',
      rootAdmin: false,
      // A person outside the officer's units is a problem of the file's row; no right at all: not found.
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declarations/paper?dryRun=false',
        multipart: true,
        file: { name: 'giay.xlsx', content: await paperFile(side) },
      }),
    },
    {
      name: "print a publication's copies",
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declaration-publications/${await publication(side)}/copies?format=docx`,
      }),
    },
    {
      name: 'read a submitted declaration',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({ method: 'GET', url: `/api/declarations/${await declaration(side)}` }),
    },
    {
      name: 'read a handed-over declaration',
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declarations/${await declaration(side, 'handed_over')}`,
      }),
    },
    {
      name: 'print a submitted declaration as the official form',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({ method: 'GET', url: `/api/declarations/${await declaration(side)}/docx` }),
    },
    {
      name: 'print a submitted declaration as PDF',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({ method: 'GET', url: `/api/declarations/${await declaration(side)}/pdf` }),
    },
    {
      name: 'download the signed copy of a submitted declaration',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declarations/${await signedDeclaration(side)}/signed`,
      }),
    },
    {
      name: 'accept a declaration',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declarations/${await declaration(side)}/accept`,
      }),
    },
    {
      name: 'return a declaration for correction',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declarations/${await declaration(side)}/return`,
        body: { reason: 'Thiếu thông tin mục II.5' },
      }),
    },
    {
      name: 'hand declarations over',
      action: 'declarations.receive',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declarations/hand-over',
        body: { ids: [await declaration(side, 'accepted')] },
      }),
    },
    {
      name: 'acknowledge a hand-over',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declarations/acknowledge',
        body: { ids: [await declaration(side, 'handed_over')] },
      }),
    },
    {
      name: 'open a yearly round',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: (side) => {
        year += 1;
        return {
          method: 'POST',
          url: '/api/declaration-rounds',
          body: {
            unitId: side === 'A' ? w.units.A : w.units.B,
            year,
            rosterDueOn: `${year}-12-09`,
            declareDueOn: `${year}-12-31`,
            handoverDueOn: `${year + 1}-01-16`,
          },
        };
      },
    },
    {
      name: "read a unit's roster",
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: (side) => ({
        method: 'GET',
        url: `/api/declaration-rounds/${roundId}/roster?unitId=${unitOf(side)}`,
      }),
    },
    {
      name: 'add a person to the roster',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${sideRound[side]}/roster`,
        body: { userId: (await personIn(w, unitOf(side), null)).userId, note: 'Quản lý tài sản công' },
      }),
    },
    {
      name: 'refresh the roster from positions',
      action: 'declarations.receive',
      rootAdmin: false,
      request: (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${roundId}/roster/refresh`,
        body: { unitId: unitOf(side) },
      }),
    },
    {
      name: 'send the roster to the control agency',
      action: 'declarations.receive',
      rootAdmin: false,
      request: (side) => ({
        method: 'POST',
        url: `/api/declaration-rounds/${roundId}/roster/send`,
        body: { unitId: unitOf(side) },
      }),
    },
    {
      name: 'create a verification plan',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: (side) => ({
        method: 'POST',
        url: '/api/verification-plans',
        // The 2027 plan, issued in 2026 (a plan is issued in its year or at the end of the one before).
        body: { unitId: side === 'A' ? w.units.A : w.units.B, year: 2027, issuedOn: '2026-11-20' },
      }),
    },
    {
      name: 'read a verification plan',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/verification-plans/${(await draftPlan(side)).planId}`,
      }),
    },
    {
      name: 'exclude a lottery candidate',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'PATCH',
        url: `/api/verification-candidates/${(await draftPlan(side)).candidateId}`,
        body: { excludedReason: 'abroad', excludedNote: 'Học tập ở nước ngoài 18 tháng' },
      }),
    },
    {
      name: 'commit the lottery inputs',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/verification-plans/${(await draftPlan(side)).planId}/commit`,
      }),
    },
    {
      name: 'read the published lottery record',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/verification-plans/${await committedPlan(side)}/record`,
      }),
    },
    {
      name: 'draw the lottery',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/verification-plans/${await committedPlan(side)}/draw`,
        body: {
          witnesses: [
            { name: 'Trần Văn Ủy', organisation: 'Ủy ban Kiểm tra', value: '12' },
            { name: 'Lê Thị Mặt', organisation: 'Ủy ban MTTQ', value: '7' },
          ],
        },
      }),
    },
    {
      name: 'download the minutes of a draw',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/verification-plans/${await drawnPlan(side)}/minutes`,
      }),
    },
    {
      name: 'open a verification',
      action: 'declarations.control',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/verification-cases',
        body: {
          declarationId: await declaration(side, 'handed_over'),
          ground: 'denunciation',
          groundKnownOn: '2026-11-20',
          groundNote: 'Đơn tố cáo kê khai không trung thực',
        },
      }),
    },
    {
      name: 'read a verification',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/verification-cases/${(await verification(side)).caseId}`,
      }),
    },
    {
      name: 'decide a verification',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => {
        const team = [await personIn(w, w.units.R, null), await personIn(w, w.units.R, null)];
        return {
          method: 'POST',
          url: `/api/verification-cases/${(await verification(side)).caseId}/steps`,
          body: {
            step: 'decide',
            version: 1,
            on: '2026-11-24',
            decisionRef: '15/QĐ-TTr',
            team: team.map((t, i) => ({ userId: t.userId, lead: i === 0 })),
          },
        };
      },
    },
    {
      name: 'ask for information in a verification (its team)',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/verification-cases/${await decidedVerification(side)}/requests`,
        body: {
          kind: 'information',
          addressee: 'Văn phòng đăng ký đất đai',
          subject: 'Hồ sơ đăng ký quyền sử dụng đất',
          sentOn: '2026-11-24',
        },
      }),
    },
    {
      name: 'print the decision of a verification',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/verification-cases/${await decidedVerification(side)}/document?kind=decision`,
      }),
    },
    {
      name: 'record the answer to a request (its team)',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'POST',
        url: `/api/verification-requests/${await openRequest(side)}/answer`,
        body: { answeredOn: '2026-11-24', note: 'Đã cung cấp sao kê.', version: 1 },
      }),
    },
    {
      name: "read a person's history",
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declarants/${(await verification(side)).userId}/history`,
      }),
    },
    {
      name: 'publish declarations at the workplace',
      action: 'declarations.receive',
      rootAdmin: false,
      outOfScopeStatus: 400,
      request: async (side) => ({
        method: 'POST',
        url: '/api/declaration-publications',
        body: {
          ids: [await declaration(side, 'accepted')],
          method: 'posting',
          startedOn: '2026-11-25',
          place: 'Bảng tin trụ sở',
        },
      }),
    },
    {
      name: 'read a publication',
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: async (side) => {
        const officer = await personIn(w, w.units.R, null, 'declaration_officer');
        const made = await call(w.app, 'POST', '/api/declaration-publications', {
          who: officer.who,
          body: {
            ids: [await declaration(side, 'accepted')],
            method: 'posting',
            startedOn: '2026-11-25',
            place: 'Bảng tin',
          },
        });
        return { method: 'GET', url: `/api/declaration-publications/${made.json.id}` };
      },
    },
    {
      name: 'print the minutes of a publication',
      action: 'declarations.receive',
      orActions: ['declarations.control'],
      rootAdmin: false,
      request: async (side) => ({
        method: 'GET',
        url: `/api/declaration-publications/${await publication(side)}/docx`,
      }),
    },
    {
      name: 'withdraw a draft verification plan',
      action: 'declarations.control',
      rootAdmin: false,
      request: async (side) => ({
        method: 'DELETE',
        url: `/api/verification-plans/${(await draftPlan(side)).planId}`,
      }),
    },
    {
      name: 'change a roster line',
      action: 'declarations.receive',
      rootAdmin: false,
      request: async (side) => ({
        method: 'PATCH',
        url: `/api/declaration-roster/${await rosterEntry(side)}`,
        body: { note: 'Đã nhắc trực tiếp' },
      }),
    },
  ],
);

describe('the declarant’s own declaration, and reference data', () => {
  it.each([...roles])(
    'only its declarant saves, submits, signs and prints a draft; nobody else even finds it (%s)',
    async (role) => {
      const who = w.users[role];
      const api = (method: string, url: string, body?: unknown) => call(w.app, method, url, { who, body });
      // Someone else's draft in the role's own unit: in scope for every grant, and still nobody's but theirs.
      const other = await personIn(w, w.units.A1, { declarationDuty: true });
      const theirs = (
        await call(w.app, 'POST', '/api/declarations', {
          who: other.who,
          body: { kind: 'first_time', year: 2026 },
        })
      ).json.id as string;
      const body = { content: filled(), version: 1 };
      expect((await api('GET', `/api/declarations/${theirs}`)).status).toBe(404);
      expect((await api('PUT', `/api/declarations/${theirs}`, body)).status).toBe(404);
      expect((await api('POST', `/api/declarations/${theirs}/submit`, { version: 1 })).status).toBe(404);
      expect((await api('GET', `/api/declarations/${theirs}/pdf`)).status).toBe(404);
      if (!roleAllows(role, 'declarations.declare')) return;
      // One's own, from start to the signed copy. (The role's user declares in 2029 so runs never collide.)
      const { id, sub } = await declareAs(w, who, 'first_time', 2029);
      expect(sub.status, JSON.stringify(sub.json)).toBe(200);
      expect((await api('GET', `/api/declarations/${id}/pdf`)).status).toBe(200);
      const signed = await upload(
        w.app,
        `/api/declarations/${id}/signed`,
        who,
        {},
        {
          name: 'ky.pdf',
          content: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
        },
      );
      expect(signed.statusCode, signed.body).toBe(200);
      expect((await api('GET', `/api/declarations/${id}/signed`)).status).toBe(200);
      // Whoever receives it in scope reads the signed copy but never signs in the declarant's place.
      if (roleAllows(role, 'declarations.receive')) return;
      const officer = await personIn(w, w.units.R, null, 'declaration_officer');
      const asOfficer = await upload(
        w.app,
        `/api/declarations/${id}/signed`,
        officer.who,
        {},
        {
          name: 'ky.pdf',
          content: Buffer.from('%PDF-1.4\n%%EOF\n'),
        },
      );
      expect(asOfficer.statusCode).toBe(403);
    },
  );

  it.each([...roles])(
    'the legal parameters are read by everyone signed in and versioned only at the top of the tree (%s)',
    async (role) => {
      const who = w.users[role];
      const read = await call(w.app, 'GET', '/api/declarations/parameters?on=2026-07-01', { who });
      expect(read.status).toBe(200);
      expect(read.json.map((p: { code: string }) => p.code)).toContain('change_threshold');
      const made = await call(w.app, 'POST', '/api/declarations/parameters', {
        who,
        body: {
          code: 'listed_item_min_value',
          amountVnd: 200_000_000,
          legalSource: 'Nghị định thử',
          evidence: 'secondary',
          effectiveFrom: '2031-01-01',
        },
      });
      // A grant on a unit below the root never changes the province's law, whatever its actions.
      expect(made.status).toBe(403);
      const template = await call(w.app, 'GET', '/api/declarations/paper-template', { who });
      expect(template.status).toBe(roleAllows(role, 'declarations.receive') ? 200 : 404);
    },
  );
});

describe('lists that filter by scope', () => {
  it.each([...roles])('rounds and publications: those of its side only, or not found (%s)', async (role) => {
    const who = w.users[role];
    const [pubA, pubB] = [await publication('A'), await publication('B')];
    const rounds = await call(w.app, 'GET', '/api/declaration-rounds', { who });
    const pubs = await call(w.app, 'GET', '/api/declaration-publications', { who });
    if (!roleAllows(role, 'declarations.receive') && !roleAllows(role, 'declarations.control')) {
      expect(rounds.status).toBe(404);
      expect(pubs.status).toBe(404);
      return;
    }
    const roundIds = rounds.json.map((r: { id: string }) => r.id);
    expect(roundIds).toContain(sideRound.A);
    expect(roundIds).not.toContain(sideRound.B);
    const pubIds = pubs.json.map((p: { id: string }) => p.id);
    expect(pubIds).toContain(pubA);
    expect(pubIds).not.toContain(pubB);
  });

  it.each([...roles])(
    'a risk rule is tuned at the top of the tree only: refused below it (%s)',
    async (role) => {
      const rules = (await call(w.app, 'GET', '/api/risk-rules', { who: w.users.asset_controller })).json;
      const r = rules[0];
      const res = await call(w.app, 'PUT', `/api/risk-rules/${r.code}`, {
        who: w.users[role],
        body: { weight: r.weight, threshold: r.threshold, active: true, version: r.version },
      });
      expect(res.status).toBe(roleAllows(role, 'declarations.control') ? 403 : 404);
    },
  );

  it.each([...roles])('the register shows only what the role may read in scope, as %s', async (role) => {
    const a = await declaration('A');
    const b = await declaration('B');
    const res = await call(w.app, 'GET', '/api/declarations', { who: w.users[role] });
    if (!roleAllows(role, 'declarations.receive') && !roleAllows(role, 'declarations.control'))
      return expect(res.status).toBe(404);
    const ids = res.json.map((d: { id: string }) => d.id);
    expect(ids).not.toContain(b);
    if (roleAllows(role, 'declarations.receive')) expect(ids).toContain(a);
    else expect(ids).not.toContain(a); // the control agency sees handed-over ones only
  });

  it.each([...roles])(
    'own declarations: every role that declares, never an enterprise representative (%s)',
    async (role) => {
      const res = await call(w.app, 'GET', '/api/declarations/mine', { who: w.users[role] });
      expect(res.status).toBe(roleAllows(role, 'declarations.declare') ? 200 : 404);
      const start = await call(w.app, 'POST', '/api/declarations', {
        who: w.users[role],
        body: { kind: 'first_time', year: 2026 },
      });
      if (roleAllows(role, 'declarations.declare')) expect(start.status).toBe(201);
      else expect(start.status).toBe(404);
    },
  );
});

describe('the control agency’s lists and rules', () => {
  it.each([...roles])(
    'plans, verifications and the risk list are the control agency’s alone, in scope (%s)',
    async (role) => {
      const a = await committedPlan('A');
      const b = await committedPlan('B');
      const va = await verification('A');
      const vb = await verification('B');
      const who = w.users[role];
      const plans = await call(w.app, 'GET', '/api/verification-plans', { who });
      const cases = await call(w.app, 'GET', '/api/verification-cases', { who });
      const [named] = await w.database.db.select().from(users).where(eq(users.id, va.userId));
      const risks = await call(
        w.app,
        'GET',
        `/api/declaration-risks?year=2026&pageSize=200&q=${encodeURIComponent(named!.fullName)}`,
        { who },
      );
      const [otherName] = await w.database.db.select().from(users).where(eq(users.id, vb.userId));
      const risksB = await call(
        w.app,
        'GET',
        `/api/declaration-risks?year=2026&pageSize=200&q=${encodeURIComponent(otherName!.fullName)}`,
        { who },
      );
      const rules = await call(w.app, 'GET', '/api/risk-rules', { who });
      const rank = await call(w.app, 'POST', '/api/declaration-risks/rank', { who, body: { year: 2026 } });
      if (!roleAllows(role, 'declarations.control')) {
        for (const r of [plans, cases, risks, rules, rank]) expect(r.status).toBe(404);
        return;
      }
      const planIds = plans.json.map((p: { id: string }) => p.id);
      expect(planIds).toContain(a);
      expect(planIds).not.toContain(b);
      const caseIds = cases.json.map((c: { id: string }) => c.id);
      expect(caseIds).toContain(va.caseId);
      expect(caseIds).not.toContain(vb.caseId);
      const people = risks.json.items.map((r: { userId: string }) => r.userId);
      expect(people).toContain(va.userId);
      expect(risksB.json.items.map((r: { userId: string }) => r.userId)).not.toContain(vb.userId);
      expect(rules.status).toBe(200);
      expect(rank.status).toBe(200);
    },
  );

  it('only the control agency at the top of the tree tunes a rule (one set of weights for the province)', async () => {
    const rules = (await call(w.app, 'GET', '/api/risk-rules', { who: w.users.asset_controller })).json;
    const r = rules[0];
    const body = { weight: r.weight + 1, threshold: r.threshold, active: true, version: r.version };
    expect(
      (await call(w.app, 'PUT', `/api/risk-rules/${r.code}`, { who: w.users.asset_controller, body })).status,
    ).toBe(403);
    expect(
      (await call(w.app, 'PUT', `/api/risk-rules/${r.code}`, { who: w.users.root_admin, body })).status,
    ).toBe(404);
    const top = await personIn(w, w.units.R, null, 'asset_controller');
    const changed = await call(w.app, 'PUT', `/api/risk-rules/${r.code}`, { who: top.who, body });
    expect(changed.status).toBe(200);
    expect(changed.json.weight).toBe(r.weight + 1);
    expect((await call(w.app, 'PUT', `/api/risk-rules/${r.code}`, { who: top.who, body })).status).toBe(409);
    expect((await call(w.app, 'PUT', '/api/risk-rules/no_such_rule', { who: top.who, body })).status).toBe(
      404,
    );
  });
});
