import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '#server/context.ts';
import { type Role, roles } from '#shared/permissions.ts';
import { describeMatrix, type MatrixCase } from '#test/matrix.ts';
import { addUser, call, createWorld, keyedSessionFor, type Who, type World } from '#test/world.ts';
import { submitReport } from './service.ts';

/**
 * Role × action matrix of the reports API. Only intake officers (and, for identity decisions, custodians)
 * in scope get through; every other role — administrators included — gets 404, inside and outside.
 */
let w: World;
const keyed: Partial<Record<Role, Who>> = {};
let publicCtx: Ctx;
const officerOf: Record<'A' | 'B', Who> = {} as never;
const custodianOf: Record<'A' | 'B', Who> = {} as never;

beforeAll(async () => {
  w = await createWorld();
  for (const role of ['intake_officer', 'custodian'] as const)
    keyed[role] = await keyedSessionFor(w.database, w.users[role].userId, w.clock.now());
  officerOf.A = keyed.intake_officer!;
  custodianOf.A = keyed.custodian!;
  officerOf.B = await keyedSessionFor(
    w.database,
    await addUser(w, 'ti.b', 'intake_officer', w.units.B),
    w.clock.now(),
  );
  // B handles cases too: an inspectorate (someone inspects there), as A is.
  await addUser(w, 'tt.b', 'inspector', w.units.B);
  custodianOf.B = await keyedSessionFor(
    w.database,
    await addUser(w, 'gk.b', 'custodian', w.units.B),
    w.clock.now(),
  );
  publicCtx = { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } };
});
afterAll(() => w.close());

const unitOf = (s: 'A' | 'B') => (s === 'A' ? w.units.A : w.units.B);

async function fresh(side: 'A' | 'B', opts: { triaged?: boolean; named?: boolean } = {}) {
  const r = await submitReport(publicCtx, {
    receivedUnitId: unitOf(side),
    categoryCode: 'other',
    channel: 'web',
    content: {
      title: 'Ma trận',
      description: 'Nội dung thử',
      officials: null,
      when: null,
      where: null,
      amountVnd: null,
    },
    identity:
      opts.named === false
        ? null
        : { fullName: 'Người Thử', idNumber: null, phone: null, email: null, address: null },
    consent: opts.named !== false,
    files: [{ name: 'a.txt', content: Buffer.from('tệp thử') }],
  });
  if (opts.triaged)
    await call(w.app, 'POST', `/api/reports/${r.id}/triage`, {
      who: officerOf[side],
      body: { kind: 'denunciation' },
    });
  return r;
}
const detail = async (side: 'A' | 'B', id: string) =>
  (await call(w.app, 'GET', `/api/reports/${id}`, { who: officerOf[side] })).json;

/** A report whose identity was asked for and given: it shows in requests and in the access log. */
async function identityGiven(side: 'A' | 'B') {
  const r = await fresh(side);
  await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
    who: officerOf[side],
    body: { reason: 'Cần làm việc trực tiếp với người tố cáo để xác minh.' },
  });
  const id = (await detail(side, r.id)).identityRequests[0].id;
  await call(w.app, 'POST', `/api/identity-requests/${id}/decide`, {
    who: custodianOf[side],
    body: { decision: 'approve' },
  });
  await call(w.app, 'GET', `/api/reports/${r.id}/identity`, { who: officerOf[side] });
  return r.id;
}

const cases: MatrixCase[] = [
  {
    name: 'list',
    action: 'reports.handle',
    request: async (s) => ({ method: 'GET', url: `/api/reports?unitId=${unitOf(s)}` }),
  },
  {
    name: 'enter a walk-in report',
    action: 'reports.handle',
    outOfScopeStatus: 400,
    request: async (s) => ({
      method: 'POST',
      url: '/api/reports',
      body: {
        receivedUnitId: unitOf(s),
        categoryCode: 'bribery',
        channel: 'walk_in',
        content: { title: 'Trực tiếp', description: 'Công dân đến trình bày' },
      },
    }),
  },
  {
    name: 'read',
    action: 'reports.handle',
    request: async (s) => ({ method: 'GET', url: `/api/reports/${(await fresh(s)).id}` }),
  },
  {
    name: 'triage',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/triage`,
      body: { kind: 'denunciation' },
    }),
  },
  {
    name: 'assign',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/assign`,
      body: { handlerId: officerOf[s].userId },
    }),
  },
  {
    name: 'forward',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/forward`,
      body: { unitId: unitOf(s === 'A' ? 'B' : 'A') },
    }),
  },
  {
    name: 'merge',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/merge`,
      body: { intoId: (await fresh(s)).id },
    }),
  },
  {
    name: 'message',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/messages`,
      body: { kind: 'question', body: 'Câu hỏi' },
    }),
  },
  {
    name: 'add files',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/files`,
      multipart: true,
    }),
  },
  {
    name: 'download a file',
    action: 'reports.handle',
    request: async (s) => {
      const r = await fresh(s);
      const file = (await detail(s, r.id)).files[0];
      return { method: 'GET', url: `/api/reports/${r.id}/files/${file.id}` };
    },
  },
  {
    name: 'add a task',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/tasks`,
      body: { title: 'Xác minh' },
    }),
  },
  {
    name: 'complete a task',
    action: 'reports.handle',
    request: async (s) => {
      const r = await fresh(s);
      const t = await call(w.app, 'POST', `/api/reports/${r.id}/tasks`, {
        who: officerOf[s],
        body: { title: 'Việc' },
      });
      return { method: 'PATCH', url: `/api/report-tasks/${t.json.tasks[0].id}`, body: { done: true } };
    },
  },
  {
    name: 'extend a clock',
    action: 'reports.handle',
    request: async (s) => {
      const r = await fresh(s, { triaged: true });
      const clock = (await detail(s, r.id)).clocks.find(
        (c: { code: string }) => c.code === 'denunciation.resolution',
      );
      return {
        method: 'POST',
        url: `/api/reports/${r.id}/clocks/${clock.id}/extend`,
        body: { code: 'complex' },
      };
    },
  },
  {
    name: 'mark a step done',
    action: 'reports.handle',
    request: async (s) => {
      const r = await fresh(s, { triaged: true });
      const clock = (await detail(s, r.id)).clocks.find(
        (c: { code: string }) => c.code === 'denunciation.notify_acceptance',
      );
      return { method: 'POST', url: `/api/reports/${r.id}/clocks/${clock.id}/done` };
    },
  },
  {
    name: 'record a step with its document',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'PUT',
      url: `/api/reports/${(await fresh(s, { triaged: true })).id}/steps/verification`,
      body: { documentNo: '15/QĐ-TTr' },
    }),
  },
  {
    name: 'close',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s, { triaged: true })).id}/close`,
      body: { outcome: 'not_substantiated', measures: 'Không có căn cứ', publicSummary: 'Không đúng' },
    }),
  },
  {
    // The case learns the report's number only; it is opened at the inspectorate handling the report.
    name: 'open a case from a denunciation',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s, { triaged: true })).id}/case`,
      body: { unitId: unitOf(s), title: 'Vụ việc từ tin báo', kind: 'corruption' },
    }),
  },
  {
    name: 'read the case a report joined',
    action: 'reports.handle',
    request: async (s) => ({ method: 'GET', url: `/api/reports/${(await fresh(s)).id}/case` }),
  },
  {
    name: 'request identity',
    action: 'reports.handle',
    request: async (s) => ({
      method: 'POST',
      url: `/api/reports/${(await fresh(s)).id}/identity-requests`,
      body: { reason: 'Cần làm việc trực tiếp với người tố cáo để xác minh.' },
    }),
  },
  {
    name: 'list identity requests',
    action: 'reports.identity',
    request: async () => ({ method: 'GET', url: '/api/identity-requests?pageSize=100' }),
    listed: identityGiven,
  },
  {
    name: 'identity access log',
    action: 'reports.identity',
    request: async () => ({ method: 'GET', url: '/api/identity-access?pageSize=100' }),
    listed: identityGiven,
  },
  {
    name: 'decide on identity',
    action: 'reports.identity',
    request: async (s) => {
      const r = await fresh(s);
      await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
        who: officerOf[s],
        body: { reason: 'Cần làm việc trực tiếp với người tố cáo để xác minh.' },
      });
      const id = (await detail(s, r.id)).identityRequests[0].id;
      return { method: 'POST', url: `/api/identity-requests/${id}/decide`, body: { decision: 'approve' } };
    },
  },
];

const whoFor = (role: Role | 'root_admin'): Who => (role !== 'root_admin' && keyed[role]) || w.users[role];

describeMatrix(() => w, cases, { who: whoFor, rootAdminAsRole: true });

describe('keys', () => {
  it('every signed-in user sees their key status; only key roles may replace keys', async () => {
    for (const role of roles) {
      const res = await call(w.app, 'GET', '/api/keys/me', { who: whoFor(role) });
      expect(res.status).toBe(200);
      expect(res.json.needed).toBe(role === 'intake_officer' || role === 'custodian');
      expect(res.json.unlocked).toBe(role === 'intake_officer' || role === 'custodian');
    }
    const adminReplace = await call(w.app, 'POST', '/api/keys/me/replace', {
      who: w.users.admin,
      body: { password: 'correct horse battery' },
    });
    expect(adminReplace.status).toBe(403);
    expect((await call(w.app, 'POST', '/api/reports/share-keys', { who: w.users.root_admin })).status).toBe(
      404,
    );
  });

  it('a custodian of B does not see A’s identity requests', async () => {
    const r = await fresh('A');
    await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
      who: officerOf.A,
      body: { reason: 'Cần làm việc trực tiếp với người tố cáo để xác minh.' },
    });
    const atB = await call(w.app, 'GET', '/api/identity-requests', { who: custodianOf.B });
    expect(atB.json.items.map((x: { reportId: string }) => x.reportId)).not.toContain(r.id);
    const atA = await call(w.app, 'GET', '/api/identity-requests', { who: custodianOf.A });
    expect(atA.json.items.map((x: { reportId: string }) => x.reportId)).toContain(r.id);
  });
});
