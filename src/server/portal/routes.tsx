import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { vnToday } from '#server/clock.ts';
import { issuesToFields, toAppError } from '#server/http/errors.ts';
import { readForm } from '#server/http/multipart.ts';
import { crossSite } from '#server/http/plugin.ts';
import { publishedRanking, publishedResults } from '#server/modules/assessments/service.ts';
import { publishedDraws, publishedRecord } from '#server/modules/declarations/verification.ts';
import {
  communes,
  listedEnterprises,
  register,
  verify as verifyRegistration,
} from '#server/modules/enterprises/service.ts';
import { publishedGifts } from '#server/modules/integrity/gifts.ts';
import { fromBase64, randomBytes, toBase64, tokenKey } from '#server/modules/keys/crypto.ts';
import { units } from '#server/modules/org/tables.ts';
import { type CleanFile, cleanAttachment, plainName } from '#server/modules/reports/attachments.ts';
import { draftFiles, dropDraft, isDraftSecret, keepDraftFiles } from '#server/modules/reports/drafts.ts';
import {
  loadReporterSession,
  openWithReceipt,
  type ReporterSession,
  reporterReply,
  reporterView,
  signOutReporter,
} from '#server/modules/reports/reporter.ts';
import { formatReceipt } from '#server/modules/reports/secrets.ts';
import * as reports from '#server/modules/reports/service.ts';
import { publicStatistics, statisticsCsv } from '#server/modules/reports/stats.ts';
import { RegistrationBody } from '#shared/enterprises/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Language, type MessageKey, pickLanguage, translate } from '#shared/i18n/index.ts';
import { ReportSubmit } from '#shared/reports/schemas.ts';
import { portalCopy } from './copy.ts';
import {
  ChooseStep,
  ContactsPage,
  DetailsForm,
  EnterpriseCode,
  EnterpriseList,
  EnterpriseRegister,
  type FieldErrors,
  FollowUpForm,
  GiftsPage,
  HomePage,
  LotteryList,
  ReceiptPage,
  ReporterView,
  ResultsList,
  ResultsPage,
  render,
  StatsPage,
} from './pages.tsx';

export const RECEIPT_COOKIE = 'liem_receipt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COOKIE_PATH = '/follow-up';

// Every portal page acts as no one, also in a browser signed in to the staff app (issue 15, sec22 F1).
/** The plain-Python verifier of docs/, served as it is in the repository (read once). */
let verifier: string | null = null;
const verifierScript = () =>
  (verifier ??= readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'docs', 'lottery-verify.py'),
    'utf8',
  ));

const publicRoute = { config: { access: 'anonymous' as const }, schema: { hide: true } };

function langOf(req: FastifyRequest, fields?: Record<string, string>): Language {
  const q = (req.query as { lang?: string } | undefined)?.lang ?? fields?.lang;
  return q === 'en' || q === 'vi' ? q : pickLanguage(req.headers['accept-language']);
}

function page(
  reply: FastifyReply,
  lang: Language,
  path: string,
  title: string,
  body: ReactNode,
  status = 200,
) {
  return (
    reply
      .status(status)
      .header('cache-control', 'no-store')
      // Nothing leaks to other sites, while our own forms keep their Origin (no-referrer would send "null").
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(render({ lang, path, title, children: body }))
  );
}

/** Cross-site form posts are refused: the browser's Origin must be this site's (cookies are SameSite too). */
const sameOrigin = (req: FastifyRequest) => req.headers.origin !== 'null' && !crossSite(req);

const csrfOf = (token: string) => toBase64(tokenKey(token, 'liem/reporter-csrf/v1'));

const translated = (lang: Language, err: AppError): FieldErrors =>
  Object.fromEntries(
    Object.entries(err.details.fields ?? {}).map(([k, f]) => [k, translate(lang, f.key, f.values)]),
  );

/** Portal form fields → the same shape the API takes, so one schema checks both. */
function submissionFrom(fields: Record<string, string>) {
  const v = (k: string) => fields[k] ?? '';
  const identityGiven = ['fullName', 'idNumber', 'phone', 'email', 'address'].some((k) => v(k).trim() !== '');
  return {
    receivedUnitId: v('to'),
    concernedUnitId: v('concerned') || null,
    categoryCode: v('categoryCode'),
    content: {
      title: v('title'),
      description: v('description'),
      officials: v('officials'),
      when: v('when'),
      where: v('where'),
      amountVnd: v('amountVnd'),
    },
    identity: identityGiven
      ? {
          fullName: v('fullName'),
          idNumber: v('idNumber'),
          phone: v('phone'),
          email: v('email'),
          address: v('address'),
        }
      : null,
    consent: v('consent') === 'yes',
  };
}

/** Nested API field paths (content.title) are the flat form names (title). */
const flat = (fields: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.split('.').pop()!, m]));

/** The public citizen portal: server-rendered, no JavaScript, no third-party resource, no cookie before a receipt. */
export async function portalRoutes(app: FastifyInstance) {
  const config = app.liemConfig;
  const maxMb = Math.floor(config.uploadMaxBytes / 1048576);

  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err, req);
    const lang = langOf(req);
    const c = portalCopy[lang];
    if (e.code === 'rate_limited') {
      return page(
        reply,
        lang,
        '/follow-up',
        c.followTitle,
        <FollowUpForm c={c} lang={lang} error={c.tooMany} />,
        429,
      );
    }
    // Busy is not a fault: said with when to come back, logged without a stack.
    if (e.code === 'unavailable') {
      reply.header('retry-after', String(e.details.retryAfterSeconds ?? 30));
      req.log.warn('portal busy');
    } else if (e.status >= 500) req.log.error({ err }, 'portal error');
    const message = translate(lang, `error.${e.code}` as Parameters<typeof translate>[1]);
    return page(reply, lang, '/', message, <p className="errors">{message}</p>, e.status);
  });

  app.get('/', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    return page(reply, lang, '/', c.homeTitle, <HomePage c={c} lang={lang} />);
  });

  async function renderDetails(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    to: string,
    concernedId: string | null,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    keptFiles: Array<{ name: string; size: number }> = [],
  ) {
    const c = portalCopy[lang];
    const receiving = await reports.receivingUnits(req.ctx.db);
    const target = receiving.find((u) => u.id === to);
    if (!target) return reply.redirect(lang === 'en' ? '/report?lang=en' : '/report', 303);
    const [concerned] =
      concernedId && UUID.test(concernedId)
        ? await req.ctx.db
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(eq(units.id, concernedId))
        : [];
    const categories = (await reports.listCategories(req.ctx.db)).map((x) => ({
      code: x.code,
      name: lang === 'vi' ? x.nameVi : x.nameEn,
    }));
    return page(
      reply,
      lang,
      req.url,
      c.stepDetails,
      <DetailsForm
        c={c}
        lang={lang}
        to={target}
        concerned={concerned ?? null}
        categories={categories}
        token={values.token || toBase64(randomBytes(32))}
        values={values}
        errors={errors}
        maxMb={maxMb}
        keptFiles={keptFiles}
      />,
      status,
    );
  }

  app.get('/report', publicRoute, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const lang = langOf(req);
    const c = portalCopy[lang];
    const receiving = await reports.receivingUnits(req.ctx.db);
    const to = receiving.some((u) => u.id === q.to) ? q.to : undefined;
    if (q.step === 'details' && to) {
      const concerned = q.concerned && UUID.test(q.concerned) ? q.concerned : null;
      return renderDetails(req, reply, lang, to, concerned, {}, {});
    }
    const unitq = (q.unitq ?? '').slice(0, 100);
    const matches = q.step === 'search' ? await reports.findUnits(req.ctx.db, unitq) : undefined;
    return page(
      reply,
      lang,
      req.url,
      c.stepChoose,
      <ChooseStep
        c={c}
        lang={lang}
        receiving={receiving}
        to={to}
        unitq={unitq}
        matches={matches}
        error={q.step === 'details' && !to ? c.chooseReceiving : undefined}
      />,
    );
  });

  const formRoute = {
    ...publicRoute,
    config: {
      ...publicRoute.config,
      rateLimit: { max: config.portalFormRateLimitPerMinute, timeWindow: '1 minute' },
    },
  };
  app.post('/report', formRoute, async (req, reply) => {
    const form = await readForm(req, reports.MAX_FILES);
    const lang = langOf(req, form.fields);
    const c = portalCopy[lang];
    const values = { ...form.fields };
    const to = values.to ?? '';
    const concerned = values.concerned || null;
    const refused = !sameOrigin(req)
      ? 'origin'
      : (values.website ?? '') !== ''
        ? 'honeypot'
        : /^[A-Za-z0-9_-]{43}$/.test(values.token ?? '')
          ? null
          : 'token';
    if (refused) {
      // Only the reason is logged: never an address, a browser or anything typed.
      req.log.warn({ refused }, 'portal form refused');
      return renderDetails(
        req,
        reply,
        lang,
        to,
        concerned,
        { ...values, token: '' },
        { _: c.originError },
        400,
      );
    }
    // Each new file is checked now: good ones are kept in the draft, a bad one is named in the error.
    const draft = isDraftSecret(values.draft) ? values.draft : undefined;
    const fresh: CleanFile[] = [];
    let errors: FieldErrors = {};
    let busy = false;
    for (const f of form.files) {
      try {
        if (busy) break;
        if (f.truncated) throw fieldError('files', 'field.file_too_large', { name: f.name, max: maxMb });
        fresh.push(await cleanAttachment(f.name, f.content, config.uploadMaxBytes, { strip: f.strip }));
      } catch (e) {
        // The server is busy cleaning others' files: what was typed (and the files cleaned so far) is
        // kept, and the reporter is asked to send again shortly — never a bare error page.
        if (e instanceof AppError && e.code === 'unavailable') {
          busy = true;
          errors.files = translate(lang, 'field.files_busy');
          continue;
        }
        if (!(e instanceof AppError) || e.code !== 'validation') throw e;
        errors = { ...errors, ...flat(translated(lang, e)) };
      }
    }
    const previous = draft ? await draftFiles(req.ctx.db, draft) : [];
    if (previous.length + fresh.length > reports.MAX_FILES)
      errors.files = translate(lang, 'field.too_many_files', { max: reports.MAX_FILES });
    const parsed = ReportSubmit.safeParse(submissionFrom(values));
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      errors = {
        ...flat(
          Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, translate(lang, f.key, f.values)])),
        ),
        ...errors,
      };
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      const kept = await keepDraftFiles(req.ctx.db, draft, errors.files && !busy ? [] : fresh, {
        perDraft: config.uploadMaxBytes,
        total: config.draftStorageMaxBytes,
      });
      if (kept.full) errors.files = c.draftFull;
      if (busy) reply.header('retry-after', '30');
      return renderDetails(
        req,
        reply,
        lang,
        to,
        concerned,
        { ...values, draft: kept.secret },
        errors,
        busy ? 503 : 400,
        kept.kept,
      );
    }
    try {
      const out = await reports.submitReport(req.ctx, {
        ...parsed.data,
        channel: 'web',
        // Kept under plain names: what the reporter called a file can name them (see plainName).
        files: [...previous, ...fresh].map((f, i) => plainName(f, i + 1)),
        token: fromBase64(values.token!),
      });
      if (draft) await dropDraft(req.ctx.db, draft);
      return page(
        reply,
        lang,
        '/report',
        c.receiptTitle,
        <ReceiptPage
          c={c}
          lang={lang}
          number={out.number}
          receipt={formatReceipt(out.receipt)}
          duplicate={out.duplicate}
        />,
        201,
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return renderDetails(req, reply, lang, to, concerned, values, flat(translated(lang, e)), 400);
      throw e;
    }
  });

  // ---- follow-up with a receipt

  async function reporterSession(req: FastifyRequest): Promise<{ token: string; s: ReporterSession } | null> {
    const token = req.cookies[RECEIPT_COOKIE];
    if (!token) return null;
    const s = await loadReporterSession(req.ctx.db, token, req.ctx.clock.now());
    return s ? { token, s } : null;
  }

  app.get('/follow-up', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const ended = (req.query as { ended?: string }).ended === '1';
    return page(
      reply,
      lang,
      '/follow-up',
      c.followTitle,
      <FollowUpForm c={c} lang={lang} error={ended ? c.sessionEnded : undefined} />,
    );
  });

  app.post(
    '/follow-up',
    {
      ...publicRoute,
      // Addresses live only in this in-memory counter; each attempt also costs an Argon2id derivation.
      config: {
        ...publicRoute.config,
        rateLimit: { max: config.receiptRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const form = await readForm(req, 0);
      const lang = langOf(req, form.fields);
      const c = portalCopy[lang];
      if (!sameOrigin(req))
        return page(
          reply,
          lang,
          '/follow-up',
          c.followTitle,
          <FollowUpForm c={c} lang={lang} error={c.originError} />,
          403,
        );
      try {
        const { token, expiresAt } = await openWithReceipt(req.ctx, form.fields.receipt ?? '');
        reply.setCookie(RECEIPT_COOKIE, token, {
          path: COOKIE_PATH,
          httpOnly: true,
          secure: config.cookieSecure,
          sameSite: 'strict',
          expires: expiresAt,
        });
        return reply.redirect(lang === 'en' ? '/follow-up/report?lang=en' : '/follow-up/report', 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'validation') throw e;
        const error = translated(lang, e).receipt ?? c.originError;
        return page(
          reply,
          lang,
          '/follow-up',
          c.followTitle,
          <FollowUpForm c={c} lang={lang} error={error} />,
          400,
        );
      }
    },
  );

  async function showReport(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    session: { token: string; s: ReporterSession },
    opts: { sent?: boolean; errors?: FieldErrors; values?: Record<string, string>; status?: number } = {},
  ) {
    const c = portalCopy[lang];
    const view = await reporterView(req.ctx, session.s);
    return page(
      reply,
      lang,
      '/follow-up/report',
      view.number,
      <ReporterView
        c={c}
        lang={lang}
        csrf={csrfOf(session.token)}
        sent={!!opts.sent}
        errors={opts.errors ?? {}}
        values={opts.values ?? {}}
        maxMb={maxMb}
        view={view}
      />,
      opts.status ?? 200,
    );
  }

  const ended = (reply: FastifyReply, lang: Language) =>
    reply.redirect(lang === 'en' ? '/follow-up?ended=1&lang=en' : '/follow-up?ended=1', 303);

  app.get('/follow-up/report', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const session = await reporterSession(req);
    if (!session) return ended(reply, lang);
    return showReport(req, reply, lang, session, { sent: (req.query as { sent?: string }).sent === '1' });
  });

  app.post('/follow-up/reply', formRoute, async (req, reply) => {
    const form = await readForm(req, reports.MAX_FILES);
    const lang = langOf(req, form.fields);
    const session = await reporterSession(req);
    if (!session) return ended(reply, lang);
    if (!sameOrigin(req) || form.fields.csrf !== csrfOf(session.token)) throw new AppError('csrf');
    try {
      await reporterReply(req.ctx, session.s, { body: form.fields.body ?? '', files: form.files });
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return showReport(req, reply, lang, session, {
          errors: translated(lang, e),
          values: { body: form.fields.body ?? '', strip: form.fields.strip ?? '' },
          status: 400,
        });
      throw e;
    }
    return reply.redirect(
      lang === 'en' ? '/follow-up/report?sent=1&lang=en' : '/follow-up/report?sent=1',
      303,
    );
  });

  app.post('/follow-up/sign-out', publicRoute, async (req, reply) => {
    const form = await readForm(req, 0);
    const lang = langOf(req, form.fields);
    const session = await reporterSession(req);
    if (session && form.fields.csrf === csrfOf(session.token))
      await signOutReporter(req.ctx.db, session.token);
    reply.clearCookie(RECEIPT_COOKIE, { path: COOKIE_PATH });
    return reply.redirect(lang === 'en' ? '/?lang=en' : '/', 303);
  });

  // ---- published assessment results

  app.get('/results', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const items = await publishedResults(req.ctx.db);
    return page(reply, lang, '/results', c.resultsTitle, <ResultsList c={c} lang={lang} items={items} />);
  });

  app.get('/results/:id', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const id = (req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found');
    const { campaign, rows, parts } = await publishedRanking(req.ctx.db, id);
    const named = parts.map((p) => ({
      code: p.code,
      title: lang === 'vi' ? p.titleVi : p.titleEn,
      maxPoints: Number(p.maxPoints),
      minPoints: Number(p.minPoints),
    }));
    return page(
      reply,
      lang,
      `/results/${id}`,
      campaign.title,
      <ResultsPage c={c} title={campaign.title} parts={named} rows={rows} />,
    );
  });

  // ---- verification lotteries: every drawn record, for anyone to recompute (Decree 130 Art. 15; ADR 0025)

  app.get('/lotteries', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const items = await publishedDraws(req.ctx.db);
    return page(reply, lang, '/lotteries', c.lotteriesTitle, <LotteryList c={c} lang={lang} items={items} />);
  });

  app.get('/lotteries/verify.py', publicRoute, async (_req, reply) =>
    reply
      .type('text/x-python; charset=utf-8')
      .header('content-disposition', 'attachment; filename="lottery-verify.py"')
      .header('cache-control', 'public, max-age=3600')
      .send(verifierScript()),
  );

  app.get('/lotteries/:id', publicRoute, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found');
    const record = await publishedRecord(req.ctx.db, id);
    return reply
      .type('application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="boc-tham-${record.inputs.plan.year}-${id.slice(0, 8)}.json"`,
      )
      .header('cache-control', 'public, max-age=600')
      .send(`${JSON.stringify(record, null, 2)}\n`);
  });

  // ---- enterprises

  app.get('/enterprise/register', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const list = await communes(req.ctx.db);
    return page(
      reply,
      lang,
      '/enterprise/register',
      c.entTitle,
      <EnterpriseRegister c={c} lang={lang} communes={list} values={{}} errors={{}} />,
    );
  });

  app.post(
    '/enterprise/register',
    { ...publicRoute, config: { ...publicRoute.config, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = await readForm(req, 0);
      const lang = langOf(req, form.fields);
      const c = portalCopy[lang];
      const values = form.fields;
      const again = async (errors: FieldErrors) =>
        page(
          reply,
          lang,
          '/enterprise/register',
          c.entTitle,
          <EnterpriseRegister
            c={c}
            lang={lang}
            communes={await communes(req.ctx.db)}
            values={values}
            errors={errors}
          />,
          400,
        );
      if (!sameOrigin(req)) return again({ _: c.originError });
      const { lang: _l, ...fields } = values;
      const parsed = RegistrationBody.safeParse({ ...fields, repPhone: fields.repPhone || null });
      if (!parsed.success) {
        const f = issuesToFields(parsed.error.issues);
        return again(
          Object.fromEntries(Object.entries(f).map(([k, v]) => [k, translate(lang, v.key, v.values)])),
        );
      }
      try {
        const { id } = await register({ ...req.ctx, lang }, parsed.data);
        return page(
          reply,
          lang,
          '/enterprise/verify',
          c.codeTitle,
          <EnterpriseCode c={c} lang={lang} id={id} />,
          201,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation') return again(translated(lang, e));
        throw e;
      }
    },
  );

  app.post(
    '/enterprise/verify',
    { ...publicRoute, config: { ...publicRoute.config, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = await readForm(req, 0);
      const lang = langOf(req, form.fields);
      const c = portalCopy[lang];
      const id = form.fields.id ?? '';
      if (!sameOrigin(req) || !UUID.test(id)) throw new AppError('not_found');
      try {
        await verifyRegistration(req.ctx, id, form.fields.code ?? '');
        return page(
          reply,
          lang,
          '/enterprise/verify',
          c.codeTitle,
          <p className="card" role="status">
            {c.entDone}
          </p>,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation')
          return page(
            reply,
            lang,
            '/enterprise/verify',
            c.codeTitle,
            <EnterpriseCode c={c} lang={lang} id={id} error={Object.values(translated(lang, e))[0]} />,
            400,
          );
        throw e;
      }
    },
  );

  app.get('/enterprises', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const items = await listedEnterprises(req.ctx.db);
    return page(
      reply,
      lang,
      '/enterprises',
      c.entListTitle,
      <EnterpriseList c={c} lang={lang} items={items} />,
    );
  });

  // ---- how to reach each receiving body outside Liêm

  app.get('/contacts', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const bodies = await reports.receivingContacts(req.ctx.db);
    return page(reply, lang, '/contacts', c.contactsTitle, <ContactsPage c={c} units={bodies} />);
  });

  // ---- the gift register units publish (open data; rev20 P7: it was JSON linked from the staff app)

  const giftYear = (req: FastifyRequest) => {
    const y = Number((req.query as { year?: string }).year);
    const now = Number(vnToday(req.ctx.clock.now()).slice(0, 4));
    return Number.isInteger(y) && y >= 2019 && y <= now ? y : now;
  };
  const labelledGifts = async (req: FastifyRequest, lang: Language, year: number) =>
    (await publishedGifts(req.ctx.db, year)).map((g) => ({
      ...g,
      kindLabel: translate(lang, `ui.gift.kind.${g.kind}` as MessageKey),
      handlingLabel: translate(lang, `ui.gift.handling.${g.handling}` as MessageKey),
    }));

  app.get('/gifts', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const year = giftYear(req);
    const gifts = await labelledGifts(req, lang, year);
    return page(
      reply,
      lang,
      '/gifts',
      c.giftsTitle,
      <GiftsPage c={c} lang={lang} year={year} gifts={gifts} />,
    );
  });

  app.get('/gifts.csv', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const year = giftYear(req);
    const gifts = await labelledGifts(req, lang, year);
    // A cell a spreadsheet would take for a formula is written as text.
    const q = (s: string | number | null) => {
      const t = s === null ? '' : String(s);
      return `"${(/^[=+\-@\t\r]/.test(t) ? `'${t}` : t).replace(/"/g, '""')}"`;
    };
    const head = [
      c.giftNumber,
      c.giftUnit,
      c.giftRecipient,
      c.giftGiver,
      c.giftKind,
      c.giftDescription,
      c.giftValue,
      c.giftReceived,
      c.giftHandedOver,
      c.giftHandling,
      c.giftHandled,
    ];
    const lines = [
      head.map(q).join(','),
      ...gifts.map((g) =>
        [
          g.number,
          g.unitName,
          g.recipientPosition,
          g.giverAgency,
          g.kindLabel,
          g.description,
          g.valueVnd,
          g.receivedOn,
          g.handedOverOn,
          g.handlingLabel,
          g.handledOn,
        ]
          .map(q)
          .join(','),
      ),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="liem-qua-tang-${year}.csv"`)
      .header('cache-control', 'public, max-age=600')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  // ---- public statistics

  app.get('/statistics', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const c = portalCopy[lang];
    const stats = await publicStatistics(req.ctx.db, req.ctx.clock.now(), lang);
    return page(
      reply,
      lang,
      '/statistics',
      c.statsTitle,
      <StatsPage
        c={c}
        lang={lang}
        through={stats.through}
        withheld={stats.withheld}
        byMonth={stats.byMonth}
        byCategory={stats.byCategory}
        byLevel={stats.byLevel}
      />,
    );
  });

  app.get('/statistics.csv', publicRoute, async (req, reply) => {
    const lang = langOf(req);
    const stats = await publicStatistics(req.ctx.db, req.ctx.clock.now(), lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="liem-thong-ke-${stats.from.slice(0, 7)}.csv"`)
      .header('cache-control', 'public, max-age=600')
      .send(statisticsCsv(stats));
  });
}
