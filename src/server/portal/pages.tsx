import { Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { vnToday } from '#server/clock.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { type Copy, fill, portalCopy } from './copy.ts';

/** Everything server-rendered, no script: one small stylesheet inline, AA contrast, focus visible. */
const css = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,"Noto Sans",Arial,sans-serif;color:#1f2328;background:#f6f7f9;line-height:1.55;font-size:1.0625rem}
a{color:#0b5cad}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{background:#8b1a1a;color:#fff}header .in{max-width:48rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a{color:#fff}header .brand{font-weight:700;font-size:1.15rem;text-decoration:none;margin-right:auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
main{max-width:48rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
label{display:block;font-weight:600;margin:1rem 0 .25rem}.hint{color:#4f5761;font-size:.95rem;margin:.1rem 0 .35rem}
input[type=text],input[type=email],input[type=tel],input[type=number],select,textarea{width:100%;padding:.55rem .6rem;border:1px solid #6e7781;border-radius:6px;font:inherit;background:#fff}
textarea{min-height:9rem}fieldset{border:1px solid #d0d7de;border-radius:8px;margin:1.25rem 0;padding:.5rem 1rem 1rem}legend{font-weight:700;padding:0 .25rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.check input{margin-top:.35rem}
button,.button{display:inline-block;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.65rem 1.1rem;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#0b5cad;border:1px solid #0b5cad}
.error{color:#a40e26;font-weight:600;margin:.25rem 0}.errors{border:2px solid #a40e26;background:#fff5f5;border-radius:8px;padding:.75rem 1rem}
.invalid{border-color:#a40e26!important;border-width:2px!important}
.receipt{font-family:ui-monospace,"Noto Sans Mono",monospace;font-size:2rem;letter-spacing:.08em;background:#fff;border:2px dashed #8b1a1a;padding:.75rem 1rem;display:inline-block;margin:.5rem 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left}td.n,th.n{text-align:right}
.scroll{overflow-x:auto}.scroll>table.wide{min-width:56rem}.scroll>table.wide :is(th,td){min-width:6.5rem}.scroll thead th:first-child{position:sticky;left:0;background:#fff}.scroll th[scope=row]{position:sticky;left:0;background:#fff;min-width:7rem}
.bars{list-style:none;padding:0;margin:.5rem 0}.bars li{display:grid;grid-template-columns:minmax(0,14rem) minmax(0,1fr);gap:.5rem;align-items:center;margin:.2rem 0}.bars .b{display:flex;align-items:center;gap:.35rem}.bars .b>span:first-child{display:block;flex:none;height:1rem;background:#0b5cad;border-radius:2px}.bars .v{font-variant-numeric:tabular-nums}@media (max-width:30rem){.bars li{grid-template-columns:1fr;gap:0}}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}@media (max-width:30rem){th,td{padding:.3rem .35rem}}
.msg{border-left:4px solid #0b5cad;background:#fff;padding:.5rem .75rem;margin:.75rem 0}.msg.you{border-color:#57606a}.msg.q{border-color:#8b1a1a}
.meta{color:#4f5761;font-size:.9rem}dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}@media (max-width:30rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
footer{max-width:48rem;margin:0 auto;padding:1rem;color:#4f5761;font-size:.9rem}
`;

export interface PageProps {
  lang: Language;
  path: string;
  title: string;
  children: ReactNode;
}

/** Adds ?lang=en to portal links when the page is in English (no cookie remembers it). */
export const href = (lang: Language, path: string) =>
  lang === 'vi' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=en`;

function Layout({ lang, path, title, children }: PageProps) {
  const c = portalCopy[lang];
  const other: Language = lang === 'vi' ? 'en' : 'vi';
  const otherHref = other === 'vi' ? `${path}${path.includes('?') ? '&' : '?'}lang=vi` : href('en', path);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} — Liêm`}</title>
        <style>{css}</style>
      </head>
      <body>
        <a className="skip" href="#main">
          {c.skip}
        </a>
        <header>
          <div className="in">
            <a className="brand" href={href(lang, '/')}>
              Liêm
            </a>
            <nav aria-label={c.siteTitle}>
              <ul>
                <li>
                  <a href={href(lang, '/report')}>{c.navReport}</a>
                </li>
                <li>
                  <a href={href(lang, '/follow-up')}>{c.navFollowUp}</a>
                </li>
                <li>
                  <a href={href(lang, '/statistics')}>{c.navStats}</a>
                </li>
                <li>
                  <a href={href(lang, '/results')}>{c.navResults}</a>
                </li>
                <li>
                  <a href={href(lang, '/enterprises')}>{c.entListTitle}</a>
                </li>
                <li>
                  <a href={href(lang, '/lotteries')}>{c.navLotteries}</a>
                </li>
                <li>
                  <a href={href(lang, '/gifts')}>{c.navGifts}</a>
                </li>
                <li>
                  <a href={otherHref} lang={other} hrefLang={other}>
                    {c.otherLanguage}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer>{c.footer}</footer>
      </body>
    </html>
  );
}

export const render = (props: PageProps) => `<!doctype html>${renderToStaticMarkup(<Layout {...props} />)}`;

export function HomePage({ c, lang }: { c: Copy; lang: Language }) {
  return (
    <>
      <h1>{c.homeTitle}</h1>
      <p>{c.homeLead}</p>
      <p>
        <a className="button" href={href(lang, '/report')}>
          {c.homeStart}
        </a>
      </p>
      <h2>{c.whatTitle}</h2>
      <ul>
        {c.whatItems.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h2>{c.namedTitle}</h2>
      <p>{c.namedText}</p>
      <h2>{c.protectTitle}</h2>
      <ul>
        {c.protectItems.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h2>{c.nextTitle}</h2>
      <p>{c.nextText}</p>
      <h2>{c.saferTitle}</h2>
      <ul>
        {c.saferItems.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h2>{c.otherWaysTitle}</h2>
      <p>
        {c.otherWaysText} <a href={href(lang, '/contacts')}>{c.otherWaysLink}</a>
      </p>
    </>
  );
}

export interface ReceivingContact {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  receptionPlace: string | null;
  receptionHours: string | null;
  headReceptionSchedule: string | null;
}

/** Each receiving body and how to reach it outside Liêm (Law on Citizen Reception Art. 24(2)). */
export function ContactsPage({ c, units }: { c: Copy; units: ReceivingContact[] }) {
  return (
    <>
      <h1>{c.contactsTitle}</h1>
      <p>{c.contactsLead}</p>
      {units.length === 0 ? <p>{c.noReceivingUnits}</p> : null}
      {units.map((u) => {
        const rows: Array<[string, ReactNode]> = [];
        if (u.address) rows.push([c.contactAddress, u.address]);
        if (u.phone)
          rows.push([
            c.contactPhone,
            <a key="tel" href={`tel:${u.phone.replace(/[^\d+]/g, '')}`}>
              {u.phone}
            </a>,
          ]);
        if (u.email)
          rows.push([
            c.contactEmail,
            <a key="mail" href={`mailto:${u.email}`}>
              {u.email}
            </a>,
          ]);
        if (u.receptionPlace) rows.push([c.receptionPlace, u.receptionPlace]);
        if (u.receptionHours) rows.push([c.receptionHours, u.receptionHours]);
        if (u.headReceptionSchedule) rows.push([c.headReception, u.headReceptionSchedule]);
        return (
          <section className="card" key={u.id} aria-labelledby={`u-${u.id}`}>
            <h2 id={`u-${u.id}`}>{u.name}</h2>
            {rows.length === 0 ? (
              <p className="meta">{c.contactNone}</p>
            ) : (
              <dl>
                {rows.map(([label, value]) => (
                  <Fragment key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </>
  );
}

export type FieldErrors = Record<string, string>;

/** Each field's name as its label shows it: the summary says which field, not only what is wrong. */
const fieldLabel = (c: Copy, field: string): string | undefined =>
  (
    ({
      to: c.receivingUnit,
      categoryCode: c.category,
      title: c.title,
      description: c.description,
      officials: c.officials,
      when: c.when,
      where: c.where,
      amountVnd: c.amount,
      files: c.files,
      fullName: c.fullName,
      idNumber: c.idNumber,
      phone: c.phone,
      email: c.email,
      address: c.address,
      consent: c.identityTitle,
      receipt: c.receipt,
      body: c.reply,
      taxCode: c.taxCode,
      name: c.entName,
      sector: c.sector,
      size: c.size,
      communeUnitId: c.commune,
      repName: c.repName,
      repEmail: c.repEmail,
      repPhone: c.repPhone,
    }) as Record<string, string | undefined>
  )[field];

function ErrorSummary({ c, errors }: { c: Copy; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="errors" role="alert" aria-labelledby="error-title">
      <p id="error-title" className="error">
        {c.errorSummary}
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#f-${field}`}>
              {fieldLabel(c, field) ? `${fieldLabel(c, field)}: ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The reporter's choice to send a file without what cannot be cleaned, instead of having it refused. */
function StripChoice({ c, checked }: { c: Copy; checked: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" name="strip" value="yes" defaultChecked={checked} />
      {c.filesStrip}
    </label>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  type?: 'text' | 'email' | 'tel' | 'textarea';
  required?: boolean;
  c: Copy;
  autoComplete?: string;
  maxLength?: number;
}

function Field({
  name,
  label,
  hint,
  errors,
  values,
  type = 'text',
  required,
  c,
  autoComplete,
  maxLength,
}: FieldProps) {
  const id = `f-${name}`;
  const err = errors[name];
  const describedBy =
    [hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required,
    'aria-invalid': err ? true : undefined,
    'aria-describedby': describedBy,
    className: err ? 'invalid' : undefined,
    autoComplete: autoComplete ?? 'off',
    maxLength,
  };
  return (
    <div>
      <label htmlFor={id}>
        {label} {required ? <span className="meta">{c.required}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {err ? (
        <p className="error" id={`${id}-error`}>
          {err}
        </p>
      ) : null}
      {type === 'textarea' ? (
        <textarea {...common} defaultValue={values[name] ?? ''} />
      ) : (
        <input {...common} type={type} defaultValue={values[name] ?? ''} />
      )}
    </div>
  );
}

export interface ChooseProps {
  c: Copy;
  lang: Language;
  receiving: Array<{ id: string; name: string }>;
  to?: string;
  unitq?: string;
  matches?: Array<{ id: string; name: string }>;
  error?: string;
}

export function ChooseStep({ c, lang, receiving, to, unitq, matches, error }: ChooseProps) {
  if (receiving.length === 0)
    return (
      <>
        <h1>{c.navReport}</h1>
        <p className="errors">{c.noReceiving}</p>
      </>
    );
  return (
    <>
      <h1>{c.stepChoose}</h1>
      <form method="get" action="/report" className="card">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <label htmlFor="f-to">
          {c.receivingUnit} <span className="meta">{c.required}</span>
        </label>
        <p className="hint" id="f-to-hint">
          {c.receivingHint}
        </p>
        {error ? (
          <p className="error" id="f-to-error">
            {error}
          </p>
        ) : null}
        <select
          id="f-to"
          name="to"
          defaultValue={to ?? (receiving.length === 1 ? receiving[0]!.id : '')}
          aria-describedby={error ? 'f-to-hint f-to-error' : 'f-to-hint'}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          className={error ? 'invalid' : undefined}
        >
          <option value="">{c.choose}</option>
          {receiving.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <label htmlFor="f-unitq">{c.concernedSearch}</label>
        <p className="hint" id="f-unitq-hint">
          {c.concernedHint}
        </p>
        <input
          id="f-unitq"
          type="text"
          name="unitq"
          defaultValue={unitq ?? ''}
          aria-describedby="f-unitq-hint"
        />
        <p>
          <button type="submit" name="step" value="search" className="secondary">
            {c.search}
          </button>
        </p>
        {matches ? (
          <fieldset>
            <legend>{c.concerning}</legend>
            {matches.length === 0 ? <p>{c.noMatch}</p> : null}
            <label className="check">
              <input type="radio" name="concerned" value="" defaultChecked />
              {c.concernedNone}
            </label>
            {matches.map((m) => (
              <label className="check" key={m.id}>
                <input type="radio" name="concerned" value={m.id} />
                {m.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <p>
          <button type="submit" name="step" value="details">
            {c.continue}
          </button>
        </p>
      </form>
      <p>
        {c.otherWaysText} <a href={href(lang, '/contacts')}>{c.otherWaysLink}</a>
      </p>
    </>
  );
}

export interface DetailsProps {
  c: Copy;
  lang: Language;
  to: { id: string; name: string };
  concerned: { id: string; name: string } | null;
  categories: Array<{ code: string; name: string }>;
  token: string;
  values: Record<string, string>;
  errors: FieldErrors;
  maxMb: number;
  /** Files attached before a form error, kept encrypted under the page's draft secret. */
  keptFiles: Array<{ name: string; size: number }>;
}

export function DetailsForm({
  c,
  lang,
  to,
  concerned,
  categories,
  token,
  values,
  errors,
  maxMb,
  keptFiles,
}: DetailsProps) {
  const f = { c, errors, values };
  return (
    <>
      <h1>{c.stepDetails}</h1>
      <ErrorSummary c={c} errors={errors} />
      <dl className="card">
        <dt>{c.sendingTo}</dt>
        <dd>{to.name}</dd>
        {concerned ? (
          <>
            <dt>{c.concerning}</dt>
            <dd>{concerned.name}</dd>
          </>
        ) : null}
        <dt className="hp">{c.change}</dt>
        <dd>
          <a href={href(lang, `/report?to=${to.id}`)}>{c.change}</a>
        </dd>
      </dl>
      <form method="post" action="/report" encType="multipart/form-data" noValidate>
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="to" value={to.id} />
        <input type="hidden" name="concerned" value={concerned?.id ?? ''} />
        <input type="hidden" name="token" value={token} />
        {values.draft ? <input type="hidden" name="draft" value={values.draft} /> : null}
        <div>
          <label htmlFor="f-categoryCode">
            {c.category} <span className="meta">{c.required}</span>
          </label>
          {errors.categoryCode ? (
            <p className="error" id="f-categoryCode-error">
              {errors.categoryCode}
            </p>
          ) : null}
          <select
            id="f-categoryCode"
            name="categoryCode"
            defaultValue={values.categoryCode ?? ''}
            required
            aria-invalid={errors.categoryCode ? true : undefined}
            aria-describedby={errors.categoryCode ? 'f-categoryCode-error' : undefined}
            className={errors.categoryCode ? 'invalid' : undefined}
          >
            <option value="">{c.choose}</option>
            {categories.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <Field {...f} name="title" label={c.title} required maxLength={200} />
        <Field
          {...f}
          name="description"
          label={c.description}
          hint={c.descriptionHint}
          type="textarea"
          required
        />
        <Field {...f} name="officials" label={c.officials} />
        <Field {...f} name="when" label={c.when} />
        <Field {...f} name="where" label={c.where} />
        <Field {...f} name="amountVnd" label={c.amount} />
        <div>
          <label htmlFor="f-files">{c.files}</label>
          <p className="hint" id="f-files-hint">
            {fill(c.filesHint, { max: maxMb })}
          </p>
          {keptFiles.length > 0 ? (
            <div className="hint">
              {c.filesKept}
              <ul>
                {keptFiles.map((f) => (
                  <li key={`${f.name}-${f.size}`}>
                    {f.name} ({Math.max(1, Math.round(f.size / 1024))} KB)
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {errors.files ? (
            <p className="error" id="f-files-error">
              {errors.files}
            </p>
          ) : null}
          <input
            id="f-files"
            type="file"
            name="files"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.pptx,.odt,.ods,.txt,.csv"
            aria-describedby={errors.files ? 'f-files-hint f-files-error' : 'f-files-hint'}
          />
          <StripChoice c={c} checked={values.strip === 'yes'} />
        </div>
        <fieldset>
          <legend>{c.identityTitle}</legend>
          <p className="hint">{c.identityHint}</p>
          <Field {...f} name="fullName" label={c.fullName} autoComplete="name" />
          <Field {...f} name="idNumber" label={c.idNumber} />
          <Field {...f} name="phone" label={c.phone} type="tel" autoComplete="tel" />
          <Field {...f} name="email" label={c.email} type="email" autoComplete="email" />
          <Field {...f} name="address" label={c.address} autoComplete="street-address" />
          {errors.consent ? (
            <p className="error" id="f-consent">
              {errors.consent}
            </p>
          ) : null}
          <label className="check">
            <input type="checkbox" name="consent" value="yes" defaultChecked={values.consent === 'yes'} />
            {c.consent}
          </label>
        </fieldset>
        <div className="hp" aria-hidden="true">
          <label htmlFor="f-website">{c.honeypot}</label>
          <input id="f-website" type="text" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <p>
          <button type="submit">{c.submit}</button>
        </p>
      </form>
    </>
  );
}

export function ReceiptPage({
  c,
  lang,
  number,
  receipt,
  duplicate,
}: {
  c: Copy;
  lang: Language;
  number: string;
  receipt: string;
  duplicate: boolean;
}) {
  return (
    <>
      <h1>{c.receiptTitle}</h1>
      {duplicate ? <p className="card">{c.duplicateNote}</p> : null}
      <p>
        {c.receiptNumber}: <strong>{number}</strong>
      </p>
      <h2 id="receipt-label">{c.receiptLabel}</h2>
      <p className="receipt" data-receipt={receipt.replace(/\s/g, '')}>
        {receipt}
      </p>
      <p>
        <strong>{c.receiptAdvice}</strong>
      </p>
      <p>
        {c.receiptNext} <a href={href(lang, '/follow-up')}>{c.navFollowUp}</a>.
      </p>
    </>
  );
}

export function FollowUpForm({
  c,
  lang,
  error,
  receipt,
}: {
  c: Copy;
  lang: Language;
  error?: string;
  receipt?: string;
}) {
  return (
    <>
      <h1>{c.followTitle}</h1>
      <p>{c.followLead}</p>
      {error ? (
        <p className="errors" role="alert">
          <a href="#f-receipt">{error}</a>
        </p>
      ) : null}
      <form method="post" action="/follow-up" encType="multipart/form-data" className="card" noValidate>
        <input type="hidden" name="lang" value={lang} />
        <label htmlFor="f-receipt">{c.receipt}</label>
        <input
          id="f-receipt"
          type="text"
          name="receipt"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={receipt ?? ''}
          aria-invalid={error ? true : undefined}
          className={error ? 'invalid' : undefined}
        />
        <p>
          <button type="submit">{c.signIn}</button>
        </p>
      </form>
    </>
  );
}

export interface ReporterViewProps {
  c: Copy;
  lang: Language;
  csrf: string;
  sent: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  maxMb: number;
  view: {
    number: string;
    receivedAt: Date;
    status: string;
    kind: string;
    outcome: string | null;
    publicSummary: string | null;
    forwarded: boolean;
    mergedInto: string | null;
    inCaseSince: string | null;
    purged: boolean;
    firstDecision: { documentNo: string; documentDate: string; issuedBy: string | null } | null;
    progress: {
      steps: Array<{ step: keyof Copy['steps']; on: string; documentNo?: string }>;
      next: { step: 'resolution' | 'publication'; dueOn: string } | null;
    };
    title: string | null;
    messages: Array<{
      id: string;
      author: 'reporter' | 'staff';
      kind: string;
      open: boolean;
      body: string;
      createdAt: Date;
      files: Array<{ name: string; size: number }>;
    }>;
    files: Array<{ name: string; size: number }>;
  };
}

const vnDateTime = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

export function ReporterView({ c, lang, csrf, sent, errors, values, maxMb, view }: ReporterViewProps) {
  const t = (key: string) => translate(lang, key as MessageKey);
  return (
    <>
      <h1>{fill(c.statusTitle, { number: view.number })}</h1>
      {sent ? (
        <p className="card" role="status">
          {c.sent}
        </p>
      ) : null}
      <ErrorSummary c={c} errors={errors} />
      <dl className="card">
        {view.title ? (
          <>
            <dt>{c.title}</dt>
            <dd>{view.title}</dd>
          </>
        ) : null}
        <dt>{c.received}</dt>
        <dd>{vnDateTime(view.receivedAt)}</dd>
        <dt>{c.status}</dt>
        <dd>{t(`reportStatus.${view.status}`)}</dd>
        {view.kind !== 'unclassified' ? (
          <>
            <dt>{c.kind}</dt>
            <dd>{t(`reportKind.${view.kind}`)}</dd>
          </>
        ) : null}
        {view.outcome ? (
          <>
            <dt>{c.outcome}</dt>
            <dd>{t(`reportOutcome.${view.outcome}`)}</dd>
          </>
        ) : null}
        {view.firstDecision ? (
          <>
            <dt>{c.firstDecision}</dt>
            <dd>
              {fill(c.firstDecisionText, {
                number: view.firstDecision.documentNo,
                date: view.firstDecision.documentDate.split('-').reverse().join('/'),
              })}
              {view.firstDecision.issuedBy
                ? fill(c.firstDecisionBy, { by: view.firstDecision.issuedBy })
                : ''}
            </dd>
          </>
        ) : null}
        {view.publicSummary ? (
          <>
            <dt>{c.summary}</dt>
            <dd>{view.publicSummary}</dd>
          </>
        ) : null}
      </dl>
      <h2>{c.progressTitle}</h2>
      <ol className="steps">
        {view.progress.steps.map((s) => (
          <li key={`${s.step}${s.on}`}>
            <span className="meta">{s.on.split('-').reverse().join('/')}</span> {c.steps[s.step]}
            {s.documentNo ? ` (${fill(c.stepDocument, { number: s.documentNo })})` : ''}
          </li>
        ))}
      </ol>
      {view.progress.next ? (
        <p>
          <strong>
            {fill(view.progress.next.step === 'resolution' ? c.nextResolution : c.nextPublication, {
              date: view.progress.next.dueOn.split('-').reverse().join('/'),
            })}
          </strong>
        </p>
      ) : null}
      {view.forwarded ? <p>{c.forwardedNote}</p> : null}
      {view.mergedInto ? <p>{fill(c.mergedNote, { number: view.mergedInto })}</p> : null}
      {view.inCaseSince ? (
        <p>{fill(c.caseNote, { date: view.inCaseSince.split('-').reverse().join('/') })}</p>
      ) : null}
      {view.purged ? <p>{c.purgedNote}</p> : null}
      <h2>{c.messages}</h2>
      {view.messages.length === 0 && !view.purged ? <p>{c.noMessages}</p> : null}
      {view.messages.map((m) => (
        <section
          key={m.id}
          className={`msg${m.author === 'reporter' ? ' you' : ''}${m.open ? ' q' : ''}`}
          aria-label={m.author === 'reporter' ? c.fromYou : c.fromStaff}
        >
          <p className="meta">
            {m.author === 'reporter' ? c.fromYou : c.fromStaff} · {vnDateTime(m.createdAt)}
            {m.open ? <strong> · {c.question}</strong> : null}
          </p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
          {m.files.length > 0 ? (
            <ul>
              {m.files.map((f) => (
                <li key={f.name}>{f.name}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      {view.files.length > 0 ? (
        <>
          <h2>{c.yourFiles}</h2>
          <ul>
            {view.files.map((f) => (
              <li key={f.name}>
                {f.name} ({Math.max(1, Math.round(f.size / 1024))} KB)
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {view.status === 'closed' || view.purged ? (
        <p>{c.closedNote}</p>
      ) : (
        <form
          method="post"
          action="/follow-up/reply"
          encType="multipart/form-data"
          className="card"
          noValidate
        >
          <h2 style={{ marginTop: 0 }}>{c.replyTitle}</h2>
          <input type="hidden" name="lang" value={lang} />
          <input type="hidden" name="csrf" value={csrf} />
          <Field c={c} errors={errors} values={values} name="body" label={c.reply} type="textarea" />
          <label htmlFor="f-files">{c.files}</label>
          <p className="hint" id="f-files-hint">
            {fill(c.filesHint, { max: maxMb })}
          </p>
          {errors.files ? <p className="error">{errors.files}</p> : null}
          <input id="f-files" type="file" name="files" multiple aria-describedby="f-files-hint" />
          <StripChoice c={c} checked={values.strip === 'yes'} />
          <p>
            <button type="submit">{c.send}</button>
          </p>
        </form>
      )}
      <form method="post" action="/follow-up/sign-out" encType="multipart/form-data">
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit" className="secondary">
          {c.signOut}
        </button>
      </form>
    </>
  );
}

/** A published row: null where the count is hidden (reports/stats.ts decides which). */
export interface StatRow {
  key: string;
  label: string;
  received: number | null;
  handled: number | null;
  onTime: number | null;
  late: number | null;
}

const shown = (n: number | null, c: Copy) => (n === null ? c.suppressed : n.toLocaleString('vi-VN'));

function StatTable({
  c,
  caption,
  first,
  rows,
}: {
  c: Copy;
  caption: string;
  first: string;
  rows: StatRow[];
}) {
  // A narrow phone scrolls the table, not the page.
  return (
    <div className="scroll">
      <table>
        {/* The heading above names the table on screen; the caption names it to a screen reader. */}
        <caption className="sr">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {[c.receivedCol, c.handledCol, c.onTimeCol, c.lateCol].map((title) => (
              <th key={title} scope="col" className="n">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="n">{shown(r.received, c)}</td>
              <td className="n">{shown(r.handled, c)}</td>
              <td className="n">{shown(r.onTime, c)}</td>
              <td className="n">{shown(r.late, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Bars drawn as SVG on the server: a chart without JavaScript; suppressed months draw no bar. */
function MonthChart({ c, rows }: { c: Copy; rows: StatRow[] }) {
  const max = Math.max(5, ...rows.map((r) => r.received ?? 0));
  const w = 640;
  const h = 220;
  const slot = (w - 40) / Math.max(rows.length, 1);
  const y = (n: number) => h - 30 - (n / max) * (h - 50);
  return (
    // On a phone the chart keeps a readable size and scrolls sideways (scaled to 358 px, its labels were
    // 5 px high; sec31 UX 20); the table under it has the same figures.
    <figure className="scroll" style={{ margin: '1rem 0' }}>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-labelledby="chart-title"
        style={{ width: '100%', minWidth: 560, background: '#fff' }}
      >
        <title id="chart-title">{c.chartTitle}</title>
        <line x1={30} x2={w - 5} y1={h - 30} y2={h - 30} stroke="#57606a" />
        {rows.map((r, i) => {
          const x = 35 + i * slot;
          const bw = Math.max(4, slot / 2 - 4);
          return (
            <g key={r.key}>
              {r.received !== null ? (
                <rect x={x} y={y(r.received)} width={bw} height={h - 30 - y(r.received)} fill="#0b5cad" />
              ) : (
                // A hidden count is marked, never drawn as if it were zero.
                <text x={x + bw / 2} y={h - 34} fontSize="12" textAnchor="middle" fill="#0b5cad">
                  {c.suppressed}
                </text>
              )}
              {r.handled !== null ? (
                <rect
                  x={x + bw + 2}
                  y={y(r.handled)}
                  width={bw}
                  height={h - 30 - y(r.handled)}
                  fill="#8b1a1a"
                />
              ) : (
                <text x={x + bw * 1.5 + 2} y={h - 34} fontSize="12" textAnchor="middle" fill="#8b1a1a">
                  {c.suppressed}
                </text>
              )}
              <text x={x} y={h - 12} fontSize="11" fill="#1f2328">
                {r.key.slice(5)}/{r.key.slice(2, 4)}
              </text>
            </g>
          );
        })}
        <text x={w - 200} y={16} fontSize="12" fill="#0b5cad">
          ■ {c.receivedCol}
        </text>
        <text x={w - 100} y={16} fontSize="12" fill="#8b1a1a">
          ■ {c.handledCol}
        </text>
        <text x={w - 200} y={32} fontSize="11" fill="#4f5761">
          {c.chartHidden}
        </text>
        <text x={30} y={16} fontSize="11" fill="#4f5761">
          {max.toLocaleString('vi-VN')}
        </text>
        <line x1={30} x2={w - 5} y1={y(max)} y2={y(max)} stroke="#d0d7de" strokeDasharray="4 4" />
      </svg>
    </figure>
  );
}

export function StatsPage({
  c,
  lang,
  byMonth,
  byCategory,
  byLevel,
  through,
  withheld,
}: {
  c: Copy;
  lang: Language;
  through: string;
  withheld: boolean;
  byMonth: StatRow[];
  byCategory: StatRow[];
  byLevel: StatRow[];
}) {
  return (
    <>
      <h1>{c.statsTitle}</h1>
      <p>{c.statsLead}</p>
      <p>{fill(c.statsThrough, { date: through.split('-').reverse().join('/') })}</p>
      {withheld && <p className="card">{c.statsWithheld}</p>}
      <p>
        <a href={href(lang, '/statistics.csv')} download>
          {c.downloadCsv}
        </a>
      </p>
      <h2>{c.byMonth}</h2>
      <MonthChart c={c} rows={byMonth} />
      <StatTable c={c} caption={c.byMonth} first={c.month} rows={byMonth} />
      {withheld ? null : (
        <>
          <h2>{c.byCategory}</h2>
          <StatTable c={c} caption={c.byCategory} first={c.category} rows={byCategory} />
          <h2>{c.byLevel}</h2>
          <StatTable c={c} caption={c.byLevel} first={c.levelCol} rows={byLevel} />
        </>
      )}
    </>
  );
}

export function ResultsList({
  c,
  lang,
  items,
}: {
  c: Copy;
  lang: Language;
  items: Array<{ id: string; title: string; year: number; unitName: string; nameVi: string; nameEn: string }>;
}) {
  return (
    <>
      <h1>{c.resultsTitle}</h1>
      <p>{c.resultsLead}</p>
      {items.length === 0 ? <p>{c.resultsNone}</p> : null}
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <a href={href(lang, `/results/${r.id}`)}>{r.title}</a> — {lang === 'vi' ? r.nameVi : r.nameEn},{' '}
            {r.unitName}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ResultsPage({
  c,
  title,
  parts,
  rows,
}: {
  c: Copy;
  title: string;
  parts: Array<{ code: string; title: string; maxPoints: number; minPoints: number }>;
  rows: Array<{
    unitId: string;
    unitName: string;
    rank: number;
    total: number;
    parts: Record<string, number>;
  }>;
}) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const n = (v: number) => v.toLocaleString('vi-VN');
  return (
    <>
      <h1>{title}</h1>
      <h2>{c.partsTitle}</h2>
      <dl>
        {parts.map((p) => (
          <Fragment key={p.code}>
            <dt>{p.code}</dt>
            <dd>
              {p.title}{' '}
              <span className="meta">
                (
                {p.maxPoints > 0
                  ? fill(c.partMax, { points: n(p.maxPoints) })
                  : fill(c.partDeduction, { points: n(-p.minPoints) })}
                )
              </span>
            </dd>
          </Fragment>
        ))}
      </dl>
      <h2>{c.totalsTitle}</h2>
      {/* Bars drawn with the page's own text, so they read at any width and without a script. */}
      <ol className="bars" aria-label={c.totalsTitle}>
        {rows.map((r) => (
          <li key={r.unitId}>
            <span className="l">
              {r.rank}. {r.unitName}
            </span>
            <span className="b">
              <span style={{ width: `calc((100% - 4rem) * ${(r.total / max).toFixed(4)})` }} />
              <span className="v">{n(r.total)}</span>
            </span>
          </li>
        ))}
      </ol>
      <h2>{c.byPartTitle}</h2>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" className="n">
                {c.rank}
              </th>
              <th scope="col">{c.unit}</th>
              {parts.map((p) => (
                <th scope="col" className="n" key={p.code}>
                  <abbr title={p.title}>{p.code}</abbr>
                </th>
              ))}
              <th scope="col" className="n">
                {c.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId}>
                <td className="n">{r.rank}</td>
                <th scope="row">{r.unitName}</th>
                {parts.map((p) => (
                  <td className="n" key={p.code}>
                    {n(r.parts[p.code] ?? 0)}
                  </td>
                ))}
                <td className="n">
                  <strong>{n(r.total)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function EnterpriseRegister({
  c,
  lang,
  communes,
  values,
  errors,
}: {
  c: Copy;
  lang: Language;
  communes: Array<{ id: string; name: string }>;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const f = { c, errors, values };
  return (
    <>
      <h1>{c.entTitle}</h1>
      <p>{c.entLead}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/enterprise/register" encType="multipart/form-data" noValidate>
        <input type="hidden" name="lang" value={lang} />
        <Field {...f} name="taxCode" label={c.taxCode} required />
        <Field {...f} name="name" label={c.entName} required />
        <Field {...f} name="sector" label={c.sector} required />
        <div>
          <label htmlFor="f-size">{c.size}</label>
          {errors.size ? <p className="error">{errors.size}</p> : null}
          <select id="f-size" name="size" defaultValue={values.size ?? ''}>
            <option value="">{c.choose}</option>
            {Object.entries(c.sizes).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <Field {...f} name="address" label={c.entAddress} required />
        <div>
          <label htmlFor="f-communeUnitId">{c.commune}</label>
          {errors.communeUnitId ? <p className="error">{errors.communeUnitId}</p> : null}
          <select id="f-communeUnitId" name="communeUnitId" defaultValue={values.communeUnitId ?? ''}>
            <option value="">{c.choose}</option>
            {communes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <Field {...f} name="repName" label={c.repName} required autoComplete="name" />
        <Field {...f} name="repEmail" label={c.repEmail} type="email" required autoComplete="email" />
        <Field {...f} name="repPhone" label={c.repPhone} type="tel" autoComplete="tel" />
        <p>
          <button type="submit">{c.entSubmit}</button>
        </p>
      </form>
    </>
  );
}

export function EnterpriseCode({
  c,
  lang,
  id,
  error,
}: {
  c: Copy;
  lang: Language;
  id: string;
  error?: string;
}) {
  return (
    <>
      <h1>{c.codeTitle}</h1>
      <p>{c.codeLead}</p>
      {error ? (
        <p className="errors" role="alert">
          {error}
        </p>
      ) : null}
      <form
        method="post"
        action="/enterprise/verify"
        encType="multipart/form-data"
        className="card"
        noValidate
      >
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="id" value={id} />
        <label htmlFor="f-code">{c.code}</label>
        <input id="f-code" type="text" name="code" inputMode="numeric" autoComplete="one-time-code" />
        <p>
          <button type="submit">{c.codeSubmit}</button>
        </p>
      </form>
    </>
  );
}

export function EnterpriseList({
  c,
  lang,
  items,
}: {
  c: Copy;
  lang: Language;
  items: Array<{
    name: string;
    sector: string;
    commitment: string | null;
    year: number | null;
    total: number | null;
  }>;
}) {
  return (
    <>
      <h1>{c.entListTitle}</h1>
      <p>{c.entListLead}</p>
      <p>
        <a href={href(lang, '/enterprise/register')}>{c.entRegisterLink}</a>
      </p>
      {items.length === 0 ? <p>{c.entListNone}</p> : null}
      {items.map((e) => (
        <section className="card" key={e.name}>
          <h2 style={{ marginTop: 0 }}>{e.name}</h2>
          <p className="meta">{e.sector}</p>
          {e.commitment ? <p style={{ whiteSpace: 'pre-wrap' }}>{e.commitment}</p> : null}
          {e.total !== null ? (
            <p>
              {c.entScore} {e.year}: <strong>{e.total.toLocaleString('vi-VN')}</strong>/100
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function LotteryList({
  c,
  lang,
  items,
}: {
  c: Copy;
  lang: Language;
  items: Array<{
    id: string;
    year: number;
    unitName: string;
    drawnAt: Date | null;
    commitment: string | null;
  }>;
}) {
  return (
    <>
      <h1>{c.lotteriesTitle}</h1>
      <p>{c.lotteriesLead}</p>
      <p>
        <a href="/lotteries/verify.py" download>
          {c.lotteriesVerifier}
        </a>{' '}
        — {c.lotteriesHow}
      </p>
      {items.length === 0 ? <p>{c.lotteriesNone}</p> : null}
      <ul>
        {items.map((d) => (
          <li key={d.id}>
            <a href={`/lotteries/${d.id}`} download>
              {c.lotteriesItem(d.year, d.unitName)}
            </a>
            {d.drawnAt ? ` — ${formatLegalDate(vnToday(d.drawnAt))}` : ''}
            <br />
            <small>
              {c.lotteriesCommitment}: <code style={{ wordBreak: 'break-all' }}>{d.commitment}</code>
            </small>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface PublishedGift {
  number: string;
  unitName: string;
  recipientPosition: string | null;
  giverAgency: string | null;
  kind: string;
  description: string;
  valueVnd: number | null;
  receivedOn: string;
  handedOverOn: string | null;
  handling: string;
  handledOn: string | null;
}

/** The gift register units chose to publish (open data), a year at a time, with its file. */
export function GiftsPage({
  c,
  lang,
  year,
  gifts,
}: {
  c: Copy;
  lang: Language;
  year: number;
  gifts: Array<PublishedGift & { kindLabel: string; handlingLabel: string }>;
}) {
  const date = (d: string | null) => (d ? formatLegalDate(d) : '');
  return (
    <>
      <h1>{c.giftsTitle}</h1>
      <p>{c.giftsLead}</p>
      <form method="get" action="/gifts" className="card">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <label htmlFor="year">{c.giftsYear}</label>{' '}
        <input
          id="year"
          name="year"
          type="number"
          min={2019}
          max={2100}
          defaultValue={year}
          style={{ width: '7rem' }}
        />{' '}
        <button type="submit">{c.giftsShow}</button>{' '}
        <a href={href(lang, `/gifts.csv?year=${year}`)}>{c.giftsCsv}</a>
      </form>
      {gifts.length === 0 ? (
        <p>{c.giftsNone}</p>
      ) : (
        // Eleven columns: on a phone they keep a readable width and the table scrolls sideways (sec31 UX 19).
        <div className="scroll">
          <table className="wide">
            <caption className="sr">{`${c.giftsTitle} ${year}`}</caption>
            <thead>
              <tr>
                {[c.giftNumber, c.giftUnit, c.giftRecipient, c.giftGiver, c.giftKind, c.giftDescription].map(
                  (h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ),
                )}
                <th scope="col" className="n">
                  {c.giftValue}
                </th>
                {[c.giftReceived, c.giftHandedOver, c.giftHandling, c.giftHandled].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {gifts.map((g) => (
                <tr key={g.number}>
                  <th scope="row">{g.number}</th>
                  <td>{g.unitName}</td>
                  <td>{g.recipientPosition ?? ''}</td>
                  <td>{g.giverAgency ?? ''}</td>
                  <td>{g.kindLabel}</td>
                  <td>{g.description}</td>
                  <td className="n">
                    {g.valueVnd === null ? '' : g.valueVnd.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}
                  </td>
                  <td>{date(g.receivedOn)}</td>
                  <td>{date(g.handedOverOn)}</td>
                  <td>{g.handlingLabel}</td>
                  <td>{date(g.handledOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
