import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MessageKey } from '#shared/i18n/index.ts';
import type { metricKinds } from '#shared/metrics.ts';
import type { Action } from '#shared/permissions.ts';
import { ApiError, api, errorText, get } from '#web/app/api.ts';
import { formatDate, formatNumber } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { metricResult, useMetrics } from './metrics.ts';
import { outlineOf } from './outline.ts';
import { type AssessmentDetail, assessmentTone } from './types.ts';

type Crit = AssessmentDetail['criteria'][number];
type Ans = AssessmentDetail['answers'][number];

/** The score control a criterion's method calls for. */
function ScoreInput({
  c,
  value,
  onChange,
  label,
}: {
  c: Crit;
  value: number | null;
  onChange(v: number | null): void;
  label: string;
}) {
  const { t } = useT();
  if (c.method === 'levels' || c.method === 'yes_no') {
    const options =
      c.method === 'levels'
        ? c.levels.map((l) => ({ value: l.points, label: `${l.label} (${l.points})` }))
        : [
            { value: 0, label: `${t('ui.assess.no')} (0)` },
            { value: c.maxPoints, label: `${t('ui.assess.yes')} (${c.maxPoints})` },
          ];
    return (
      <Select
        aria-label={label}
        placeholder={t('ui.assess.chooseScore')}
        value={value ?? undefined}
        onChange={(v) => onChange(v)}
        options={options}
        style={{ width: 260 }}
      />
    );
  }
  const min = c.method === 'deduction' ? c.minPoints : 0;
  const max = c.method === 'deduction' ? 0 : c.maxPoints;
  return (
    <NumberInput
      aria-label={label}
      placeholder={t('ui.assess.scorePlaceholder', { min, max })}
      style={{ width: 160 }}
      value={value}
      min={min}
      max={max}
      step={0.25}
      onChange={(v) => onChange(v)}
    />
  );
}

/** The reviewer's edit of one criterion, kept by the page so all criteria are saved together. */
type ReviewDraft = { score: number | null; reason: string };

function CriterionRow({
  a,
  c,
  ans,
  onSaved,
  review,
  onReview,
  reviewError,
  titled = true,
}: {
  a: AssessmentDetail;
  c: Crit;
  ans: Ans;
  onSaved(next: AssessmentDetail): void;
  review: ReviewDraft;
  onReview(next: ReviewDraft): void;
  reviewError?: string | undefined;
  /** False for a part's only criterion, named as the part is: its heading already says it. */
  titled?: boolean;
}) {
  const { t, lang } = useT();
  const metrics = useMetrics();
  const { canAnywhere } = useSession();
  const { message } = App.useApp();
  const [score, setScore] = useState<number | null>(ans.selfScore);
  const [explanation, setExplanation] = useState(ans.explanation ?? '');
  const [evidence, setEvidence] = useState<string[]>(ans.evidenceFileIds);
  const [error, setError] = useState<string | null>(null);
  const title = lang === 'vi' ? c.titleVi : c.titleEn;
  const run = async (fn: () => Promise<AssessmentDetail>) => {
    setError(null);
    try {
      onSaved(await fn());
      message.success(t('ui.common.saved'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="criterion" style={{ borderTop: '1px solid #eee', padding: '12px 0' }} id={`c-${c.code}`}>
      {titled && (
        <>
          <Typography.Text strong>
            {c.code}. {title}
          </Typography.Text>{' '}
        </>
      )}
      <Tag>{t('ui.assess.max', { n: c.method === 'deduction' ? c.minPoints : c.maxPoints })}</Tag>
      {c.evidenceRequired && <StatusTag tone="warn">{t('ui.assess.evidenceRequired')}</StatusTag>}
      {ans.suggestion && (
        <StatusTag tone="info">
          {ans.suggestion.score === null
            ? t('ui.assess.noSuggestion')
            : t('ui.assess.suggestion', { score: formatNumber(ans.suggestion.score, lang) })}{' '}
          · {metricResult(metrics, c.indicatorCode ?? '', ans.suggestion.detail, lang)}
          {!!ans.suggestion.pending &&
            /^\d+\/\d+$/.test(ans.suggestion.detail) &&
            ` (${t('ui.assess.pending', { n: ans.suggestion.pending })})`}
          {ans.suggestion.records.slice(0, 5).map((rid, k) => {
            const kind = ans.suggestion!.kind;
            const label = ans.suggestion!.labels?.[k] ?? t(recordLabel[kind], { n: k + 1 });
            // A record within its time is said so: it is not among the figure's late ones (rev28).
            const mark = ans.suggestion!.pendingRecords?.includes(rid)
              ? ` (${t('ui.assess.pendingMark')})`
              : '';
            // A record the reader cannot open (a head's cases, a unit's reports) is named, not linked.
            const opens = !readAction[kind] || readAction[kind].some((a) => canAnywhere(a));
            return (
              <Fragment key={rid}>
                {opens ? (
                  <Link
                    to={recordLink[kind](rid)}
                    // A record's number is one word: never broken across lines (rev29: "QT-2026-/00001").
                    style={{ marginLeft: 6, textDecoration: 'underline', whiteSpace: 'nowrap' }}
                  >
                    {label}
                  </Link>
                ) : (
                  <span style={{ marginLeft: 6, whiteSpace: 'nowrap' }}>{label}</span>
                )}
                {mark}
              </Fragment>
            );
          })}
          {ans.suggestion.records.length > 5 ? ` +${ans.suggestion.records.length - 5}` : ''}
        </StatusTag>
      )}
      {c.guidance && <Typography.Paragraph type="secondary">{c.guidance}</Typography.Paragraph>}
      {/* A line of its own: antd's Space is inline and ran on after the suggestion's tags (rev28, rev29). */}
      <Space wrap align="start" style={{ display: 'flex', marginTop: 8 }}>
        {a.canAnswer ? (
          <>
            <ScoreInput
              c={c}
              value={score}
              onChange={setScore}
              label={`${t('ui.assess.selfScore')} ${c.code}`}
            />
            <Input.TextArea
              aria-label={`${t('ui.assess.explanation')} ${c.code}`}
              placeholder={t('ui.assess.explanation')}
              value={explanation}
              onChange={(e) => setExplanation(e.target.value)}
              autoSize={{ minRows: 1, maxRows: 8 }}
              style={{ width: 'min(480px, 100%)' }}
            />
            <FileUpload unitId={a.unitId} multiple onUploaded={(fid) => setEvidence((x) => [...x, fid])} />
            <Typography.Text type="secondary">{t('ui.assess.files', { n: evidence.length })}</Typography.Text>
            <Button
              type="primary"
              onClick={() =>
                void run(() =>
                  api<AssessmentDetail>('PUT', `/assessments/${a.id}/answers/${c.id}`, {
                    score,
                    explanation: explanation || null,
                    evidenceFileIds: evidence,
                  }),
                )
              }
            >
              {t('ui.common.save')}
            </Button>
          </>
        ) : (
          <Typography.Text>
            {t('ui.assess.selfScore')}:{' '}
            <strong>{ans.selfScore === null ? '—' : formatNumber(ans.selfScore, lang)}</strong>
            {ans.explanation ? ` — ${ans.explanation}` : ''} ·{' '}
            {t('ui.assess.files', { n: ans.evidenceFileIds.length })}
            {ans.evidenceFileIds.map((fid, k) => (
              <a key={fid} href={`/api/files/${fid}`} style={{ marginLeft: 6, textDecoration: 'underline' }}>
                {t('ui.assess.fileN', { n: k + 1 })}
              </a>
            ))}
          </Typography.Text>
        )}
      </Space>
      {(a.canReview || ans.reviewScore !== null) && (
        <Space wrap align="start" style={{ marginTop: 8, display: 'flex' }}>
          {a.canReview ? (
            <>
              <ScoreInput
                c={c}
                value={review.score}
                onChange={(score) => onReview({ ...review, score })}
                label={`${t('ui.assess.reviewScore')} ${c.code}`}
              />
              <Input
                aria-label={`${t('ui.assess.reason')} ${c.code}`}
                placeholder={t('ui.assess.reason')}
                value={review.reason}
                onChange={(e) => onReview({ ...review, reason: e.target.value })}
                status={reviewError ? 'error' : undefined}
                style={{ width: 'min(320px, 100%)' }}
              />
              {ans.reviewScore === null && <StatusTag tone="muted">{t('ui.assess.notReviewed')}</StatusTag>}
            </>
          ) : (
            <Typography.Text>
              {t('ui.assess.reviewScore')}:{' '}
              <strong>{ans.reviewScore === null ? '—' : formatNumber(ans.reviewScore, lang)}</strong>
              {ans.reviewReason ? ` — ${ans.reviewReason}` : ''}
            </Typography.Text>
          )}
        </Space>
      )}
      {(error ?? reviewError) && (
        <Alert type="error" showIcon role="alert" title={error ?? reviewError} style={{ marginTop: 8 }} />
      )}
    </div>
  );
}

/** Where the records behind an auto-indicator's suggestion open, by the metric's kind. */
type MetricKind = (typeof metricKinds)[number];
const recordLink: Record<MetricKind, (id: string) => string> = {
  plan: (id) => `/plans/${id}`,
  report: (id) => `/reports/${id}`,
  declaration_round: (id) => `/declarations?tab=rounds&round=${id}`,
  recommendation: (id) => `/recommendations/${id}`,
  case: (id) => `/cases/${id}`,
  inspection: (id) => `/inspections/${id}`,
  gift: (id) => `/gifts/${id}`,
  conflict: (id) => `/conflicts/${id}`,
  rotation_plan: (id) => `/rotation/plans/${id}`,
  // Each opens the record's own dialog on its register page (rev20 P5: they landed on the list).
  outreach_event: (id) => `/outreach?dialog=event&event=${id}`,
  regulation_review: (id) => `/regulations?dialog=view&review=${id}`,
  self_inspection: (id) => `/self-inspections?dialog=view&item=${id}`,
};
/**
 * The rights a record's page needs (any of them), where not every reader of an assessment has them: a
 * reviewer of the index reads the figure and the records' names, not a unit's registers (rev20 P5: the
 * links opened "not found").
 */
const registers: Action[] = ['integrity.handle', 'integrity.oversee'];
const readAction: Partial<Record<MetricKind, Action[]>> = {
  case: ['inspections.manage'],
  report: ['reports.handle'],
  gift: registers,
  conflict: registers,
  rotation_plan: registers,
  outreach_event: registers,
  regulation_review: registers,
  self_inspection: registers,
};
const recordLabel: Record<MetricKind, MessageKey> = {
  plan: 'ui.assess.planN',
  report: 'ui.assess.reportN',
  declaration_round: 'ui.assess.roundN',
  recommendation: 'ui.assess.recommendationN',
  case: 'ui.assess.caseN',
  inspection: 'ui.assess.inspectionN',
  gift: 'ui.assess.giftN',
  conflict: 'ui.assess.conflictN',
  rotation_plan: 'ui.assess.rotationPlanN',
  outreach_event: 'ui.assess.outreachN',
  regulation_review: 'ui.assess.regulationN',
  self_inspection: 'ui.assess.selfInspectionN',
};

export default function AssessmentPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['assessment', id],
    queryFn: () => get<AssessmentDetail>(`/assessments/${id}`),
  });
  const a = q.data;
  const [submitError, setSubmitError] = useState<string | null>(null);
  // What the last submit found missing, by criterion code; a criterion saved since is no longer flagged.
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const saved = (next: AssessmentDetail) => {
    qc.setQueryData(['assessment', id], next);
    const scored = new Set(
      next.answers
        .filter((x) => x.selfScore !== null)
        .map((x) => next.criteria.find((c) => c.id === x.criterionId)?.code),
    );
    setAnswerErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([code]) => !scored.has(code))));
  };
  // Reviewer's unsaved edits by criterion, and the last save's errors by criterion code.
  const [drafts, setDrafts] = useState<Record<string, ReviewDraft>>({});
  const [reviewErrors, setReviewErrors] = useState<Record<string, string>>({});
  const [savingReview, setSavingReview] = useState(false);
  const reviewOf = (ans: Ans): ReviewDraft =>
    drafts[ans.criterionId] ?? { score: ans.reviewScore ?? ans.selfScore, reason: ans.reviewReason ?? '' };
  const saveReview = async () => {
    if (!a) return;
    setReviewErrors({});
    setSavingReview(true);
    try {
      const reviews = a.answers
        .map((x) => ({ criterionId: x.criterionId, ...reviewOf(x) }))
        .filter((x) => x.score !== null)
        .map((x) => ({ criterionId: x.criterionId, score: x.score, reason: x.reason.trim() || null }));
      saved(await api<AssessmentDetail>('PUT', `/assessments/${a.id}/reviews`, { reviews }));
      setDrafts({});
      message.success(t('ui.common.saved'));
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) {
        setReviewErrors(e.fields);
        message.error(e.message);
      } else throw e;
    } finally {
      setSavingReview(false);
    }
  };
  const post = async (path: string, body?: unknown) => {
    setSubmitError(null);
    setAnswerErrors({});
    try {
      saved(await api<AssessmentDetail>('POST', `/assessments/${id}/${path}`, body));
      message.success(t('ui.common.saved'));
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) {
        // Criteria by code: each row says what it lacks, and the summary names them (links to each).
        setAnswerErrors(e.fields);
        setSubmitError(t('ui.assess.submitBlocked', { n: Object.keys(e.fields).length }));
      } else throw e;
    }
  };
  const parts = (a?.criteria ?? []).filter((c) => !c.parentId);
  const reviewedCount = (a?.answers ?? []).filter((x) => x.reviewScore !== null).length;
  const unsaved = Object.keys(drafts).length;
  // Finishing is offered once every criterion has a saved review and nothing is left unsaved.
  const finishBlocked = !a || reviewedCount < a.answers.length || unsaved > 0;
  const leafOf = (part: Crit) => {
    const all = a!.criteria;
    const out: Crit[] = [];
    const walk = (p: Crit) => {
      const kids = all.filter((x) => x.parentId === p.id);
      if (kids.length === 0) out.push(p);
      for (const k of kids) walk(k);
    };
    walk(part);
    return out;
  };
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {a && (
        <>
          <PageHeader
            title={`${a.campaignTitle} — ${a.unitName}${a.subjectName ? ` (${a.subjectName})` : ''}`}
            extra={
              <Space wrap>
                {a.canAnswer && (
                  <Button type="primary" onClick={() => void post('submit')}>
                    {t('ui.assess.submit')}
                  </Button>
                )}
                {a.canReview && (
                  <>
                    <Button
                      onClick={() => {
                        let text = '';
                        modal.confirm({
                          title: t('ui.assess.return'),
                          content: (
                            <Input.TextArea
                              aria-label={t('ui.assess.questions')}
                              rows={3}
                              onChange={(e) => (text = e.target.value)}
                            />
                          ),
                          onOk: () => post('return', { questions: text }),
                        });
                      }}
                    >
                      {t('ui.assess.return')}
                    </Button>
                    <Button loading={savingReview} onClick={() => void saveReview()}>
                      {t('ui.assess.saveReview')}
                    </Button>
                    <Tooltip title={finishBlocked ? t('ui.assess.finishNeedsAll') : undefined}>
                      <Button type="primary" disabled={finishBlocked} onClick={() => void post('finalise')}>
                        {t('ui.assess.finalise')}
                      </Button>
                    </Tooltip>
                  </>
                )}
              </Space>
            }
          />
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('ui.common.status')}>
              <StatusTag tone={assessmentTone[a.status as keyof typeof assessmentTone] ?? 'muted'}>
                {t(`ui.assess.status.${a.status}`)}
              </StatusTag>
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.selfDue')}>{formatDate(a.selfDue)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.progress')}>
              <Progress
                percent={Math.round((a.answered / Math.max(1, a.required)) * 100)}
                size="small"
                style={{ width: 160 }}
                aria-label={`${t('ui.assess.progress')} ${a.answered}/${a.required}`}
              />
            </Descriptions.Item>
            {a.canReview && (
              <Descriptions.Item label={t('ui.assess.reviewProgress')}>
                {t('ui.assess.reviewedCount', { n: reviewedCount, m: a.answers.length })}
                {unsaved > 0 && <StatusTag tone="warn">{t('ui.assess.unsaved', { n: unsaved })}</StatusTag>}
              </Descriptions.Item>
            )}
          </Descriptions>
          {a.questions && a.status === 'returned' && (
            <Alert
              type="warning"
              showIcon
              title={t('ui.assess.returnedWith')}
              description={a.questions}
              style={{ margin: '12px 0' }}
            />
          )}
          {submitError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={submitError}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {Object.entries(answerErrors).map(([code, text]) => (
                    <li key={code}>
                      <a href={`#c-${code}`}>{t('ui.assess.criterionN', { code })}</a>: {text}
                    </li>
                  ))}
                </ul>
              }
              style={{ margin: '12px 0' }}
            />
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            style={{ margin: '16px 0' }}
            scroll={{ x: true }}
            dataSource={parts.map((p) => {
              const ids = new Set(leafOf(p).map((c) => c.id));
              const ans = a.answers.filter((x) => ids.has(x.criterionId));
              // Nothing entered yet is not a score of 0 (issue 17 §12).
              const self = ans.some((x) => x.selfScore !== null)
                ? ans.reduce((s, x) => s + (x.selfScore ?? 0), 0)
                : null;
              const reviewed = ans.some((x) => x.reviewScore !== null)
                ? ans.reduce((s, x) => s + (x.reviewScore ?? x.selfScore ?? 0), 0)
                : null;
              return {
                code: p.code,
                title: lang === 'vi' ? p.titleVi : p.titleEn,
                max: p.method === 'deduction' ? p.minPoints : p.maxPoints,
                self,
                reviewed,
              };
            })}
            columns={[
              { dataIndex: 'code', title: t('ui.assess.part') },
              { dataIndex: 'title', title: t('ui.common.name') },
              {
                dataIndex: 'max',
                title: t('ui.assess.maxCol'),
                render: (v: number) => formatNumber(v, lang),
              },
              {
                dataIndex: 'self',
                title: t('ui.assess.selfTotal'),
                render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
              },
              {
                dataIndex: 'reviewed',
                title: t('ui.assess.reviewTotal'),
                render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
              },
              {
                key: 'diff',
                title: t('ui.assess.diff'),
                render: (_: unknown, r: { self: number | null; reviewed: number | null }) =>
                  r.reviewed === null || r.self === null
                    ? '—'
                    : formatNumber(Math.round((r.reviewed - r.self) * 100) / 100, lang),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <strong>{t('ui.assess.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>
                  <strong>
                    {a.answers.some((x) => x.selfScore !== null) ? formatNumber(a.selfTotal, lang) : '—'}
                  </strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4}>
                  <strong>{a.reviewTotal === null ? '—' : formatNumber(a.reviewTotal, lang)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5}>
                  {a.reviewTotal === null
                    ? '—'
                    : formatNumber(Math.round((a.reviewTotal - a.selfTotal) * 100) / 100, lang)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {parts.map((p) => (
            <Card
              key={p.id}
              title={`${p.code}. ${lang === 'vi' ? p.titleVi : p.titleEn}`}
              style={{ marginBottom: 16 }}
            >
              {outlineOf(a.criteria, p).map(({ c, group }) =>
                group ? (
                  <h3 key={c.id} className="criteria-group">
                    {c.code}. {lang === 'vi' ? c.titleVi : c.titleEn}{' '}
                    <Tag>
                      {t('ui.assess.max', { n: c.method === 'deduction' ? c.minPoints : c.maxPoints })}
                    </Tag>
                  </h3>
                ) : (
                  <CriterionRow
                    key={`${c.id}-${a.version}-${a.status}`}
                    a={a}
                    c={c}
                    ans={a.answers.find((x) => x.criterionId === c.id)!}
                    onSaved={saved}
                    review={reviewOf(a.answers.find((x) => x.criterionId === c.id)!)}
                    onReview={(next) => setDrafts((d) => ({ ...d, [c.id]: next }))}
                    reviewError={reviewErrors[c.code] ?? answerErrors[c.code]}
                    titled={
                      (lang === 'vi' ? c.titleVi : c.titleEn) !== (lang === 'vi' ? p.titleVi : p.titleEn) ||
                      leafOf(p).length > 1
                    }
                  />
                ),
              )}
            </Card>
          ))}
          {a.canReview && (
            <div className="sticky-actions">
              <span>
                {t('ui.assess.reviewedCount', { n: reviewedCount, m: a.answers.length })}
                {unsaved > 0 ? ` · ${t('ui.assess.unsaved', { n: unsaved })}` : ''}
              </span>
              <Button type="primary" loading={savingReview} onClick={() => void saveReview()}>
                {t('ui.assess.saveReview')}
              </Button>
            </div>
          )}
        </>
      )}
    </QueryState>
  );
}
