import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useParams } from 'react-router';
import { type GiftStepKind, valuationMethods } from '#shared/integrity/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState, Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { GiftDialog } from './GiftDialog.tsx';
import { dueItem, History, today } from './parts.tsx';
import { type GiftDetail, giftTone } from './types.ts';

type Values = Record<string, string | number | null | undefined>;

/** One gift: what was given, by whom, its clocks, the steps the reader may record and its history. */
export default function GiftPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'dialog'>();
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: ['gifts', 'one', id], queryFn: () => get<GiftDetail>(`/gifts/${id}`) });
  const g = q.data;
  const step = (url.dialog ?? '') as GiftStepKind;
  const send = async (body: Record<string, unknown>) => {
    const next = await api<GiftDetail>('POST', `/gifts/${id}/steps`, { ...body, version: g!.version });
    qc.setQueryData(['gifts', 'one', id], next);
    await qc.invalidateQueries({ queryKey: ['gifts'] });
  };
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const money = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} {...(required ? req : {})}>
      <NumberInput min={0} step={1000} precision={0} style={{ width: 220 }} />
    </Form.Item>
  );
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {g && (
        <>
          <PageHeader
            title={`${t('ui.gift.title')} — ${g.number}`}
            extra={
              <Space wrap>
                {g.can
                  .filter((s) => s !== 'publish')
                  .map((s, n) => (
                    <Button
                      key={s}
                      type={n === 0 ? 'primary' : 'default'}
                      onClick={() => setUrl({ dialog: s }, false)}
                    >
                      {t(`ui.gift.step.${s}`)}
                    </Button>
                  ))}
                {g.canCorrect && (
                  <Button onClick={() => setUrl({ dialog: 'correct' }, false)}>{t('ui.gift.correct')}</Button>
                )}
                {g.can.includes('publish') && (
                  // Published on the portal for anyone to read: asked once more (rev20 P7).
                  <Popconfirm
                    title={t(g.published ? 'ui.gift.step.unpublish' : 'ui.gift.step.publish')}
                    description={t(g.published ? 'ui.gift.unpublishConfirm' : 'ui.gift.publishConfirm')}
                    okText={t('ui.common.confirm')}
                    cancelText={t('ui.common.cancel')}
                    onConfirm={() => send({ step: 'publish', on: today(), published: !g.published })}
                  >
                    <Button>{t(g.published ? 'ui.gift.step.unpublish' : 'ui.gift.step.publish')}</Button>
                  </Popconfirm>
                )}
              </Space>
            }
          />
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag tone={giftTone[g.stage]}>{t(`ui.gift.stage.${g.stage}`)}</StatusTag>
            {g.late && <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>}
            {g.published && <StatusTag tone="ok">{t('ui.gift.published')}</StatusTag>}
          </Space>
          {g.mine && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.gift.ownNote')} />}
          <Card style={{ marginBottom: 16 }}>
            <p style={{ fontSize: 16, whiteSpace: 'pre-wrap' }}>
              {t(`ui.gift.kind.${g.kind}`)}: {g.description}
            </p>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('ui.gift.recipient')}>
                {g.recipientName}
                {g.recipientPosition ? ` — ${g.recipientPosition}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.common.unit')}>{g.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.gift.value')}>
                {g.valueVnd === null ? t('ui.gift.valueUnknown') : formatVnd(g.valueVnd, lang)}
              </Descriptions.Item>
              {g.valuedVnd !== null && (
                <Descriptions.Item label={t('ui.gift.valued')}>
                  {formatVnd(g.valuedVnd, lang)}
                  {g.valuationMethod ? ` (${t(`ui.gift.valuation.${g.valuationMethod}`)})` : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('ui.gift.receivedOn')}>
                {formatDate(g.receivedOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.gift.place')}>{g.place}</Descriptions.Item>
              <Descriptions.Item label={t('ui.gift.reportedOn')}>
                {formatDate(g.reportedOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.gift.circumstances')} span={2}>
                {g.circumstances}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Section title={t('ui.gift.giver')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('ui.gift.giverName')}>
                {g.giverName}
                {g.giverPosition ? ` — ${g.giverPosition}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.gift.giverAgency')}>{g.giverAgency}</Descriptions.Item>
              {g.giverAddress && (
                <Descriptions.Item label={t('ui.gift.giverAddress')}>{g.giverAddress}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('ui.gift.relationship')}>{g.relationship}</Descriptions.Item>
            </Descriptions>
          </Section>
          <Section title={t('ui.gift.steps')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              {dueItem(t, t('ui.gift.handOverBy'), g.handOverBy, g.handedOverOn)}
              {g.handedOverOn && (
                <Descriptions.Item label={t('ui.gift.handedOverOn')}>
                  {formatDate(g.handedOverOn)} — {g.receivedBy}
                </Descriptions.Item>
              )}
              {g.handledOn && (
                <Descriptions.Item label={t('ui.gift.handledOn')}>
                  {formatDate(g.handledOn)}
                  {g.handlingNo ? ` — ${g.handlingNo}` : ''}
                </Descriptions.Item>
              )}
              {g.proceedsVnd !== null && (
                <Descriptions.Item label={t('ui.gift.proceeds')}>
                  {t('ui.gift.proceedsLessCosts', {
                    proceeds: formatVnd(g.proceedsVnd, lang),
                    costs: formatVnd(g.costsVnd ?? 0, lang),
                  })}
                </Descriptions.Item>
              )}
              {dueItem(t, t('ui.gift.remitBy'), g.remitBy, g.remittedOn)}
              {g.remittedOn && (
                <Descriptions.Item label={t('ui.gift.remittedOn')}>
                  {formatDate(g.remittedOn)} — {formatVnd(g.remittedVnd ?? 0, lang)}
                </Descriptions.Item>
              )}
              {dueItem(t, t('ui.gift.notifyBy'), g.notifyBy, g.notifiedOn)}
              {g.notifiedOn && (
                <Descriptions.Item label={t('ui.gift.notifiedOn')}>
                  {formatDate(g.notifiedOn)} — {g.notifiedBody}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Section>
          <History
            events={g.events}
            kindLabel={(k) => t(`ui.gift.event.${k}` as never)}
            fieldLabel={(f) => t((f === 'valueVnd' ? 'ui.gift.value' : `ui.gift.${f}`) as never)}
          />
          {g.canCorrect && (
            <GiftDialog
              open={url.dialog === 'correct'}
              gift={g}
              onClose={() => setUrl({ dialog: undefined }, false)}
              onSaved={() => void qc.invalidateQueries({ queryKey: ['gifts'] })}
            />
          )}
          <FormModal<Values>
            open={g.can.includes(step) && step !== 'publish'}
            name={step}
            title={step ? t(`ui.gift.step.${step}`) : ''}
            form={form}
            initialValues={{
              on: today(),
              ...(step === 'remit' ? { amountVnd: (g.proceedsVnd ?? 0) - (g.costsVnd ?? 0) } : {}),
            }}
            onClose={() => setUrl({ dialog: undefined }, false)}
            onSubmit={async (v) => {
              await send({ ...v, step });
              setUrl({ dialog: undefined }, false);
            }}
          >
            {step === 'handle' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={t(`ui.gift.handleHelp.${g.kind === 'valuable_papers' ? 'cash' : g.kind}`)}
              />
            )}
            <Form.Item name="on" label={t('ui.common.date')} {...req}>
              <DateInput max={today()} aria-label={t('ui.common.date')} />
            </Form.Item>
            {step === 'hand_over' && (
              <Form.Item name="receivedBy" label={t('ui.gift.receivedBy')} {...req}>
                <Input maxLength={200} />
              </Form.Item>
            )}
            {step === 'handle' &&
              (g.kind === 'cash' || g.kind === 'valuable_papers') &&
              money('amountVnd', t('ui.gift.amount'))}
            {step === 'handle' && g.kind === 'goods' && (
              <>
                <Space wrap>
                  {money('valueVnd', t('ui.gift.value'))}
                  <Form.Item name="valuationMethod" label={t('ui.gift.valuation')} {...req}>
                    <Select
                      style={{ width: 240 }}
                      options={valuationMethods.map((m) => ({
                        value: m,
                        label: t(`ui.gift.valuation.${m}`),
                      }))}
                    />
                  </Form.Item>
                </Space>
                <Space wrap>
                  {money('proceedsVnd', t('ui.gift.proceeds'))}
                  {money('costsVnd', t('ui.gift.costs'), false)}
                </Space>
              </>
            )}
            {step === 'remit' && money('amountVnd', t('ui.gift.amount'))}
            {step === 'notify' && (
              <Form.Item name="body" label={t('ui.gift.body')} {...req}>
                <Input maxLength={300} />
              </Form.Item>
            )}
            {step !== 'hand_over' && (
              <Form.Item name="documentNo" label={t('ui.gift.documentNo')}>
                <Input maxLength={60} style={{ width: 220 }} />
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={t('ui.gift.note')}
              {...(step === 'handle' && g.kind === 'perishable' ? req : {})}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </FormModal>
        </>
      )}
    </QueryState>
  );
}
