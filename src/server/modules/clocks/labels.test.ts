import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { createWorld, type World } from '#test/world.ts';
import { deadlineRules } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('deadline rules as people read them', () => {
  it('every start event and extension of every rule a module seeds has a label in both languages (no raw codes)', async () => {
    // Read from the database every module seeded at start, so a new module's rules are checked too.
    const rules = await w.database.db.select().from(deadlineRules);
    expect(rules.length).toBeGreaterThan(20);
    for (const r of rules)
      for (const key of [
        `clockEvent.${r.startEvent}`,
        ...(r.extensions ?? []).map((e) => `ui.reports.extension.${e.code}`),
      ]) {
        expect(Object.hasOwn(vi, key), `${r.code}: ${key} (vi)`).toBe(true);
        expect(Object.hasOwn(en, key), `${r.code}: ${key} (en)`).toBe(true);
      }
  });
});

describe('each clock once (review rev20 P15)', () => {
  it('seeds the gift and conflict clocks once, and migration 0078 folds an older database’s copies', async () => {
    const codes = (await w.database.db.select().from(deadlineRules)).map(
      (r) => `${r.code}@${r.effectiveFrom}`,
    );
    expect(codes.filter((c) => c.startsWith('gift.hand_over@'))).toEqual(['gift.hand_over@2019-08-15']);
    expect(codes.some((c) => c.startsWith('conflict_of_interest.report@'))).toBe(false);
    // An older database: the early copies, a gift's clock started on one of them, the old start events.
    const [module] = await w.database.query<{ id: string; calendar_id: string }>(
      `select id, calendar_id from deadline_rules where code = 'gift.hand_over'`,
    );
    const [early] = await w.database.query<{ id: string }>(
      `insert into deadline_rules (code, name_vi, name_en, legal_source, effective_from, length, unit, start_event, calendar_id)
       values ('gift.hand_over', 'Báo cáo, nộp lại quà tặng', 'Report and hand over a gift', 'Nghị định 59/2019/NĐ-CP',
         '2019-08-20', 5, 'working_days', 'received', $1) returning id`,
      [module!.calendar_id],
    );
    await w.database.query(
      `insert into deadline_rules (code, name_vi, name_en, legal_source, effective_from, length, unit, start_event, calendar_id)
       values ('conflict_of_interest.report', 'x', 'x', 'x', '2019-08-20', 5, 'working_days', 'known', $1)`,
      [module!.calendar_id],
    );
    await w.database.query(`update deadline_rules set start_event = 'reported' where code = 'coi.decide'`);
    const [clock] = await w.database.query<{ id: string }>(
      `insert into started_clocks (subject_kind, subject_id, code, rule_id, start_on, due_on)
       values ('gift', gen_random_uuid(), 'gift.hand_over', $1, '2026-11-02', '2026-11-09') returning id`,
      [early!.id],
    );
    const migration = readFileSync(
      join(import.meta.dirname, '../../../../drizzle/0078_clock_rules_once.sql'),
      'utf8',
    );
    for (const statement of migration.split('--> statement-breakpoint')) await w.database.query(statement);
    const [moved] = await w.database.query<{ rule_id: string }>(
      `select rule_id from started_clocks where id = $1`,
      [clock!.id],
    );
    expect(moved!.rule_id).toBe(module!.id);
    const after = (await w.database.db.select().from(deadlineRules)).map(
      (r) => `${r.code}@${r.effectiveFrom}`,
    );
    expect(after.filter((c) => c.startsWith('gift.hand_over@'))).toEqual(['gift.hand_over@2019-08-15']);
    expect(after.some((c) => c.startsWith('conflict_of_interest.report@'))).toBe(false);
    const [decide] = await w.database.query<{ start_event: string }>(
      `select start_event from deadline_rules where code = 'coi.decide'`,
    );
    expect(decide!.start_event).toBe('coi_reported');
  });
});
