import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { createPosition } from '#server/modules/org/service.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import type { Role } from '#shared/permissions.ts';
import { call, sessionFor, type Who, type World } from './world.ts';

/** Declarations in tests: people on positions, and a declaration filled and submitted as they would. */
export interface Position {
  isLeadership?: boolean;
  leadershipLevel?: string | null;
  declarationDuty?: boolean;
}

let n = 0;
/** A person working in a unit on a position, with a signed-in session (and a role if given). */
export async function personIn(
  w: World,
  unitId: string,
  position: Position | null,
  role: Role = 'declarant',
) {
  n += 1;
  const p = position
    ? await createPosition(w.ctx, unitId, {
        name: `Vị trí ${n}`,
        isLeadership: position.isLeadership ?? !!position.leadershipLevel,
        leadershipLevel: (position.leadershipLevel ?? null) as never,
        declarationDuty: position.declarationDuty ?? false,
      })
    : null;
  const [u] = await w.database.db
    .insert(users)
    .values({
      username: `kk${n}.${randomUUID().slice(0, 6)}`,
      fullName: `Người kê khai ${n}`,
      unitId,
      positionId: p?.id ?? null,
      passwordHash: 'x',
    })
    .returning();
  await w.database.db.insert(grants).values({ userId: u!.id, role, unitId });
  return { userId: u!.id, who: await sessionFor(w.database, u!.id, w.clock.now()) };
}

export const filled = (over: Record<string, unknown> = {}) => ({
  declarant: {
    fullName: 'Nguyễn Văn Kê',
    birthDate: '1980-05-01',
    position: 'Phó trưởng phòng',
    workplace: 'Thanh tra tỉnh',
    residence: 'Số 1 đường Lý Thường Kiệt',
    idNumber: '001080012345',
    idIssued: 'Cục Cảnh sát QLHC về TTXH, 2021',
  },
  spouse: null,
  children: [],
  assets: {
    house: [
      {
        id: '0b7c1a56-4a0e-4b8e-9d4d-0f6a3d2b1c01',
        owner: 'declarant',
        details: { address: 'Số 1 đường Lý Thường Kiệt', houseType: 'detached', areaM2: 80 },
        valueVnd: 1_500_000_000,
      },
    ],
  },
  income: [{ recipient: 'declarant', source: 'salary', amountVnd: 240_000_000 }],
  explanations: {},
  ...over,
});

/** Starts, fills and submits a declaration as `who`; answers its id. */
export async function declareAs(w: World, who: Who, kind: string, year: number, content = filled()) {
  const api = (method: string, url: string, body?: unknown) => call(w.app, method, url, { who, body });
  const started = await api('POST', '/api/declarations', { kind, year });
  expect(started.status, JSON.stringify(started.json)).toBe(201);
  const id = started.json.id as string;
  const got = await api('GET', `/api/declarations/${id}`);
  expect(got.status, JSON.stringify(got.json)).toBe(200);
  const saved = await api('PUT', `/api/declarations/${id}`, { content, version: got.json.version });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  const sub = await api('POST', `/api/declarations/${id}/submit`, { version: saved.json.version });
  return { id, sub };
}

/**
 * A workbook of paper declarations made from the template Liêm hands out (so the template is tested
 * too): `fill` by sheet tab, each row by column header without its " *"; the template's example row goes.
 */
export async function paperWorkbook(
  w: World,
  who: Who,
  fill: Record<string, Array<Record<string, string | number>>>,
): Promise<Buffer> {
  const res = await w.app.inject({
    method: 'GET',
    url: '/api/declarations/paper-template',
    headers: { cookie: who.cookie, 'accept-language': 'vi' },
  });
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  for (const ws of wb.worksheets) if (ws.name === 'Bản kê khai') ws.spliceRows(2, 1);
  for (const [tab, rows] of Object.entries(fill)) {
    const ws = wb.getWorksheet(tab);
    if (!ws) throw new Error(`no sheet ${tab}: ${wb.worksheets.map((s) => s.name).join(', ')}`);
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/ \*$/, ''));
    for (const r of rows) {
      for (const k of Object.keys(r)) if (!headers.includes(k)) throw new Error(`no column ${k} in ${tab}`);
      ws.addRow(headers.map((h) => r[h] ?? null));
    }
  }
  const out = Buffer.from(await wb.xlsx.writeBuffer());
  if (process.env.DUMP_PAPER) (await import('node:fs')).writeFileSync(process.env.DUMP_PAPER, out);
  return out;
}
