import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space } from 'antd';
import { useParams } from 'react-router';
import {
  type ConflictStepKind,
  conflictEndReasons,
  conflictMeasures,
  publicationWays,
} from '#shared/integrity/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState, Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { dueItem, History, today } from './parts.tsx';
import { type ConflictDetail, conflictTone } from './types.ts';

type Values = Record<string, string | null | undefined>;

/** One conflict of interest: the report, the head's measure on its clocks, its end and publication. */
export default function ConflictPage() {
  const { id } = useParams();
  const { t } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'dialog'>();
  const [form] = Form.useForm<Values>();
  const measure = Form.useWatch('measure', form);
  const q = useQuery({
    queryKey: ['conflicts', 'one', id],
    queryFn: () => get<ConflictDetail>(`/conflicts/${id}`),
  });
  const c = q.data;
  const step = (url.dialog ?? '') as ConflictStepKind;
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {c && (
        <>
          <PageHeader
            title={`${t('ui.conflict.title')} — ${c.number}`}
            extra={
              <Space wrap>
                {c.can.map((s, n) => (
                  <Button
                    key={s}
                    type={n === 0 ? 'primary' : 'default'}
                    onClick={() => setUrl({ dialog: s }, false)}
                  >
                    {t(`ui.conflict.step.${s}`)}
                  </Button>
                ))}
                {c.canCorrect && (
                  <Button onClick={() => setUrl({ dialog: 'correct' }, false)}>
                    {t('ui.conflict.correct')}
                  </Button>
                )}
              </Space>
            }
          />
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag tone={conflictTone[c.stage]}>{t(`ui.conflict.stage.${c.stage}`)}</StatusTag>
            {c.late && <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>}
            {c.reportedLate && <StatusTag tone="warn">{t('ui.conflict.reportedLate')}</StatusTag>}
          </Space>
          {c.mine && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.conflict.ownNote')} />
          )}
          <Card style={{ marginBottom: 16 }}>
            <p style={{ fontSize: 16, whiteSpace: 'pre-wrap' }}>{c.description}</p>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('ui.conflict.person')}>
                {c.personName}
                {c.personPosition ? ` — ${c.personPosition}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.common.unit')}>{c.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.situation')} span={2}>
                {t(`ui.conflict.situation.${c.situation}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.task')}>{c.task}</Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.reporter')}>
                {t(`ui.conflict.reporter.${c.reporter}`)}
                {c.reportedByName && c.reporter !== 'self' ? ` — ${c.reportedByName}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.arisenOn')}>
                {formatDate(c.arisenOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.reportedOn')}>
                {formatDate(c.reportedOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.conflict.impact')} span={2}>
                {c.impact}
              </Descriptions.Item>
              {c.proposedMeasure && (
                <Descriptions.Item label={t('ui.conflict.proposedMeasure')}>
                  {t(`ui.conflict.measure.${c.proposedMeasure}`)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Section title={t('ui.conflict.measure')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              {dueItem(t, t('ui.conflict.decideBy'), c.decideBy, c.decidedOn)}
              {c.decidedOn && (
                <Descriptions.Item label={t('ui.conflict.decidedOn')}>
                  {formatDate(c.decidedOn)}
                  {c.decisionNo ? ` — ${c.decisionNo}` : ''}
                </Descriptions.Item>
              )}
              {c.measure && (
                <Descriptions.Item label={t('ui.conflict.measure')}>
                  {t(`ui.conflict.measure.${c.measure}`)}
                  {c.supervisor ? ` — ${t('ui.conflict.supervisor')}: ${c.supervisor}` : ''}
                </Descriptions.Item>
              )}
              {dueItem(t, t('ui.conflict.notifyBy'), c.notifyBy, c.notifiedOn)}
              {c.notifiedOn && (
                <Descriptions.Item label={t('ui.conflict.notifiedOn')}>
                  {formatDate(c.notifiedOn)}
                </Descriptions.Item>
              )}
              {c.measureUntil && (
                <Descriptions.Item label={t('ui.conflict.measureUntil')}>
                  {formatDate(c.measureUntil)}
                </Descriptions.Item>
              )}
              {c.endedOn && (
                <Descriptions.Item label={t('ui.conflict.endedOn')}>
                  {formatDate(c.endedOn)}
                  {c.endReason ? ` — ${t(`ui.conflict.endReason.${c.endReason}`)}` : ''}
                </Descriptions.Item>
              )}
              {dueItem(t, t('ui.conflict.step.publish'), c.publishBy, c.publishedOn)}
              {c.publishedOn && (
                <Descriptions.Item label={t('ui.conflict.publishedOn')}>
                  {formatDate(c.publishedOn)}
                  {c.publishedHow ? ` — ${t(`ui.conflict.how.${c.publishedHow}`)}` : ''}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Section>
          <History
            events={c.events}
            kindLabel={(k) => t(`ui.conflict.event.${k}` as never)}
            fieldLabel={(f) => t(`ui.conflict.${f}` as never)}
          />
          {c.canCorrect && (
            <ConflictDialog
              open={url.dialog === 'correct'}
              conflict={c}
              onClose={() => setUrl({ dialog: undefined }, false)}
              onSaved={() => void qc.invalidateQueries({ queryKey: ['conflicts'] })}
            />
          )}
          <FormModal<Values>
            open={c.can.includes(step)}
            name={step}
            title={step ? t(`ui.conflict.step.${step}`) : ''}
            form={form}
            initialValues={{
              on: today(),
              ...(step === 'decide' ? { measure: c.proposedMeasure ?? undefined } : {}),
            }}
            onClose={() => setUrl({ dialog: undefined }, false)}
            onSubmit={async (v) => {
              const next = await api<ConflictDetail>('POST', `/conflicts/${id}/steps`, {
                ...v,
                step,
                version: c.version,
              });
              qc.setQueryData(['conflicts', 'one', id], next);
              await qc.invalidateQueries({ queryKey: ['conflicts'] });
              setUrl({ dialog: undefined }, false);
            }}
          >
            <Form.Item name="on" label={t('ui.common.date')} {...req}>
              <DateInput max={today()} aria-label={t('ui.common.date')} />
            </Form.Item>
            {step === 'decide' && (
              <>
                <Form.Item name="measure" label={t('ui.conflict.measure')} {...req}>
                  <Select
                    options={conflictMeasures.map((m) => ({
                      value: m,
                      label: t(`ui.conflict.measure.${m}`),
                    }))}
                  />
                </Form.Item>
                {measure !== 'none' && (
                  <Form.Item name="documentNo" label={t('ui.conflict.decisionNo')} {...req}>
                    <Input maxLength={60} style={{ width: 220 }} />
                  </Form.Item>
                )}
                {measure === 'supervision' && (
                  <Form.Item name="supervisor" label={t('ui.conflict.supervisor')} {...req}>
                    <Input maxLength={200} />
                  </Form.Item>
                )}
              </>
            )}
            {step === 'end' && (
              <>
                <Form.Item name="reason" label={t('ui.conflict.endReason')} {...req}>
                  <Select
                    options={conflictEndReasons.map((r) => ({
                      value: r,
                      label: t(`ui.conflict.endReason.${r}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="documentNo" label={t('ui.conflict.decisionNo')}>
                  <Input maxLength={60} style={{ width: 220 }} />
                </Form.Item>
              </>
            )}
            {step === 'publish' && (
              <Form.Item name="how" label={t('ui.conflict.how')} {...req}>
                <Select
                  options={publicationWays.map((h) => ({ value: h, label: t(`ui.conflict.how.${h}`) }))}
                />
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={t('ui.gift.note')}
              {...(step === 'supervision_report' || (step === 'decide' && measure === 'none') ? req : {})}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </FormModal>
        </>
      )}
    </QueryState>
  );
}
