import { sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import {
  finishClocks as finishSubjectClocks,
  startClock as startSubjectClock,
} from '#server/modules/clocks/service.ts';
import type { complaintTracks } from '#shared/reports/schemas.ts';
import { resolutionClocks } from './steps.ts';

export const startClock = (tx: Db, reportId: string, code: string, start: string) =>
  startSubjectClock(tx, { kind: 'report', id: reportId }, code, start);

export const finishClocks = (tx: Db, reportId: string, today: string, codes?: string[]) =>
  finishSubjectClocks(tx, reportId, today, codes);

export async function refreshNextDue(tx: Db, reportId: string) {
  await tx.execute(sql`update reports set next_due_on =
    (select min(due_on) from started_clocks where subject_id = ${reportId} and done_on is null)
    where id = ${reportId}`);
}

/** Started when a report is received: its initial processing (classification) is due by then. */
export const INITIAL_CLOCK = 'denunciation.initial_processing';
/** Started instead when an official reports their own unit: handled or transferred within 15 days (Art. 66). */
export const INTERNAL_CLOCK = 'internal_report.handling';

/** The clock a report's handling is judged by, per kind. */
export const mainClock: Record<string, string | undefined> = {
  denunciation: 'denunciation.resolution',
  complaint: 'complaint.resolution',
  petition: 'petition.processing',
  anonymous_information: 'information.review',
};
/** A complaint's resolution clock by its track: instance and remote area (Law on Complaints Arts. 28, 37). */
export const COMPLAINT_TRACK: Record<(typeof complaintTracks)[number], string> = {
  first: 'complaint.resolution',
  first_remote: 'complaint.resolution_remote',
  second: 'complaint.second_instance',
  second_remote: 'complaint.second_instance_remote',
};
/** The clocks a report's handling may be judged by: its kind's, or a complaint's track. */
export const mainClocksOf = (kind: string): readonly string[] =>
  resolutionClocks[kind] ?? (mainClock[kind] ? [mainClock[kind]] : []);
