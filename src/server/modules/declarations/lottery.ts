import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '#server/modules/audit/chain.ts';

/**
 * The verification lottery's algorithm, `liem-lottery-v1` (ADR 0025; docs/lottery.md describes it for
 * anyone who wants to re-implement it, and docs/lottery-verify.py does so in plain Python). Pure: the
 * same published record always gives the same selection, so a witness, a journalist or the court can
 * recompute it with `liem lottery verify <file>`.
 *
 * Before the draw the control agency commits to the inputs (candidates per unit, the shares, the hash of a
 * secret seed): `commitment = SHA-256(canonical JSON of the inputs)`. At the draw the witnesses call their
 * numbers; the seed is revealed; `key = HMAC-SHA256(seed, commitment + "\n" + numbers joined by "\n")`.
 * Units are ordered by `HMAC-SHA256(key, "unit:" + code)`, people in a unit by
 * `HMAC-SHA256(key, "person:" + code + ":" + ref)`; the first units and people in that order are drawn.
 * The canonical JSON is the audit chain's (keys sorted, no spaces), which equals Python's
 * `json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False)` for a record of strings, integers
 * and booleans — all a record holds.
 * Neither side can steer it: the agency fixed its seed before hearing the numbers, and the witnesses do not
 * know the seed.
 */
export const LOTTERY_ALGORITHM = 'liem-lottery-v1';

export interface LotteryCandidate {
  ref: string;
  name: string;
  position: string;
  leader: boolean;
}
export interface LotteryUnit {
  code: string;
  name: string;
  /** Everyone who declares yearly in the unit: the base of the person share (≥ 10 %). */
  annualDeclarants: number;
  candidates: LotteryCandidate[];
}
export interface LotteryInputs {
  algorithm: typeof LOTTERY_ALGORITHM;
  plan: { id: string; year: number; controlUnit: string; issuedOn: string };
  unitSharePercent: number;
  personSharePercent: number;
  units: LotteryUnit[];
  /**
   * How many people each unit left out of the draw (Decree 130 Art. 16) — counts only: who and why stay in
   * Liêm for its staff. (Records committed before 2026-12-04 listed names and reasons; their commitment
   * covers that list as it was, so they are published as committed.)
   */
  excluded: Array<{ unit: string; count: number } | { unit: string; name: string; reason: string }>;
  seedHash: string;
}
export interface LotteryResult {
  units: string[];
  persons: Record<string, string[]>;
}
/** The whole published record of a draw: enough to recompute it and nothing more. */
export interface LotteryRecord {
  inputs: LotteryInputs;
  commitment: string;
  seed: string;
  witnessValues: string[];
  result: LotteryResult;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
export const seedHashOf = (seedHex: string) => sha256(Buffer.from(seedHex, 'hex'));
export const commitmentOf = (inputs: LotteryInputs) => sha256(canonicalJson(inputs));

/** How many of `n` a share in percent asks for: rounded up, at least one when there is anyone. */
export const shareOf = (n: number, percent: number) =>
  n === 0 ? 0 : Math.max(1, Math.ceil((n * percent) / 100));

/** The selection from the committed inputs, the revealed seed and the witnesses' numbers. */
export function draw(
  inputs: LotteryInputs,
  commitment: string,
  seedHex: string,
  witnessValues: string[],
): LotteryResult {
  const key = createHmac('sha256', Buffer.from(seedHex, 'hex'))
    .update(`${commitment}\n${witnessValues.join('\n')}`)
    .digest();
  const score = (label: string) => createHmac('sha256', key).update(label).digest('hex');
  const byScore = <T>(items: T[], label: (t: T) => string) =>
    items
      .map((t) => ({ t, s: score(label(t)) }))
      .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0))
      .map((x) => x.t);
  const eligible = inputs.units.filter((u) => u.candidates.length > 0);
  const units = byScore(eligible, (u) => `unit:${u.code}`).slice(
    0,
    shareOf(eligible.length, inputs.unitSharePercent),
  );
  const persons: Record<string, string[]> = {};
  for (const u of units) {
    const quota = Math.min(
      u.candidates.length,
      shareOf(Math.max(u.annualDeclarants, u.candidates.length), inputs.personSharePercent),
    );
    const order = byScore(u.candidates, (c) => `person:${u.code}:${c.ref}`);
    // At least one head or deputy head of the unit when there is one to draw (Art. 15(3)).
    const leader = order.find((c) => c.leader);
    const chosen = leader ? [leader] : [];
    for (const c of order) if (chosen.length < quota && c !== leader) chosen.push(c);
    persons[u.code] = chosen.map((c) => c.ref);
  }
  return { units: units.map((u) => u.code), persons };
}

/** What `liem lottery verify` says about a published record: every check, and whether all passed. */
export function verifyRecord(record: LotteryRecord): {
  ok: boolean;
  checks: Array<{ name: string; ok: boolean }>;
} {
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const checks: Array<{ name: string; ok: boolean }> = [];
  checks.push({ name: 'algorithm', ok: record.inputs?.algorithm === LOTTERY_ALGORITHM });
  if (!checks[0]!.ok) return { ok: false, checks };
  checks.push({ name: 'commitment', ok: same(commitmentOf(record.inputs), record.commitment) });
  checks.push({
    name: 'seed',
    ok: /^[0-9a-f]{64}$/.test(record.seed) && same(seedHashOf(record.seed), record.inputs.seedHash),
  });
  const again = draw(record.inputs, record.commitment, record.seed, record.witnessValues);
  checks.push({ name: 'result', ok: canonicalJson(again) === canonicalJson(record.result) });
  return { ok: checks.every((c) => c.ok), checks };
}
