import type { startedClocks } from '#server/modules/clocks/tables.ts';
import { type ReportStepCode, reportSteps } from '#shared/reports/schemas.ts';
import type { reportStepRecords, reports } from './tables.ts';

type Report = typeof reports.$inferSelect;
type Clock = typeof startedClocks.$inferSelect;
type StepRecord = typeof reportStepRecords.$inferSelect;

/** The clock a step finishes, where the law gives it one (Law on Denunciations Arts. 29, 35, 40). */
export const stepClock: Partial<Record<ReportStepCode, string>> = {
  acceptance_notified: 'denunciation.notify_acceptance',
  conclusion_sent: 'denunciation.send_conclusion',
  conclusion_published: 'denunciation.publish_conclusion',
};

/** The resolution clocks of each kind that has steps: a complaint's depends on its track. */
export const resolutionClocks: Record<string, readonly string[]> = {
  denunciation: ['denunciation.resolution'],
  complaint: [
    'complaint.resolution',
    'complaint.resolution_remote',
    'complaint.second_instance',
    'complaint.second_instance_remote',
  ],
};

/** The latest resolution clock of a report of this kind (a complaint's is its track's), if any. */
export const resolutionClockOf = (kind: string, clocks: readonly Clock[]) =>
  clocks.filter((c) => resolutionClocks[kind]?.includes(c.code)).at(-1);

/** Steps each kind goes through (a complaint's decision is not published like a denunciation's conclusion). */
const STEPS_OF: Record<string, readonly ReportStepCode[]> = {
  denunciation: reportSteps,
  complaint: reportSteps.filter((s) => s !== 'conclusion_published'),
};

/** The steps a report of this kind goes through (none for kinds without them). */
export const stepsOfKind = (kind: string): readonly ReportStepCode[] => STEPS_OF[kind] ?? [];

export interface Step {
  code: ReportStepCode;
  on: string;
  documentNo: string | null;
  documentDate: string | null;
  fileId: string | null;
}

/**
 * The steps taken so far, in order: accepting and concluding from the report's own dates (triage and
 * closing), the others as staff recorded them, each with its document if given.
 */
export function stepsOf(r: Report, clocks: Clock[], records: StepRecord[]): Step[] {
  const codes = STEPS_OF[r.kind];
  if (!codes) return [];
  const resolution = resolutionClockOf(r.kind, clocks);
  // Accepting and concluding are the report's triage and closing; every other step is a record (a clock
  // finished by closing the report is not a notice sent).
  const taken = (code: ReportStepCode): string | undefined => {
    if (code === 'accepted') return resolution?.startOn;
    // A report merged into another is concluded there, not here (what was taken before stays).
    if (code === 'concluded') return r.outcome === 'merged' ? undefined : (r.closedOn ?? undefined);
    return records.find((x) => x.code === code)?.on;
  };
  const out: Step[] = [];
  for (const code of codes) {
    const on = taken(code);
    if (!on) continue;
    const rec = records.find((x) => x.code === code);
    out.push({
      code,
      on,
      documentNo: rec?.documentNo ?? null,
      documentDate: rec?.documentDate ?? null,
      fileId: rec?.fileId ?? null,
    });
  }
  return out.sort((a, b) => a.on.localeCompare(b.on) || codes.indexOf(a.code) - codes.indexOf(b.code));
}

/** Steps not yet taken that can be recorded now (accepting and concluding are triage and closing). */
export function openSteps(r: Report, taken: Step[]): ReportStepCode[] {
  const codes = STEPS_OF[r.kind];
  if (!codes || r.outcome === 'merged' || r.purgedAt || r.status === 'received') return [];
  const has = new Set(taken.map((s) => s.code));
  return codes.filter((code) => {
    if (has.has(code) || code === 'accepted' || code === 'concluded') return false;
    if (code === 'verification') return r.status === 'in_progress';
    if (code === 'acceptance_notified') return true;
    return r.status === 'closed';
  });
}
