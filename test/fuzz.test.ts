import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '#server/modules/reports/service.ts';
import { call, createWorld, keyedSessionFor, upload, type Who, type World } from './world.ts';

/** Any body on any route of the foundation gives 2xx or 4xx, never 5xx. */
let w: World;
let planId: string;
let officer: Who;
let reportId: string;
beforeAll(async () => {
  w = await createWorld();
  officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
  reportId = (
    await submitReport(
      { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } },
      {
        receivedUnitId: w.units.A,
        categoryCode: 'other',
        channel: 'web',
        content: {
          title: 'Thử',
          description: 'Thử',
          officials: null,
          when: null,
          where: null,
          amountVnd: null,
        },
        identity: null,
        consent: false,
        files: [],
      },
    )
  ).id;
  planId = (
    await call(w.app, 'POST', '/api/plans', {
      who: w.users.root_admin,
      body: { unitId: w.units.A, year: 2026, title: 'Kế hoạch thử' },
    })
  ).json.id;
});
afterAll(() => w.close());

const routes = (): Array<[string, string]> => [
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/totp'],
  ['POST', '/api/auth/password'],
  ['POST', '/api/auth/password-reset/request'],
  ['POST', '/api/auth/password-reset/confirm'],
  ['POST', '/api/units'],
  ['PATCH', `/api/units/${w.units.A1}`],
  ['POST', `/api/units/${w.units.A1}/move`],
  ['POST', `/api/units/${w.units.A1}/split`],
  ['POST', `/api/units/${w.units.A1}/archive`],
  ['POST', '/api/units/merge'],
  ['POST', `/api/units/${w.units.A}/positions`],
  ['POST', '/api/users'],
  ['PATCH', `/api/users/${w.users.focal_officer.userId}`],
  ['POST', `/api/users/${w.users.focal_officer.userId}/status`],
  ['POST', `/api/users/${w.users.focal_officer.userId}/grants`],
  ['POST', '/api/clocks/rules'],
  ['PUT', '/api/clocks/calendars/00000000-0000-4000-8000-000000000000/days'],
  ['POST', '/api/plans'],
  ['POST', `/api/plans/${planId}/items`],
  ['PATCH', `/api/plans/${planId}`],
  ['POST', `/api/plans/${planId}/copy`],
  ['POST', '/api/progress/00000000-0000-4000-8000-000000000000/review'],
];

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.constantFrom(
      '2026-02-30',
      '1900-01-01',
      "'; drop table units; --",
      '<img src=x onerror=alert(1)>',
      '\u0000',
      'A',
      w?.units.A ?? '',
    ),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const fieldNames = [
  'code',
  'name',
  'type',
  'parentId',
  'version',
  'username',
  'password',
  'fullName',
  'unitId',
  'role',
  'email',
  'status',
  'date',
  'kind',
  'source',
  'length',
  'unit',
  'successorIds',
  'predecessorIds',
  'successorId',
  'effectiveDate',
  'newPassword',
  'currentPassword',
  'token',
  'extensions',
  'receivedUnitId',
  'concernedUnitId',
  'categoryCode',
  'channel',
  'content',
  'identity',
  'consent',
  'handlerId',
  'message',
  'body',
  'intoId',
  'title',
  'dueOn',
  'outcome',
  'measures',
  'publicSummary',
  'reason',
  'decision',
  'note',
  'recoveryKey',
];
const body = fc.oneof(value, fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 8 }));

describe('fuzzed bodies', () => {
  it('never produce a server error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes()), body, async ([method, url], b) => {
        const res = await call(w.app, method, url, { who: w.users.root_admin, body: b });
        expect(
          res.status,
          `${method} ${url} ${JSON.stringify(b)} → ${JSON.stringify(res.json)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('never produce a server error on the reports API, as an intake officer with keys', async () => {
    const reportRoutes: Array<[string, string]> = [
      ['POST', '/api/reports'],
      ['POST', `/api/reports/${reportId}/triage`],
      ['POST', `/api/reports/${reportId}/assign`],
      ['POST', `/api/reports/${reportId}/forward`],
      ['POST', `/api/reports/${reportId}/merge`],
      ['POST', `/api/reports/${reportId}/messages`],
      ['POST', `/api/reports/${reportId}/tasks`],
      ['POST', `/api/reports/${reportId}/close`],
      ['POST', `/api/reports/${reportId}/identity-requests`],
      ['POST', '/api/keys/me/recover'],
      ['POST', '/api/identity-requests/00000000-0000-4000-8000-000000000000/decide'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reportRoutes), body, async ([method, url], b) => {
        const res = await call(w.app, method, url, { who: officer, body: b });
        expect(
          res.status,
          `${method} ${url} ${JSON.stringify(b)} → ${JSON.stringify(res.json)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 250 },
    );
  });

  it('never produce a server error on the portal forms', async () => {
    const names = [
      'to',
      'concerned',
      'token',
      'categoryCode',
      'title',
      'description',
      'amountVnd',
      'fullName',
      'email',
      'idNumber',
      'consent',
      'receipt',
      'website',
      'lang',
      'csrf',
      'body',
      'taxCode',
      'communeUnitId',
      'repEmail',
      'repName',
      'size',
      'code',
      'id',
    ];
    const fields = fc.dictionary(
      fc.constantFrom(...names),
      fc.oneof(fc.string(), fc.constantFrom(w.units.A, 'yes', '1.000.000', 'A'.repeat(43))),
      { maxKeys: 12 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/report',
          '/follow-up',
          '/follow-up/reply',
          '/enterprise/register',
          '/enterprise/verify',
        ),
        fields,
        async (url, f) => {
          const b = '----fz';
          const payload =
            Object.entries(f)
              .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
              .join('') + `--${b}--\r\n`;
          const res = await w.app.inject({
            method: 'POST',
            url,
            payload,
            headers: { 'content-type': `multipart/form-data; boundary=${b}` },
          });
          expect(res.statusCode, `${url} ${JSON.stringify(f)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('malformed multipart bodies answer 4xx on every form and upload, never 5xx', async () => {
    const forms = [
      '/report',
      '/follow-up',
      '/follow-up/reply',
      '/follow-up/sign-out',
      '/enterprise/register',
      '/enterprise/verify',
    ];
    const uploads = ['/api/files', '/api/imports/units/preview', `/api/reports/${reportId}/files`];
    const b = 'zz';
    const part = (name: string, extra = '') =>
      `--${b}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\nx\r\n`;
    const bodies = fc.oneof(
      fc.constantFrom(
        { type: `multipart/form-data; boundary=${b}`, payload: `${part('title')}` }, // never closed
        {
          type: `multipart/form-data; boundary=${b}`,
          payload: `--${b}\r\nContent-Disposition: form-data\r\n\r\nx`,
        },
        {
          type: `multipart/form-data; boundary=${b}`,
          payload: `${part('file', '; filename="a.pdf"')}--${b}`,
        },
        { type: `multipart/form-data; boundary=${b}`, payload: `--${b}\r\n\r\n\r\n--${b}--\r\n` },
        {
          type: `multipart/form-data; boundary=${b}`,
          payload: `--${b}\r\nContent-Disposition: form-data; name="${'n'.repeat(70_000)}"\r\n\r\nx\r\n--${b}--\r\n`,
        },
        { type: 'multipart/form-data', payload: `${part('title')}--${b}--\r\n` }, // no boundary
        { type: 'multipart/form-data; boundary=', payload: 'x' },
        { type: `multipart/form-data; boundary=${b}`, payload: '' },
        { type: `multipart/mixed; boundary=${b}`, payload: `${part('title')}--${b}--\r\n` },
        { type: 'text/plain', payload: 'title=x' },
        { type: 'application/json', payload: '{"title":' },
      ),
      fc.record({
        type: fc.constant(`multipart/form-data; boundary=${b}`),
        payload: fc.string({ maxLength: 300 }).map((x) => `--${b}\r\n${x}`),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms, ...uploads), bodies, async (url, body) => {
        const res = await w.app.inject({
          method: 'POST',
          url,
          payload: body.payload,
          headers: {
            'content-type': body.type,
            ...(url.startsWith('/api/') ? { cookie: officer.cookie, 'x-csrf-token': officer.csrf } : {}),
          },
        });
        expect(
          res.statusCode,
          `${url} ${body.type} ${body.payload.slice(0, 80)} → ${res.body.slice(0, 200)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('never produce a server error on imports, whatever the sheet and mapping', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('A', 'B', 'R', 'sub_unit', 'Sở, ban, ngành', '31/02/2025', '2025-07-01', '"', ';', ''),
    );
    const sheet = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    const mapping = fc.oneof(
      fc.dictionary(
        fc.constantFrom('code', 'name', 'type', 'parentCode', 'username', 'fullName', 'unitCode', 'role'),
        fc.string({ maxLength: 8 }),
      ),
      fc.string({ maxLength: 20 }).map((s) => ({ raw: s })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('units', 'users'),
        fc.constantFrom('preview', 'dry-run', 'commit'),
        sheet,
        mapping,
        async (entity, step, rows, m) => {
          const content = Buffer.from(rows.map((r) => r.join(',')).join('\n'));
          const fields = 'raw' in m ? { mapping: String(m.raw) } : { mapping: JSON.stringify(m) };
          const res = await upload(w.app, `/api/imports/${entity}/${step}`, w.users.root_admin, fields, {
            name: 'f.csv',
            content,
          });
          expect(res.statusCode, `${entity} ${step} ${res.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
