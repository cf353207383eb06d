import { createHash, randomUUID } from 'node:crypto';
import { AlignmentType } from 'docx';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { type AuditInput, audit, auditMany } from '#server/modules/audit/service.ts';
import { computeDue, finishClocks, startClocks } from '#server/modules/clocks/service.ts';
import { detectType, safeName } from '#server/modules/files/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { administrativeDocx, dataTable, para, placeOf, run } from '#server/platform/documents.ts';
import { type Block, renderLayout } from '#server/platform/layout.ts';
import { openBytesAtRest, sealBytesAtRest } from '#server/server-key.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { changes, DeclarationContent, problems, summarise } from '#shared/declarations/content.ts';
import { currentForm, type DeclarationKind, formDefinitions } from '#shared/declarations/form.ts';
import type { PublicationCreate } from '#shared/declarations/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { declarationDocx, declarationLayout, declarationPdf } from './document.ts';
import { scoreDeclarations } from './risk.ts';
import { openRosterRounds } from './roster.ts';
import { openDeclarationContent, sealContent } from './sealed.ts';
import { parametersOn } from './service.ts';
import {
  declarationPublications,
  declarationRoster,
  declarationRounds,
  declarationScans,
  declarations,
} from './tables.ts';

/**
 * Declaring and receiving (issue 18 §2–3). A declaration's content is sealed at rest and read only by its
 * declarant, the organising officer of its unit once submitted, and the control agency once handed over;
 * every read by someone else than the declarant is audited. Nobody handles their own declaration.
 */

type Row = typeof declarations.$inferSelect;
const seal = sealContent;
const open = openDeclarationContent;
const formOf = (row: Pick<Row, 'formCode'>) => formDefinitions[row.formCode] ?? currentForm;

/** Who may read a declaration, and as what. The declarant's own drafts are theirs alone. */
function readerOf(ctx: Ctx, row: Row, path: string): 'declarant' | 'officer' | 'controller' | null {
  if (ctx.actor.userId && row.userId === ctx.actor.userId) return 'declarant';
  if (row.submittedAt && can(ctx.actor, 'declarations.receive', { unitPath: path })) return 'officer';
  if (row.status === 'handed_over' && can(ctx.actor, 'declarations.control', { unitPath: path }))
    return 'controller';
  return null;
}

async function load(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select({ d: declarations, path: units.path, unitName: units.name, fullName: users.fullName })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(eq(declarations.id, id));
  const [row] = await (lock ? q.for('update', { of: declarations }) : q);
  if (!row) throw new AppError('not_found');
  const reader = readerOf(ctx, row.d, row.path);
  if (!reader) throw new AppError('not_found');
  return { ...row, reader };
}

type Loaded = Awaited<ReturnType<typeof load>>;

/**
 * Declarations by id for a batch action (hand-over, acknowledgment, publication: up to 500), read and
 * locked in one query in id order; `check` refuses the first that may not be acted on (undefined: not
 * there or not readable by the actor).
 */
async function loadBatch(
  ctx: Ctx,
  tx: Db,
  ids: string[],
  check: (row: Loaded | undefined, id: string) => void,
): Promise<Loaded[]> {
  const unique = [...new Set(ids)].sort();
  const found = await tx
    .select({ d: declarations, path: units.path, unitName: units.name, fullName: users.fullName })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(inArray(declarations.id, unique))
    .orderBy(declarations.id)
    .for('update', { of: declarations });
  const byId = new Map(found.map((r) => [r.d.id, r]));
  return unique.map((id) => {
    const r = byId.get(id);
    const reader = r && readerOf(ctx, r.d, r.path);
    const row = r && reader ? { ...r, reader } : undefined;
    check(row, id);
    return row!;
  });
}

const present = (r: { d: Row; unitName: string; fullName: string }) => ({
  id: r.d.id,
  userId: r.d.userId,
  fullName: r.fullName,
  unitId: r.d.unitId,
  unitName: r.unitName,
  roundId: r.d.roundId,
  year: r.d.year,
  kind: r.d.kind as DeclarationKind,
  formCode: r.d.formCode,
  status: r.d.status as 'draft' | 'submitted' | 'returned' | 'accepted' | 'handed_over',
  channel: r.d.channel as 'electronic' | 'paper',
  declaredOn: r.d.declaredOn,
  assetsVnd: r.d.assetsVnd,
  incomeVnd: r.d.incomeVnd,
  increaseVnd: r.d.increaseVnd,
  submittedAt: r.d.submittedAt?.toISOString() ?? null,
  returnReason: r.d.returnReason,
  correctionDueOn: r.d.correctionDueOn,
  acceptedAt: r.d.acceptedAt?.toISOString() ?? null,
  handoverDueOn: r.d.handoverDueOn,
  handedOverAt: r.d.handedOverAt?.toISOString() ?? null,
  publicationDueOn: r.d.publicationDueOn,
  receivedByControlAt: r.d.receivedByControlAt?.toISOString() ?? null,
  publicationId: r.d.publicationId,
  version: r.d.version,
});

/** The previous declaration a new one builds on: the latest one of the person that was submitted. */
async function previousOf(db: Db, userId: string, beforeYear: number, excludeId?: string) {
  const [prev] = await db
    .select()
    .from(declarations)
    .where(
      and(
        eq(declarations.userId, userId),
        sql`${declarations.submittedAt} is not null`,
        sql`${declarations.year} <= ${beforeYear}`,
        excludeId ? ne(declarations.id, excludeId) : undefined,
      ),
    )
    .orderBy(desc(declarations.year), desc(declarations.submittedAt))
    .limit(1);
  return prev ?? null;
}

/** Part III and what is missing, judged by the parameters in force on the declaration's date. */
async function assess(db: Db, row: Row, content: DeclarationContent) {
  const form = formOf(row);
  const params = await parametersOn(db, row.declaredOn);
  const threshold = params.find((p) => p.code === 'change_threshold')?.amountVnd ?? 0;
  const summary = summarise(form, content);
  const prev = row.previousId
    ? ((
        await db
          .select({ s: declarations.summary })
          .from(declarations)
          .where(eq(declarations.id, row.previousId))
      )[0]?.s ?? null)
    : null;
  const partIII = changes(form, summary, row.kind === 'first_time' ? null : prev, threshold);
  return { form, params, summary, previous: prev, partIII, problems: problems(form, content, partIII, row) };
}

/** What the declarant owes and has made: open rounds they are on without a declaration, then their own. */
export async function myDeclarations(ctx: Ctx) {
  const userId = ctx.actor.userId;
  if (!userId || !canAnywhere(ctx.actor, 'declarations.declare')) throw new AppError('not_found');
  const owed = await ctx.db
    .select({
      roundId: declarationRounds.id,
      year: declarationRounds.year,
      dueOn: declarationRounds.declareDueOn,
    })
    .from(declarationRoster)
    .innerJoin(declarationRounds, eq(declarationRounds.id, declarationRoster.roundId))
    .leftJoin(
      declarations,
      and(eq(declarations.roundId, declarationRounds.id), eq(declarations.userId, userId)),
    )
    .where(
      and(
        eq(declarationRoster.userId, userId),
        isNull(declarationRoster.removedReason),
        eq(declarationRounds.status, 'open'),
        isNull(declarations.id),
      ),
    )
    .orderBy(asc(declarationRounds.year));
  const mine = await ctx.db
    .select({ d: declarations, unitName: units.name, fullName: users.fullName })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(eq(declarations.userId, userId))
    .orderBy(desc(declarations.year), desc(declarations.createdAt));
  return { owed, declarations: mine.map(present) };
}

/** A blank form with the declarant's general information as Liêm knows it. */
async function blank(db: Db, userId: string): Promise<DeclarationContent> {
  const [u] = await db
    .select({ fullName: users.fullName, unitName: units.name, positionName: positions.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(positions, eq(positions.id, users.positionId))
    .where(eq(users.id, userId));
  return DeclarationContent.parse({
    declarant: {
      fullName: u?.fullName ?? null,
      position: u?.positionName ?? null,
      workplace: u?.unitName ?? null,
    },
    children: [],
    assets: {},
    income: [],
    explanations: {},
  });
}

/**
 * Starts a declaration of a kind for a year, pre-filled from the previous one (general information and
 * assets, each asset keeping its identity; income and explanations are new each time). An annual one
 * needs the declarant on an open round's roster for that year; a second of the same kind and year is
 * refused with the first one's id.
 */
export async function startDeclaration(ctx: Ctx, input: { kind: DeclarationKind; year: number }) {
  const userId = ctx.actor.userId;
  if (!userId || !canAnywhere(ctx.actor, 'declarations.declare')) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: declarations.id })
      .from(declarations)
      .where(
        and(
          eq(declarations.userId, userId),
          eq(declarations.kind, input.kind),
          eq(declarations.year, input.year),
        ),
      );
    if (existing) throw new AppError('conflict', { link: `/app/declarations/${existing.id}` });
    const [me] = await tx.select({ unitId: users.unitId }).from(users).where(eq(users.id, userId));
    let roundId: string | null = null;
    if (input.kind === 'annual') {
      const [entry] = await openRosterRounds(tx, [userId], input.year);
      if (!entry) throw fieldError('year', 'field.not_on_roster');
      roundId = entry.roundId;
    }
    const prev = await previousOf(tx, userId, input.year);
    if (input.kind === 'first_time' && prev) throw fieldError('kind', 'field.first_time_done');
    if (input.kind === 'supplementary' && !prev) throw fieldError('kind', 'field.no_previous');
    const content = prev ? { ...open(prev), income: [], explanations: {} } : await blank(tx, userId);
    const id = randomUUID();
    const summary = summarise(currentForm, content);
    await tx.insert(declarations).values({
      id,
      userId,
      unitId: me!.unitId,
      roundId,
      year: input.year,
      kind: input.kind,
      formCode: currentForm.code,
      declaredOn: vnToday(ctx.clock.now()),
      previousId: prev?.id ?? null,
      content: seal(id, content),
      summary,
      assetsVnd: summary.assetsVnd,
      incomeVnd: summary.incomeVnd,
    });
    await audit(tx, ctx, {
      action: 'declaration.started',
      entityType: 'declaration',
      entityId: id,
      unitId: me!.unitId,
      changes: { kind: input.kind, year: input.year, prefilledFrom: prev?.id ?? null },
    });
    return { id };
  });
}

/** One declaration with its content, Part III, what is still missing and the parameters it is judged by. */
export async function getDeclaration(ctx: Ctx, id: string, part?: ReadPart) {
  return ctx.db.transaction(async (tx) => {
    const row = await load(ctx, tx, id);
    const read = await readLoaded(tx, row);
    // Content read by anyone but its declarant is in the audit log (who, which declaration, as what).
    if (row.reader !== 'declarant') await audit(tx, ctx, viewed(row, part));
    return read;
  });
}

type ReadPart = 'docx' | 'pdf' | 'publication';

/**
 * The declaration printed (the official form, in Word or PDF). The read is audited once the document is
 * made: a request refused as busy, or that failed, delivered nothing and is not recorded as a reading.
 */
export async function printDeclaration(ctx: Ctx, id: string, format: 'docx' | 'pdf'): Promise<Buffer> {
  const { row, read } = await ctx.db.transaction(async (tx) => {
    const row = await load(ctx, tx, id);
    return { row, read: await readLoaded(tx, row) };
  });
  const bytes = await (format === 'pdf' ? declarationPdf(read) : declarationDocx(read));
  if (row.reader !== 'declarant') await audit(ctx.db, ctx, viewed(row, format));
  return bytes;
}
const viewed = (row: Loaded, part: ReadPart | undefined): AuditInput => ({
  action: 'declaration.viewed',
  entityType: 'declaration',
  entityId: row.d.id,
  unitId: row.d.unitId,
  changes: { as: row.reader, ...(part ? { part } : {}) },
});

/** A declaration as its reader sees it: content opened and assessed, its signed scan (the caller audits). */
async function readLoaded(tx: Db, row: Loaded) {
  const content = open(row.d);
  const a = await assess(tx, row.d, content);
  const newItems = await newItemsOf(tx, row.d, content);
  const [scan] = await tx
    .select({ name: declarationScans.name, size: declarationScans.size, at: declarationScans.uploadedAt })
    .from(declarationScans)
    .where(eq(declarationScans.declarationId, row.d.id));
  return {
    ...present(row),
    reader: row.reader,
    signedScan: scan ? { name: scan.name, size: scan.size, uploadedAt: scan.at.toISOString() } : null,
    content,
    summary: a.summary,
    previous: a.previous,
    partIII: a.partIII,
    problems: a.problems,
    parameters: a.params,
    newItems,
  };
}

/**
 * A supplementary declaration describes only the assets added since the previous one (Decree 130 Annex
 * II): the ids of its items the previous declaration did not have (pre-filling keeps an item's id).
 * Null for other kinds.
 */
async function newItemsOf(db: Db, row: Row, content: DeclarationContent): Promise<string[] | null> {
  if (row.kind !== 'supplementary') return null;
  const [prev] = row.previousId
    ? await db.select().from(declarations).where(eq(declarations.id, row.previousId))
    : [];
  const before = new Set(
    prev ? Object.values(open(prev).assets).flatMap((items) => items.map((it) => it.id)) : [],
  );
  return Object.values(content.assets).flatMap((items) =>
    items.filter((it) => !before.has(it.id)).map((it) => it.id),
  );
}

/** One change of a declaration: its columns, its version moved on, the audit entry in the same transaction. */
async function changeDeclaration(
  tx: Db,
  ctx: Ctx,
  row: Row,
  set: Partial<typeof declarations.$inferInsert>,
  action: DeclarationAction,
  changes: Record<string, unknown>,
) {
  await tx
    .update(declarations)
    .set({ ...set, version: row.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(declarations.id, row.id));
  await audit(tx, ctx, { action, entityType: 'declaration', entityId: row.id, unitId: row.unitId, changes });
}
type DeclarationAction = Parameters<typeof audit>[2]['action'];

const editable = (status: string) => status === 'draft' || status === 'returned';

/** The declarant saves the form as it is (a draft may be incomplete; numbers are checked on every save). */
export async function saveDeclaration(
  ctx: Ctx,
  id: string,
  input: { content: DeclarationContent; version: number },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await load(ctx, tx, id, true);
    if (row.reader !== 'declarant') throw new AppError('not_found');
    if (!editable(row.d.status)) throw new AppError('conflict');
    if (row.d.version !== input.version) throw new AppError('conflict');
    const summary = summarise(formOf(row.d), input.content);
    // The audit entry says that it changed, never what: the content is the declarant's personal data.
    await changeDeclaration(
      tx,
      ctx,
      row.d,
      {
        content: seal(id, input.content),
        summary,
        assetsVnd: summary.assetsVnd,
        incomeVnd: summary.incomeVnd,
      },
      'declaration.saved',
      { version: row.d.version + 1 },
    );
  });
  return getDeclaration(ctx, id);
}

/** What a signed copy may be: the printed form scanned or photographed. */
const SCAN_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const scanAd = (id: string) => `declaration-scan:${id}`;

/**
 * The declarant uploads the printed form they signed on every page, scanned, once the declaration is
 * submitted and until it is handed over; a new upload replaces it then. Returned for correction, the
 * signed copy goes with the version it signed. Sealed at rest like the content.
 */
export async function signable(ctx: Ctx, id: string, db: Db = ctx.db) {
  const row = await load(ctx, db, id, db !== ctx.db);
  if (row.reader !== 'declarant') throw new AppError('forbidden');
  // The copy signed is of the declaration as submitted; once handed over it is the record and stays.
  if (row.d.status !== 'submitted' && row.d.status !== 'accepted') throw new AppError('conflict');
  return row;
}

export async function uploadSigned(ctx: Ctx, id: string, file: { name: string; content: Uint8Array }) {
  // The file is checked and sealed before the declaration is locked.
  const name = safeName(file.name);
  const mime = await detectType(file.content, name);
  if (!mime || !SCAN_TYPES.has(mime)) throw fieldError('file', 'field.file_type', { name });
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const sealed = sealBytesAtRest(file.content, scanAd(id));
  await ctx.db.transaction(async (tx) => {
    const row = await signable(ctx, id, tx);
    const values = {
      name,
      mime,
      size: file.content.length,
      sha256,
      content: sealed,
      uploadedBy: ctx.actor.userId!,
      uploadedAt: ctx.clock.now(),
    };
    await tx
      .insert(declarationScans)
      .values({ declarationId: id, ...values })
      .onConflictDoUpdate({ target: declarationScans.declarationId, set: values });
    await audit(tx, ctx, {
      action: 'declaration.signed_uploaded',
      entityType: 'declaration',
      entityId: id,
      unitId: row.d.unitId,
      changes: { name, mime, size: file.content.length, sha256 },
    });
  });
  return getDeclaration(ctx, id);
}

/** The signed copy, for whoever reads the declaration; a read by anyone but the declarant is audited. */
export async function readSigned(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await load(ctx, tx, id);
    const [scan] = await tx.select().from(declarationScans).where(eq(declarationScans.declarationId, id));
    if (!scan) throw new AppError('not_found');
    const content = openBytesAtRest(scan.content, scanAd(id));
    if (content === null)
      throw new Error(`signed copy of declaration ${id} cannot be opened with this server key`);
    if (row.reader !== 'declarant')
      await audit(tx, ctx, {
        action: 'declaration.viewed',
        entityType: 'declaration',
        entityId: id,
        unitId: row.d.unitId,
        changes: { as: row.reader, part: 'signed' },
      });
    return { name: scan.name, mime: scan.mime, content };
  });
}

/** Submits the declaration when nothing is missing; otherwise every missing field, named by section and item. */
export async function submitDeclaration(ctx: Ctx, id: string, input: { version: number }) {
  await ctx.db.transaction(async (tx) => {
    const row = await load(ctx, tx, id, true);
    if (row.reader !== 'declarant') throw new AppError('not_found');
    if (!editable(row.d.status)) throw new AppError('conflict');
    if (row.d.version !== input.version) throw new AppError('conflict');
    const today = vnToday(ctx.clock.now());
    const judged = { ...row.d, declaredOn: today };
    const a = await assess(tx, judged, open(row.d));
    if (Object.keys(a.problems).length > 0) throw new AppError('validation', { fields: a.problems });
    await changeDeclaration(
      tx,
      ctx,
      row.d,
      {
        status: 'submitted',
        declaredOn: today,
        submittedAt: ctx.clock.now(),
        increaseVnd: a.previous ? a.partIII.increaseVnd : null,
      },
      row.d.status === 'returned' ? 'declaration.resubmitted' : 'declaration.submitted',
      { declaredOn: today },
    );
    await finishClocks(tx, id, today, ['declaration.correction']);
  });
  return getDeclaration(ctx, id);
}

/** The register of declarations given and received in the officer's (or control agency's) scope. */
export async function listReceived(
  ctx: Ctx,
  q: { roundId?: string | undefined; status?: string | undefined; year?: number | undefined },
) {
  if (!canAnywhere(ctx.actor, 'declarations.receive') && !canAnywhere(ctx.actor, 'declarations.control'))
    throw new AppError('not_found');
  const receive = scopeFilter(ctx.actor, 'declarations.receive', units.path) ?? sql`true`;
  const control = scopeFilter(ctx.actor, 'declarations.control', units.path) ?? sql`true`;
  const rows = await ctx.db
    .select({ d: declarations, unitName: units.name, fullName: users.fullName })
    .from(declarations)
    .innerJoin(units, eq(units.id, declarations.unitId))
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(
      and(
        sql`(${and(receive, sql`${declarations.submittedAt} is not null`)} or ${and(control, eq(declarations.status, 'handed_over'))})`,
        q.roundId ? eq(declarations.roundId, q.roundId) : undefined,
        q.status ? eq(declarations.status, q.status) : undefined,
        q.year ? eq(declarations.year, q.year) : undefined,
      ),
    )
    .orderBy(asc(units.name), sql`liem_fold(${users.fullName})`)
    .limit(2000);
  return rows.map(present);
}

/** The officer's decisions on a submitted declaration: never on their own. */
async function loadForOfficer(ctx: Ctx, tx: Db, id: string) {
  const row = await load(ctx, tx, id, true);
  if (row.reader === 'declarant') {
    if (can(ctx.actor, 'declarations.receive', { unitPath: row.path }))
      throw new AppError('separation_of_duties');
    throw new AppError('not_found');
  }
  if (row.reader !== 'officer') throw new AppError('forbidden');
  return row;
}

/** Returned for correction with the reason; the declarant has 7 days (Law Art. 38(2)). */
export async function returnDeclaration(ctx: Ctx, id: string, input: { reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadForOfficer(ctx, tx, id);
    if (row.d.status !== 'submitted') throw new AppError('conflict');
    const today = vnToday(ctx.clock.now());
    const due = await computeDue(tx, 'declaration.correction', today);
    await changeDeclaration(
      tx,
      ctx,
      row.d,
      {
        status: 'returned',
        returnedAt: ctx.clock.now(),
        returnReason: input.reason,
        correctionDueOn: due.due,
      },
      'declaration.returned',
      { reason: input.reason, correctionDueOn: due.due },
    );
    // The signed copy was of the version returned: the corrected one is signed again.
    await tx.delete(declarationScans).where(eq(declarationScans.declarationId, id));
    await startClocks(tx, 'declaration', [id], 'declaration.correction', today, due);
    await notify(
      tx,
      {
        userId: row.d.userId,
        messageKey: 'notification.declaration_returned',
        values: { year: row.d.year, due: due.due },
        link: `/app/declarations/${id}`,
        email: true,
      },
      ctx,
    );
  });
  return getDeclaration(ctx, id);
}

/** Accepted as complete; the hand-over to the control agency is due 20 days after receipt (Art. 38(3)). */
export async function acceptDeclaration(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadForOfficer(ctx, tx, id);
    if (row.d.status !== 'submitted') throw new AppError('conflict');
    const received = vnToday(row.d.submittedAt!);
    const due = await computeDue(tx, 'declaration.handover', received);
    await changeDeclaration(
      tx,
      ctx,
      row.d,
      {
        status: 'accepted',
        acceptedAt: ctx.clock.now(),
        acceptedBy: ctx.actor.userId,
        handoverDueOn: due.due,
      },
      'declaration.accepted',
      { handoverDueOn: due.due },
    );
    await startClocks(tx, 'declaration', [id], 'declaration.handover', received, due);
  });
  return getDeclaration(ctx, id);
}

/**
 * Accepted declarations handed to the control agency together (one hand-over, as on paper): all or none;
 * the workplace publication is due 5 days later (Decree 130 Art. 11(3)).
 */
export async function handOver(ctx: Ctx, input: { ids: string[] }) {
  return ctx.db.transaction(async (tx) => {
    const rows = await loadBatch(ctx, tx, input.ids, (row, id) => {
      if (row?.reader !== 'officer' || row.d.status !== 'accepted')
        throw fieldError('ids', 'field.declaration_not_ready', { id });
    });
    const today = vnToday(ctx.clock.now());
    const due = await computeDue(tx, 'declaration.publication', today);
    const ids = rows.map((r) => r.d.id);
    await finishClocks(tx, ids, today, ['declaration.handover']);
    await startClocks(tx, 'declaration', ids, 'declaration.publication', today, due);
    await tx
      .update(declarations)
      .set({
        status: 'handed_over',
        handedOverAt: ctx.clock.now(),
        handedOverBy: ctx.actor.userId,
        publicationDueOn: due.due,
        version: sql`${declarations.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(
        inArray(
          declarations.id,
          rows.map((r) => r.d.id),
        ),
      );
    // Scored as they reach the control agency, in the same transaction: the risk list is never behind.
    await scoreDeclarations(
      tx,
      rows.map((r) => r.d.id),
      ctx.clock.now(),
    );
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'declaration.handed_over',
        entityType: 'declaration',
        entityId: r.d.id,
        unitId: r.d.unitId,
        changes: { publicationDueOn: due.due },
      })),
    );
    return { handedOver: rows.length, publicationDueOn: due.due };
  });
}

/** The control agency acknowledges receiving handed-over declarations (the state change the law's hand-over is). */
export async function acknowledge(ctx: Ctx, input: { ids: string[] }) {
  return ctx.db.transaction(async (tx) => {
    const rows = await loadBatch(ctx, tx, input.ids, (row, id) => {
      if (row?.reader !== 'controller' || row.d.receivedByControlAt)
        throw fieldError('ids', 'field.declaration_not_ready', { id });
    });
    await tx
      .update(declarations)
      .set({ receivedByControlAt: ctx.clock.now(), receivedByControlBy: ctx.actor.userId })
      .where(
        inArray(
          declarations.id,
          rows.map((r) => r.d.id),
        ),
      );
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'declaration.acknowledged',
        entityType: 'declaration',
        entityId: r.d.id,
        unitId: r.d.unitId,
        changes: {},
      })),
    );
    return { acknowledged: rows.length };
  });
}

/**
 * The workplace publication of accepted or handed-over declarations (Decree 130/2020 Arts. 11–12) by
 * the officer who received them: posted for 15 days at a place (its end from the clock engine), or read
 * at a meeting that at least two thirds of those called attended, with the questions and explanations.
 * All or none; never one's own; a declaration is published once.
 */
export async function publish(ctx: Ctx, input: PublicationCreate) {
  const id = await ctx.db.transaction(async (tx) => {
    const rows = await loadBatch(ctx, tx, input.ids, (row, id) => {
      // Nobody publishes their own declaration, as nobody reviews it (said as such, not "not ready").
      if (row?.reader === 'declarant' && can(ctx.actor, 'declarations.receive', { unitPath: row.path }))
        throw new AppError('separation_of_duties');
      if (
        row?.reader !== 'officer' ||
        !['accepted', 'handed_over'].includes(row.d.status) ||
        row.d.publicationId
      )
        throw fieldError('ids', 'field.declaration_not_ready', { id });
    });
    const years = new Set(rows.map((r) => r.d.year));
    if (years.size > 1) throw fieldError('ids', 'field.publication_one_year');
    if (input.startedOn > vnToday(ctx.clock.now())) throw fieldError('startedOn', 'field.date_future');
    // Published after it was given, never before (a posting dated 2025 for declarations of December 2026
    // counted its 5 days as met: issue-18 re-review N1).
    const lastGiven = rows
      .map((r) => (r.d.submittedAt ? vnToday(r.d.submittedAt) : r.d.declaredOn))
      .reduce((a, b) => (a > b ? a : b));
    if (input.startedOn < lastGiven)
      throw fieldError('startedOn', 'field.date_not_before_given', { date: formatLegalDate(lastGiven) });
    if (input.method === 'meeting') {
      if (!input.attendeesCalled) throw fieldError('attendeesCalled', 'field.required');
      if (input.attendeesPresent == null) throw fieldError('attendeesPresent', 'field.required');
      if (input.attendeesPresent > input.attendeesCalled)
        throw fieldError('attendeesPresent', 'field.attendance_above_called');
      if (input.attendeesPresent * 3 < input.attendeesCalled * 2)
        throw fieldError('attendeesPresent', 'field.attendance_two_thirds');
    }
    // The workplace publishing: the nearest unit holding all the declarations, in the officer's scope.
    const parts = rows.map((r) => r.path.split('/').filter(Boolean));
    const common = parts[0]!.filter((id, i) => parts.every((p) => p[i] === id));
    const commonPath = `/${common.join('/')}/`;
    if (common.length === 0 || !can(ctx.actor, 'declarations.receive', { unitPath: commonPath }))
      throw fieldError('ids', 'field.publication_one_unit');
    const grant = { unitId: common.at(-1)! };
    const endsOn =
      input.method === 'posting'
        ? (await computeDue(tx, 'declaration.posting_period', input.startedOn)).due
        : input.startedOn;
    const [pub] = await tx
      .insert(declarationPublications)
      .values({
        unitId: grant.unitId,
        year: rows[0]!.d.year,
        method: input.method,
        startedOn: input.startedOn,
        endsOn,
        place: input.place,
        attendeesCalled: input.method === 'meeting' ? input.attendeesCalled! : null,
        attendeesPresent: input.method === 'meeting' ? input.attendeesPresent! : null,
        questions: input.questions ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await finishClocks(
      tx,
      rows.map((r) => r.d.id),
      input.startedOn,
      ['declaration.publication'],
    );
    await tx
      .update(declarations)
      .set({ publicationId: pub!.id })
      .where(
        inArray(
          declarations.id,
          rows.map((r) => r.d.id),
        ),
      );
    await audit(tx, ctx, {
      action: 'declaration_publication.created',
      entityType: 'declaration_publication',
      entityId: pub!.id,
      unitId: grant.unitId,
      changes: { method: input.method, startedOn: input.startedOn, endsOn, declarations: rows.length },
    });
    return pub!.id;
  });
  return getPublication(ctx, id);
}

async function loadPublication(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ p: declarationPublications, path: units.path, unitName: units.name, parentId: units.parentId })
    .from(declarationPublications)
    .innerJoin(units, eq(units.id, declarationPublications.unitId))
    .where(eq(declarationPublications.id, id));
  if (
    !row ||
    !(
      can(ctx.actor, 'declarations.receive', { unitPath: row.path }) ||
      can(ctx.actor, 'declarations.control', { unitPath: row.path })
    )
  )
    throw new AppError('not_found');
  return row;
}

/** A publication with the declarations it published: names, positions, kind and dates — never content. */
export async function getPublication(ctx: Ctx, id: string) {
  const { p, unitName } = await loadPublication(ctx, id);
  const listed = await ctx.db
    .select({ d: declarations, fullName: users.fullName, positionName: positions.name })
    .from(declarations)
    .innerJoin(users, eq(users.id, declarations.userId))
    .leftJoin(positions, eq(positions.id, users.positionId))
    .where(eq(declarations.publicationId, id))
    .orderBy(sql`liem_fold(${users.fullName})`);
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    year: p.year,
    method: p.method as 'posting' | 'meeting',
    startedOn: p.startedOn,
    endsOn: p.endsOn,
    place: p.place,
    attendeesCalled: p.attendeesCalled,
    attendeesPresent: p.attendeesPresent,
    questions: p.questions,
    declarations: listed.map(({ d, fullName, positionName }) => ({
      id: d.id,
      fullName,
      positionName,
      kind: d.kind as DeclarationKind,
      submittedAt: d.submittedAt?.toISOString() ?? null,
    })),
  };
}

/** The officer's publications, newest first. */
export async function listPublications(ctx: Ctx) {
  if (!canAnywhere(ctx.actor, 'declarations.receive') && !canAnywhere(ctx.actor, 'declarations.control'))
    throw new AppError('not_found');
  const receive = scopeFilter(ctx.actor, 'declarations.receive', units.path) ?? sql`true`;
  const control = scopeFilter(ctx.actor, 'declarations.control', units.path) ?? sql`true`;
  const rows = await ctx.db
    .select({
      p: declarationPublications,
      unitName: units.name,
      n: sql<number>`(select count(*)::int from ${declarations} d where d.publication_id = ${declarationPublications.id})`,
    })
    .from(declarationPublications)
    .innerJoin(units, eq(units.id, declarationPublications.unitId))
    .where(sql`(${receive} or ${control})`)
    .orderBy(desc(declarationPublications.startedOn), desc(declarationPublications.createdAt))
    .limit(200);
  return rows.map(({ p, unitName, n }) => ({
    id: p.id,
    unitName,
    year: p.year,
    method: p.method as 'posting' | 'meeting',
    startedOn: p.startedOn,
    endsOn: p.endsOn,
    place: p.place,
    declarations: n,
  }));
}

/** The list and minutes of a publication as a Word document in the administrative frame (Decree 30/2020). */
export async function publicationDocx(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await loadPublication(ctx, id);
  const pub = await getPublication(ctx, id);
  const [parent] = row.parentId
    ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, row.parentId))
    : [];
  const date = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const kindName: Record<DeclarationKind, string> = {
    first_time: 'Lần đầu',
    annual: 'Hằng năm',
    supplementary: 'Bổ sung',
    personnel: 'Phục vụ công tác cán bộ',
  };
  const posting = pub.method === 'posting';
  const text = (s: string) => para([run(s, { size: 14 })], AlignmentType.JUSTIFIED, 120);
  // 15 days counted from the posting; a last day on a day off moves to the next working day — said so,
  // else "15 days, until 21/12" from 05/12 reads as a miscount (issue-18 review).
  const fifteenth = new Date(Date.parse(`${pub.startedOn}T00:00:00Z`) + 15 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const rolled =
    pub.endsOn !== fifteenth ? '; ngày cuối trùng ngày nghỉ nên kéo dài đến ngày làm việc tiếp theo' : '';
  return administrativeDocx({
    issuer: pub.unitName,
    parent: parent?.name ?? null,
    numberKind: 'BB',
    place: await placeOf(ctx.db, row.path),
    date: pub.startedOn,
    kind: 'BIÊN BẢN',
    summary: posting
      ? `Niêm yết công khai bản kê khai tài sản, thu nhập năm ${pub.year}`
      : `Công khai bản kê khai tài sản, thu nhập năm ${pub.year} tại cuộc họp`,
    title: `Biên bản công khai bản kê khai tài sản, thu nhập năm ${pub.year} — ${pub.unitName}`,
    body: [
      text(
        'Căn cứ Luật Phòng, chống tham nhũng năm 2018 và Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn trong cơ quan, tổ chức, đơn vị (Điều 11, Điều 12);',
      ),
      text(
        posting
          ? `Hôm nay, ngày ${date(pub.startedOn)}, tại ${pub.place}, ${pub.unitName} niêm yết công khai ${pub.declarations.length} bản kê khai tài sản, thu nhập năm ${pub.year} của những người có tên dưới đây. Thời gian niêm yết từ ngày ${date(pub.startedOn)} đến hết ngày ${date(pub.endsOn)} (15 ngày${rolled}).`
          : `Hôm nay, ngày ${date(pub.startedOn)}, tại ${pub.place}, ${pub.unitName} tổ chức cuộc họp công khai ${pub.declarations.length} bản kê khai tài sản, thu nhập năm ${pub.year} của những người có tên dưới đây. Số người được triệu tập: ${pub.attendeesCalled}; số người có mặt: ${pub.attendeesPresent} (bảo đảm ít nhất 2/3 theo quy định).`,
      ),
      dataTable(
        ['STT', 'Họ và tên', 'Chức vụ, vị trí công tác', 'Loại kê khai', 'Ngày nộp'],
        [8, 30, 32, 15, 15],
        pub.declarations.map((d, i) => ({
          cells: [
            String(i + 1),
            d.fullName,
            d.positionName ?? '',
            kindName[d.kind],
            d.submittedAt ? date(vnToday(new Date(d.submittedAt))) : '',
          ],
        })),
      ),
      text(
        posting
          ? 'Trong thời gian niêm yết, ý kiến phản ánh về nội dung bản kê khai được gửi đến người đứng đầu cơ quan, đơn vị để xem xét, yêu cầu giải trình theo quy định.'
          : `Ý kiến phản ánh, chất vấn và giải trình tại cuộc họp: ${pub.questions?.trim() || 'Không có ý kiến.'}`,
      ),
      text('Biên bản được lập thành 02 bản, 01 bản lưu hồ sơ kê khai, 01 bản lưu tại đơn vị.'),
    ],
    // Signed by the head (or the meeting's chair) and the trade union's representative (Decree 130
    // Art. 11(4)–(5)).
    parties: [
      { title: posting ? 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ' : 'CHỦ TRÌ CUỘC HỌP', name: null },
      { title: 'ĐẠI DIỆN BAN CHẤP HÀNH CÔNG ĐOÀN', name: null },
    ],
  });
}

/**
 * The copies posted or read at the workplace (Decree 130 Art. 11): every declaration of a publication as
 * its form, one after another, without ID numbers. Made by the officer who publishes; each declaration
 * read for it is audited as read.
 */
export async function publicationCopies(ctx: Ctx, id: string, format: 'docx' | 'pdf'): Promise<Buffer> {
  const { p, path, unitName } = await loadPublication(ctx, id);
  if (!can(ctx.actor, 'declarations.receive', { unitPath: path })) throw new AppError('not_found');
  // Read in one transaction; every read audited in one append once the copies are made (up to 500).
  const { blocks, reads } = await ctx.db.transaction(async (tx) => {
    const found = await tx
      .select({ d: declarations, path: units.path, unitName: units.name, fullName: users.fullName })
      .from(declarations)
      .innerJoin(units, eq(units.id, declarations.unitId))
      .innerJoin(users, eq(users.id, declarations.userId))
      .where(eq(declarations.publicationId, id))
      .orderBy(sql`liem_fold(${users.fullName})`);
    const out: Block[] = [];
    const reads: AuditInput[] = [];
    for (const r of found) {
      const reader = readerOf(ctx, r.d, r.path);
      if (!reader) throw new AppError('not_found');
      const row = { ...r, reader };
      const read = await readLoaded(tx, row);
      if (out.length > 0) out.push({ kind: 'break' });
      out.push(...declarationLayout(read, { publication: true }).blocks);
      if (reader !== 'declarant') reads.push(viewed(row, 'publication'));
    }
    return { blocks: out, reads };
  });
  const bytes = await renderLayout(format, {
    title: `Bản kê khai tài sản, thu nhập năm ${p.year} công khai tại ${unitName}`,
    footer: 'Bản công khai',
    blocks,
  });
  await ctx.db.transaction((tx) => auditMany(tx, ctx, reads));
  return bytes;
}
