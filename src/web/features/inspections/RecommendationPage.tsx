import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RecommendationStatus } from '#shared/inspections/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { RecommendationTags } from './RecommendationTags.tsx';
import { type RecommendationDetail, recommendationTone } from './types.ts';

const closed = (s: RecommendationStatus) => s === 'closed' || s === 'not_done';

/** One recommendation: who owes it to whom, by when, and its history of updates with evidence. */
export default function RecommendationPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'dialog'>();
  const q = useQuery({
    queryKey: ['recommendations', 'one', id],
    queryFn: () => get<RecommendationDetail>(`/recommendations/${id}`),
  });
  const [form] = Form.useForm<{ status: RecommendationStatus; note: string }>();
  const [evidence, setEvidence] = useState<string[]>([]);
  const r = q.data;
  // What this reader may set: the owner reports, the issuer decides (reopens what is closed).
  const choices: RecommendationStatus[] = !r
    ? []
    : [
        ...(r.canRespond && !closed(r.status) ? (['in_progress', 'reported_done'] as const) : []),
        ...(r.canDecide ? (closed(r.status) ? (['open'] as const) : (['closed', 'not_done'] as const)) : []),
      ];
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {r && (
        <>
          <PageHeader
            title={`${t('ui.rec.one')}${r.sourceRef ? ` — ${r.sourceRef}` : ''}`}
            extra={
              choices.length > 0 && (
                <Button type="primary" onClick={() => setUrl({ dialog: 'update' }, false)}>
                  {t('ui.rec.update')}
                </Button>
              )
            }
          />
          <Space wrap style={{ marginBottom: 12 }}>
            <RecommendationTags r={r} />
          </Space>
          <Card style={{ marginBottom: 16 }}>
            <p style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{r.content}</p>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('ui.rec.kind')}>{t(`ui.rec.kind.${r.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('ui.rec.owner')}>
                {r.ownerUnitName ?? r.ownerOutside}
                {r.ownerContact ? ` — ${r.ownerContact}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.rec.issuer')}>{r.issuerUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.rec.sourceKind')}>
                {t(`ui.rec.sourceKind.${r.sourceKind}`)}
                {r.sourceKind === 'inspection' && r.canDecide ? (
                  <>
                    {': '}
                    <Link to={`/inspections/${r.sourceId}`}>{`${r.sourceRef ?? ''} — ${r.sourceTitle}`}</Link>
                  </>
                ) : (
                  [r.sourceRef, r.sourceTitle].some(Boolean) &&
                  `: ${[r.sourceRef, r.sourceTitle].filter(Boolean).join(' — ')}`
                )}
              </Descriptions.Item>
              {r.amountVnd !== null && (
                <Descriptions.Item label={t('ui.rec.amount')}>
                  {formatVnd(r.amountVnd, lang)}
                </Descriptions.Item>
              )}
              {r.ledger && (
                <Descriptions.Item label={t('ui.rec.ledger')}>
                  {t('ui.rec.ledgerLine', {
                    decided: formatVnd(r.ledger.decidedVnd, lang),
                    recovered: formatVnd(r.ledger.recoveredVnd, lang),
                  })}
                  {r.ledger.cases.map((c) => (
                    <span key={c.id}>
                      {' · '}
                      <Link to={`/cases/${c.id}`}>{c.number}</Link>
                    </span>
                  ))}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('ui.rec.issuedOn')}>{formatDate(r.issuedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('ui.rec.dueOn')}>{formatDate(r.dueOn)}</Descriptions.Item>
              {r.closedOn && (
                <Descriptions.Item label={t('ui.rec.closedOn')}>{formatDate(r.closedOn)}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.rec.history')}</h2>}>
            {r.updates.length === 0 ? (
              <p>{t('ui.common.empty')}</p>
            ) : (
              <Timeline
                items={r.updates.map((u) => ({
                  key: u.id,
                  content: (
                    <>
                      <StatusTag tone={recommendationTone[u.status]}>
                        {t(`ui.rec.status.${u.status}`)}
                      </StatusTag>{' '}
                      <span style={{ color: '#57606a' }}>
                        {u.byName ?? ''} · {formatDateTime(u.at)}
                      </span>
                      {u.recheckedBy && (
                        <div style={{ color: '#57606a' }}>
                          {t('ui.rec.recheckedBy', { title: u.recheckedByTitle ?? '' })}
                        </div>
                      )}
                      <div style={{ whiteSpace: 'pre-wrap' }}>{u.note}</div>
                      {u.evidence.map((f) => (
                        <a
                          key={f.id}
                          href={`/api/files/${f.id}`}
                          style={{ marginInlineEnd: 8, textDecoration: 'underline' }}
                        >
                          {f.name}
                        </a>
                      ))}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
          <FormModal<{ status: RecommendationStatus; note: string }>
            open={url.dialog === 'update' && choices.length > 0}
            name="update"
            title={t('ui.rec.update')}
            form={form}
            initialValues={{ status: choices[0] }}
            onClose={() => setUrl({ dialog: undefined }, false)}
            onSubmit={async (v) => {
              const next = await api<RecommendationDetail>('POST', `/recommendations/${r.id}/updates`, {
                ...v,
                evidenceFileIds: evidence,
                version: r.version,
              });
              qc.setQueryData(['recommendations', 'one', id], next);
              await qc.invalidateQueries({ queryKey: ['recommendations'] });
              setEvidence([]);
              setUrl({ dialog: undefined }, false);
            }}
          >
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(r.canDecide ? 'ui.rec.decideHint' : 'ui.rec.respondHint')}
            />
            <Form.Item name="status" label={t('ui.common.status')} required>
              <Select options={choices.map((s) => ({ value: s, label: t(`ui.rec.status.${s}`) }))} />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('ui.rec.note')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            {r.ownerUnitId && r.canRespond && (
              <Form.Item label={t('ui.rec.evidence')}>
                <FileUpload
                  unitId={r.ownerUnitId}
                  multiple
                  onUploaded={(f) => setEvidence((e) => [...e, f])}
                />
              </Form.Item>
            )}
          </FormModal>
        </>
      )}
    </QueryState>
  );
}
