import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '#server/modules/reports/service.ts';
import { call, createWorld, keyedSessionFor, upload, type Who, type World } from './world.ts';

/** Any body on any route of the foundation gives 2xx or 4xx, never 5xx. */
let w: World;
let planId: string;
let officer: Who;
let reportId: string;
/** Real records of the other modules, so fuzzed requests reach past their lookups too. */
const real: Record<string, string> = {};
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
  real['plan-items'] = (
    await call(w.app, 'POST', `/api/plans/${planId}/items`, {
      who: w.users.root_admin,
      body: { groupCode: 'prevention', content: 'Nhiệm vụ thử' },
    })
  ).json.id;
  const frameworks = await call(w.app, 'GET', '/api/frameworks', { who: w.users.coordinator });
  const unitVersion = frameworks.json.find((f: { code: string }) => f.code === 'pctn-unit').versionId;
  real['framework-versions'] = unitVersion;
  const campaign = await call(w.app, 'POST', '/api/campaigns', {
    who: w.users.coordinator,
    body: { versionId: unitVersion, unitId: w.units.A, title: 'Đợt thử', year: 2026, unitIds: [w.units.A1] },
  });
  real.campaigns = campaign.json.id;
  await call(w.app, 'POST', `/api/campaigns/${real.campaigns}/open`, { who: w.users.coordinator });
  real.assessments = (
    await call(w.app, 'GET', `/api/campaigns/${real.campaigns}/ranking`, { who: w.users.coordinator })
  ).json[0].assessmentId;
  // The root administrator's own declaration (drafts are reached by their declarant) and a round.
  real.declarations = (
    await call(w.app, 'POST', '/api/declarations', {
      who: w.users.root_admin,
      body: { kind: 'first_time', year: 2026 },
    })
  ).json.id;
  real['declaration-rounds'] = (
    await call(w.app, 'POST', '/api/declaration-rounds', {
      who: w.users.asset_controller,
      body: {
        unitId: w.units.A,
        year: 2026,
        rosterDueOn: '2026-12-09',
        declareDueOn: '2026-12-31',
        handoverDueOn: '2027-01-16',
      },
    })
  ).json.id;
});
afterAll(() => w.close());

const NIL = '00000000-0000-4000-8000-000000000000';
/** Real records where the world has them, so fuzzed bodies reach past the lookup. */
const idFor = (path: string, param: string) => {
  if (param === 'date') return '2026-01-01';
  const owner = path.split('/')[2];
  if (param === 'id' && owner === 'units') return w.units.A1;
  if (param === 'id' && owner === 'users') return w.users.focal_officer.userId;
  if (param === 'id' && owner === 'plans') return planId;
  if (param === 'id' && owner === 'reports') return reportId;
  if (param === 'id' && owner && real[owner]) return real[owner];
  return NIL;
};
/**
 * Report handling is tried as an intake officer holding keys, declaration rosters as a unit's officer;
 * everything else as the root administrator (who also has a declaration of their own).
 */
const actorFor = (path: string) =>
  /^\/api\/(reports|report-tasks|identity-requests|keys)\b/.test(path)
    ? officer
    : /^\/api\/declaration-(rounds|roster)\b/.test(path)
      ? w.users.declaration_officer
      : w.users.root_admin;

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

/**
 * Values the schema allows, at its edges (empty and longest strings, bounds, real and unknown ids,
 * impossible-but-well-formed dates): bodies that pass validation and reach the service.
 */
function fromSchema(sc: Schema, depth = 0): fc.Arbitrary<unknown> {
  const alt = sc.anyOf ?? sc.oneOf;
  let arb: fc.Arbitrary<unknown>;
  if (alt) arb = fc.oneof(...alt.map((x) => fromSchema(x, depth + 1)));
  else if (sc.enum) arb = fc.constantFrom(...sc.enum);
  else if (sc.type === 'object' && depth < 3)
    arb = fc.record(
      Object.fromEntries(Object.entries(sc.properties ?? {}).map(([k, v]) => [k, fromSchema(v, depth + 1)])),
      { requiredKeys: sc.required ?? [] },
    );
  else if (sc.type === 'array' && depth < 3)
    arb = fc.array(fromSchema(sc.items ?? {}, depth + 1), { maxLength: Math.min(sc.maxItems ?? 3, 3) });
  else if (sc.type === 'integer' || sc.type === 'number')
    arb = fc.oneof(
      fc.constantFrom(sc.minimum ?? 0, sc.maximum ?? 1_000_000_000),
      fc.integer({ min: sc.minimum ?? -1000, max: sc.maximum ?? 1_000_000_000 }),
    );
  else if (sc.type === 'boolean') arb = fc.boolean();
  else if (sc.format === 'uuid')
    arb = fc.constantFrom(
      NIL,
      w.units.A,
      w.units.A1,
      w.units.B,
      w.users.focal_officer.userId,
      w.users.root_admin.userId,
      planId,
      reportId,
      ...Object.values(real),
    );
  else if (sc.format === 'date')
    arb = fc.constantFrom('2026-01-01', '2024-02-29', '1900-01-01', '2099-12-31');
  else if (sc.type === 'string')
    arb = fc.oneof(
      fc.string({ minLength: 1, maxLength: Math.min(sc.maxLength ?? 40, 40) }),
      fc.constantFrom('A', 'x'.repeat(Math.min(sc.maxLength ?? 200, 5000)), '<img src=x onerror=alert(1)>'),
    );
  else arb = value;
  return sc.nullable ? fc.oneof(fc.constant(null), arb) : arb;
}

interface BodyRoute {
  method: string;
  url: string;
  /** The body's field names from the route's schema: fuzzed bodies use them, so they get past "unknown". */
  fields: string[];
  schema: Schema;
}
/** Every route of the OpenAPI document that takes a JSON body: a new module is fuzzed without a list. */
const bodyRoutes = (): BodyRoute[] => {
  type Op = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
  const doc = w.app.swagger() as { paths: Record<string, Record<string, Op>> };
  const out: BodyRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const json = op.requestBody?.content?.['application/json'];
      if (!json) continue; // no body, or multipart (fuzzed below)
      out.push({
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, (_, p: string) => idFor(path, p)),
        fields: Object.keys(json.schema?.properties ?? {}),
        schema: json.schema ?? {},
      });
    }
  return out;
};

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

interface QueryRoute {
  url: string;
  params: Array<{ name: string; schema: Schema }>;
}
type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, unknown> };
};
const operations = () => {
  const doc = w.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      op,
      url: path.replace(/\{(\w+)\}/g, (_, p: string) => idFor(path, p)),
    })),
  );
};
/** Every GET route of the OpenAPI document with its query parameters (none: it is still called). */
const queryRoutes = (): QueryRoute[] =>
  operations()
    .filter((o) => o.method === 'GET')
    .map((o) => ({
      url: o.url,
      params: (o.op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
    }));

describe('fuzzed query strings', () => {
  it('never produce a server error, on any GET route of any module', async () => {
    const list = queryRoutes();
    for (const p of ['/api/campaigns', '/api/assessments', '/api/enterprises', '/api/files', '/api/audit'])
      expect(
        list.some((r) => r.url.startsWith(p)),
        p,
      ).toBe(true);
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      // Past PostgreSQL's integer range too: a year of 2147483648 once reached the database (500).
      fc.constantFrom(
        '-1',
        '0',
        '2147483648',
        '-2147483649',
        '1e309',
        'NaN',
        '2026-02-30',
        '%',
        "'",
        'a'.repeat(3000),
        NIL,
        w.units.A,
      ),
    );
    const request = fc
      .constantFrom(...list)
      .chain((route) =>
        fc.tuple(
          fc.constant(route),
          fc.dictionary(
            fc.constantFrom(...route.params.map((p) => p.name), 'sort', 'page', 'pageSize', 'q', 'unitId'),
            fc.oneof(
              scalar,
              ...route.params.map((p) =>
                fromSchema(p.schema).map((v) => (typeof v === 'object' ? '' : String(v))),
              ),
            ),
            { maxKeys: 5 },
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(request, async ([route, query]) => {
        const url = `${route.url}?${new URLSearchParams(query as Record<string, string>).toString()}`;
        const res = await call(w.app, 'GET', url, { who: actorFor(url) });
        expect(res.status, `GET ${url} → ${JSON.stringify(res.json)?.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
  });
});

describe('query parameters at their edges', () => {
  it('every number a GET route takes, past PostgreSQL integer range or not a number, never gives a 5xx', async () => {
    let tried = 0;
    for (const route of queryRoutes())
      for (const p of route.params.filter((x) => x.schema.type === 'integer' || x.schema.type === 'number'))
        for (const v of ['2147483648', '-2147483649', '1e400', '0.5', '']) {
          const url = `${route.url}?${p.name}=${encodeURIComponent(v)}`;
          const res = await call(w.app, 'GET', url, { who: actorFor(url) });
          expect(res.status, `GET ${url}`).toBeLessThan(500);
          tried++;
        }
    expect(tried).toBeGreaterThan(50);
  });
});

describe('fuzzed bodies', () => {
  it('never produce a server error, on any route with a JSON body', async () => {
    const list = bodyRoutes();
    // The document lists them all, the newest modules' too.
    for (const p of ['/api/plans', '/api/campaigns', '/api/enterprises/', '/api/reports/', '/api/units'])
      expect(
        list.some((r) => r.url.startsWith(p)),
        p,
      ).toBe(true);
    const request = fc
      .constantFrom(...list)
      .chain((route) =>
        fc.tuple(
          fc.constant(route),
          fc.oneof(
            value,
            fc.dictionary(fc.constantFrom(...route.fields, ...fieldNames), value, { maxKeys: 8 }),
            fromSchema(route.schema),
            fromSchema(route.schema),
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(request, async ([{ method, url }, b]) => {
        const res = await call(w.app, method, url, { who: actorFor(url), body: b });
        expect(
          res.status,
          `${method} ${url} ${JSON.stringify(b)} → ${JSON.stringify(res.json)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 800) },
    );
  });

  it('a body nested thousands deep is refused (400), signed in or not, never overflowing the stack', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const [url, who] of [
      ['/api/auth/login', undefined],
      ['/api/plans', w.users.coordinator],
    ] as const) {
      const res = await w.app.inject({
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/json',
          ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
        },
        payload: deep,
      });
      expect(res.statusCode, url).toBe(400);
    }
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
    // Every route of the document that takes multipart/form-data.
    const uploads = operations()
      .filter((o) => o.method === 'POST' && o.op.requestBody?.content?.['multipart/form-data'])
      .map((o) => o.url);
    expect(uploads).toContain('/api/files');
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
