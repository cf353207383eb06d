import { z } from 'zod';
import { openClockStates } from '#shared/clocks/due.ts';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/** `internal`: an official's report of corruption in their own unit (Law 36/2018 Art. 66), from the staff app. */
export const reportChannels = ['web', 'walk_in', 'phone', 'letter', 'email', 'internal'] as const;
export const staffChannels = ['walk_in', 'phone', 'letter', 'email'] as const;
export const reportKinds = [
  'unclassified',
  'anonymous_information',
  'denunciation',
  'complaint',
  'petition',
  'out_of_scope',
] as const;
export const triageKinds = [
  'anonymous_information',
  'denunciation',
  'complaint',
  'petition',
  'out_of_scope',
] as const;
/** Kinds the law allows only for a reporter who gave their identity. */
export const namedOnlyKinds: readonly string[] = ['denunciation', 'complaint', 'petition'];
export const reportStatuses = ['received', 'in_progress', 'closed'] as const;
/**
 * Clocks that measure an act done outside Liêm (a notice sent, a conclusion published): the handler marks
 * them done. The conclusion's two run on after the report is closed (Law on Denunciations Arts. 35, 40).
 */
export const stepClocks = [
  'denunciation.notify_acceptance',
  'denunciation.send_conclusion',
  'denunciation.publish_conclusion',
] as const;
/**
 * The handling's steps a denunciation or complaint goes through, each with its document (decision number
 * and date) where one is issued: acceptance (thụ lý), notice of it, verification, conclusion (or the
 * complaint's decision), sending it, publishing it (Law on Denunciations Arts. 29, 31, 35, 40; Law on
 * Complaints Arts. 27, 31, 32). Accepting and concluding happen by triage and closing; the others are
 * recorded when they happen.
 */
export const reportSteps = [
  'accepted',
  'acceptance_notified',
  'verification',
  'concluded',
  'conclusion_sent',
  'conclusion_published',
] as const;
export type ReportStepCode = (typeof reportSteps)[number];
/** A complaint's track: first or second instance, in an ordinary or a remote area (Arts. 28, 37). */
export const complaintTracks = ['first', 'first_remote', 'second', 'second_remote'] as const;
export const reportOutcomes = [
  'substantiated',
  'partly_substantiated',
  'not_substantiated',
  'merged',
  'out_of_scope',
] as const;
export const closeOutcomes = ['substantiated', 'partly_substantiated', 'not_substantiated'] as const;
/** To the reporter, a question they are asked to answer, or a note the reporter never sees. */
export const messageKinds = ['message', 'question', 'note'] as const;
/** A report's next statutory due date, in the one vocabulary of every clock (shared/clocks/due.ts). */
export const clockStates = openClockStates;

/** Amount in VND as typed: "1.500.000", "1 500 000" or "1500000". */
const amount = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(/[\s.,]/g, '')))
  .pipe(z.string().regex(/^\d{0,15}$/, { message: 'field.number' }))
  .transform((s) => (s === '' ? null : Number(s)))
  .nullish();

export const ReportContent = z.strictObject({
  title: text(200),
  description: text(20_000),
  officials: optionalText(2000),
  when: optionalText(200),
  where: optionalText(500),
  amountVnd: amount,
});
export type ReportContent = z.infer<typeof ReportContent>;

export const Identity = z.strictObject({
  // Asked for once any contact detail is given: a reporter who leaves one is named, and told why.
  fullName: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'field.name_with_contact' }).max(200)),
  idNumber: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^(\d{12})?$/, { message: 'field.id_number' }))
    .transform((s) => s || null)
    .nullish(),
  phone: z
    .string()
    .transform((s) => s.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(/^(\+?\d{8,15})?$/, { message: 'field.phone' }))
    .transform((s) => s || null)
    .nullish(),
  email: z
    .string()
    .trim()
    .pipe(z.union([z.literal(''), z.email({ message: 'field.email' })]))
    .transform((s) => s || null)
    .nullish(),
  address: optionalText(500),
  /** An official reporting their own unit: position and unit, as their account has them. */
  workplace: optionalText(500),
});
export type Identity = z.infer<typeof Identity>;

export const ReportSubmit = z.strictObject({
  receivedUnitId: uuid(),
  concernedUnitId: uuid().nullish(),
  categoryCode: z.string().min(1, { message: 'field.required' }).max(40),
  content: ReportContent,
  identity: Identity.nullish(),
  /** Consent to the use of the identity for handling; required when an identity is given. */
  consent: z.boolean().default(false),
});
export type ReportSubmit = z.infer<typeof ReportSubmit>;

/**
 * An official's report of corruption in their own unit (Law 36/2018 Art. 66), as the staff app's form sends
 * it (multipart text fields, so flags arrive as "true"/"false"). Named by default, with the name, position and
 * unit the account holds; or anonymous. `headInvolved`: the unit's head is involved, so the report goes to
 * the superior unit's desk.
 */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'on', ''])])
  .transform((v) => v === true || v === 'true' || v === 'on');
export const InternalReportSubmit = z.strictObject({
  headInvolved: flag.default(false),
  categoryCode: z.string().min(1, { message: 'field.required' }).max(40),
  content: ReportContent,
  named: flag.default(true),
  phone: Identity.shape.phone,
  consent: flag.default(false),
});
export type InternalReportSubmit = z.output<typeof InternalReportSubmit>;

/** Where an official's report would be received: the own unit's desk, or the superior's (head involved). */
export const InternalReportRoute = z.object({
  homeUnitName: z.string(),
  own: z.object({ unitName: z.string() }).nullable(),
  superior: z.object({ unitName: z.string() }).nullable(),
  /** The official heads their own unit: their report always goes to the superior. */
  heads: z.boolean(),
});

export const StaffReportSubmit = ReportSubmit.extend({ channel: z.enum(staffChannels) }).strict();

export const ReportQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(reportStatuses).optional(),
  kind: z.enum(reportKinds).optional(),
  categoryCode: z.string().max(40).optional(),
  channel: z.enum(reportChannels).optional(),
  unitId: uuid().optional(),
  clock: z.enum(clockStates).optional(),
  forwarded: z.enum(['in', 'out']).optional(),
  /** Only open reports the signed-in user handles (Home). */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'nextDueOn', '-nextDueOn']).default('-receivedAt'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportListItem = z.object({
  id: z.string(),
  number: z.string(),
  receivedAt: z.string(),
  categoryCode: z.string(),
  channel: z.enum(reportChannels),
  named: z.boolean(),
  kind: z.enum(reportKinds),
  status: z.enum(reportStatuses),
  outcome: z.enum(reportOutcomes).nullable(),
  unitId: z.string(),
  unitName: z.string(),
  receivedUnitName: z.string(),
  concernedUnitName: z.string().nullable(),
  handlerName: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  clockState: z.enum(clockStates).nullable(),
  forwarded: z.boolean(),
  followUp: z.boolean(),
  awaitingReply: z.boolean(),
  title: z.string().nullable(),
  purged: z.boolean(),
});
export const ReportPage = Page(ReportListItem).extend({
  /** Search reads decrypted text of at most this many newest matching reports. */
  searchWindow: z.number().int().nullable(),
  /** Counting stops at COUNT_CAP: a huge inbox is filtered, not paged to its end. */
  totalCapped: z.boolean(),
});

/** Response shapes are plain (no transforms): they describe what is sent, not how input is cleaned. */
const nullableText = z.string().nullable().optional();
export const ContentView = z.object({
  title: z.string(),
  description: z.string(),
  officials: nullableText,
  when: nullableText,
  where: nullableText,
  amountVnd: z.number().nullable(),
});

export const ReportMessage = z.object({
  id: z.string(),
  author: z.string(),
  authorName: z.string().nullable(),
  kind: z.enum(messageKinds),
  body: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() })),
});
export const ReportFile = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  author: z.string(),
  createdAt: z.string(),
});
export const ReportClock = z.object({
  id: z.string(),
  code: z.string(),
  startOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  extensions: z.record(z.string(), z.number()),
  available: z.array(z.object({ code: z.string(), times: z.number(), used: z.number() })),
  legalSource: z.string(),
  /** The handler marks it done (a step taken outside Liêm). */
  step: z.boolean(),
});
export const ReportTask = z.object({
  id: z.string(),
  title: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  dueOn: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export const IdentityRequest = z.object({
  id: z.string(),
  reportId: z.string(),
  reportNumber: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  deciderName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  unitName: z.string(),
});
export const ReportDetail = ReportListItem.extend({
  receivedUnitId: z.string(),
  concernedUnitId: z.string().nullable(),
  handlerId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  mergedIntoNumber: z.string().nullable(),
  publicSummary: z.string().nullable(),
  closedAt: z.string().nullable(),
  content: ContentView.nullable(),
  /** Why the content is not shown: no key for this user, keys locked, or deleted by retention. */
  contentUnavailable: z.enum(['key_missing', 'keys_locked', 'purged']).nullable(),
  hasIdentity: z.boolean(),
  canViewIdentity: z.boolean(),
  identityRequests: z.array(IdentityRequest),
  messages: z.array(ReportMessage),
  files: z.array(ReportFile),
  clocks: z.array(ReportClock),
  tasks: z.array(ReportTask),
  /** The steps taken so far with their documents, and those that can be recorded now. */
  steps: z.array(
    z.object({
      code: z.enum(reportSteps),
      on: z.string(),
      documentNo: z.string().nullable(),
      documentDate: z.string().nullable(),
      fileId: z.string().nullable(),
    }),
  ),
  stepsOpen: z.array(z.enum(reportSteps)),
  /** A second-instance complaint's first-instance decision. */
  firstDecision: z
    .object({ documentNo: z.string(), documentDate: z.string(), issuedBy: z.string().nullable() })
    .nullable(),
  /** The handling unit serves a remote area (complaints default to the remote-area clocks). */
  remoteArea: z.boolean(),
  canHandle: z.boolean(),
  canMarkSteps: z.boolean(),
  version: z.number(),
});

export const TriageBody = z.strictObject({
  kind: z.enum(triageKinds),
  handlerId: uuid().nullish(),
  /** Required for out of scope: what the reporter is told (where to go instead). */
  message: optionalText(4000),
  /** Complaints only: which resolution clock runs (first instance in an ordinary area by default). */
  complaintTrack: z.enum(complaintTracks).nullish(),
  /** The acceptance decision's number and date, where one is issued. */
  documentNo: optionalText(60),
  documentDate: isoDate().nullish(),
  /** A second-instance complaint: the first-instance decision complained of (required then). */
  firstDecisionNo: optionalText(60),
  firstDecisionDate: isoDate().nullish(),
  firstDecisionBy: optionalText(300),
});
/** A step's record: its document (number, date, the file among the report's staff files). */
export const StepBody = z.strictObject({
  documentNo: optionalText(60),
  documentDate: isoDate().nullish(),
  fileId: uuid().nullish(),
});
export const AssignBody = z.strictObject({ handlerId: uuid() });
export const ForwardBody = z.strictObject({ unitId: uuid(), note: optionalText(2000) });
export const MergeBody = z.strictObject({ intoId: uuid() });
export const MessageBody = z.strictObject({
  kind: z.enum(messageKinds),
  body: text(20_000),
});
export const TaskBody = z.strictObject({
  title: text(500),
  assigneeId: uuid().nullish(),
  dueOn: isoDate().nullish(),
});
export const TaskUpdate = z.strictObject({ done: z.boolean() });
export const ExtendBody = z.strictObject({ code: z.string().min(1).max(40) });
export const CloseBody = z.strictObject({
  outcome: z.enum(closeOutcomes),
  measures: text(10_000),
  publicSummary: text(2000),
});
export const IdentityRequestBody = z.strictObject({
  reason: text(2000).pipe(z.string().min(20, { message: 'field.reason_short' })),
});
export const IdentityDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'refuse']),
  note: optionalText(2000),
});
export const IdentityAccess = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  reportId: z.string(),
  reportNumber: z.string(),
  reason: z.string().nullable(),
});
export const IdentityRequestQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'approved', 'refused']).optional(),
  /** Newest first by default; unit and requester in Vietnamese order (tone marks aside). */
  sort: z
    .enum(['createdAt', '-createdAt', 'unitName', '-unitName', 'requesterName', '-requesterName'])
    .optional(),
});
export type IdentityRequestQuery = z.infer<typeof IdentityRequestQuery>;
export const IdentityView = z.object({
  fullName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  workplace: z.string().nullish(),
});
export const ReceivingUnit = z.object({ id: z.string(), name: z.string() });
export const Category = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export const KeyStatus = z.object({
  needed: z.boolean(),
  hasKeys: z.boolean(),
  unlocked: z.boolean(),
  recoveryKeyPending: z.boolean(),
  createdAt: z.string().nullable(),
});
export const RecoverBody = z.strictObject({
  recoveryKey: z.string().min(10).max(100),
  password: z.string().min(1).max(256),
});
export const ReplaceKeysBody = z.strictObject({ password: z.string().min(1).max(256) });
export const ShareResult = z.object({ shared: z.number().int(), reports: z.number().int() });

/** A receipt as people copy it: four groups of four digits (portal, desk and officials' report pages). */
export const formatReceipt = (r: string) => r.replace(/(\d{4})(?=\d)/g, '$1 ');
