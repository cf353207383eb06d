import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Select, Space, Table, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  bodyKinds,
  caseStages,
  headResponsibilities,
  recoveryKinds,
  recoveryMeasures,
  referralDecisions,
  referralEvents,
  referralStages,
  returnTos,
  seriousness,
} from '#shared/cases/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState, Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { recoveryChoice } from '#web/features/inspections/RecommendationTags.tsx';
import type { InspectionDetail } from '#web/features/inspections/types.ts';
import { PersonFields } from './PersonFields.tsx';
import { type CaseDetail, type Person, type RecoveryItem, type Referral, stageTone } from './types.ts';

type Dialog = 'update' | 'move' | 'person' | 'referral' | 'refevent' | 'recovery' | 'decide' | 'payment';

/**
 * One case: where and how it was found, its persons and their handling, the referrals to investigators
 * on their clock, the recovery ledger and the history. Each action is a dialog kept in the address.
 */
export default function CasePage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'dialog' | 'item'>();
  const q = useQuery({ queryKey: ['cases', 'one', id], queryFn: () => get<CaseDetail>(`/cases/${id}`) });
  const [updateForm] = Form.useForm();
  const [moveForm] = Form.useForm();
  const [personForm] = Form.useForm();
  const [referralForm] = Form.useForm();
  const [eventForm] = Form.useForm();
  const [recoveryForm] = Form.useForm();
  const [decideForm] = Form.useForm();
  const [paymentForm] = Form.useForm();
  const [evidence, setEvidence] = useState<string[]>([]);
  const c = q.data;
  const dialog = url.dialog as Dialog | undefined;
  const show = (d: Dialog, item?: string) => setUrl({ dialog: d, item }, false);
  const close = () => {
    setEvidence([]);
    setUrl({ dialog: undefined, item: undefined }, false);
  };
  const send = async (path: string, body: object) => {
    const next = await api<CaseDetail>('POST', path, body);
    qc.setQueryData(['cases', 'one', id], next);
    await qc.invalidateQueries({ queryKey: ['cases'] });
    close();
  };
  // A case opened from an inspection: its conclusion's referral recommendation already names the body.
  const source = useQuery({
    queryKey: ['inspections', 'one', c?.inspectionId],
    queryFn: () => get<InspectionDetail>(`/inspections/${c?.inspectionId}`),
    enabled: dialog === 'referral' && !!c?.inspectionId,
    retry: false,
  });
  const toRefer = source.data?.recommendations.find((r) => r.kind === 'referral' && r.status !== 'closed');
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const person = c?.personList.find((p) => p.id === url.item);
  const referral = c?.referrals.find((r) => r.id === url.item);
  const item = c?.recovery.find((r) => r.id === url.item);
  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as never) }));
  const eventLabel = (kind: string) => {
    if (kind.startsWith('stage.'))
      return t('ui.case.eventKind.stage', { stage: t(`ui.case.stage.${kind.slice(6)}` as never) });
    if (kind.startsWith('referral_')) return t(`ui.case.referralEvent.${kind.slice(9)}` as never);
    return t(`ui.case.eventKind.${kind}` as never);
  };
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {c && (
        <>
          <PageHeader
            title={`${c.number} — ${c.title}`}
            extra={
              <Space wrap>
                <Button type="primary" onClick={() => show('update')}>
                  {t('ui.case.update')}
                </Button>
                <Button onClick={() => show('referral')} disabled={c.stage === 'closed'}>
                  {t('ui.case.addReferral')}
                </Button>
                <Button onClick={() => show('move')}>{t('ui.case.move')}</Button>
              </Space>
            }
          />
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag tone={stageTone[c.stage]}>{t(`ui.case.stage.${c.stage}`)}</StatusTag>
            {c.urgent && <StatusTag tone="danger">{t('ui.case.kind.retaliation')}</StatusTag>}
            <StatusTag tone="muted">{t(`ui.case.source.${c.source}`)}</StatusTag>
          </Space>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ui.case.handler')}>{c.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.case.subject')}>{c.subjectName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ui.case.detectedOn')}>{formatDate(c.detectedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.case.damageShort')}>
              {c.damageVnd === null ? t('ui.case.damageUnknown') : formatVnd(c.damageVnd, lang)}
            </Descriptions.Item>
            {c.inspectionId && (
              <Descriptions.Item label={t('ui.case.inspection')}>
                <Link to={`/inspections/${c.inspectionId}`}>{c.inspectionTitle}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('ui.case.seriousness')}>
              {c.seriousness ? t(`ui.case.seriousness.${c.seriousness}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.case.head')}>
              {t(`ui.case.head.${c.headResponsibility}`)}
              {c.headUnitName ? ` — ${c.headUnitName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.nextDue')}>
              {formatDate(c.nextDueOn) || '—'}{' '}
              {c.nextDueOverdue && <StatusTag tone="danger">{t('ui.detect.recsPastDue')}</StatusTag>}
              {c.nextDueOn && c.nextDueRule && (
                <div style={{ color: '#57606a', fontSize: 12 }}>{c.nextDueRule[lang]}</div>
              )}
            </Descriptions.Item>
            {c.summary && (
              <Descriptions.Item label={t('ui.case.summary')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</span>
              </Descriptions.Item>
            )}
          </Descriptions>

          <Section
            title={t('ui.case.persons')}
            extra={<Button onClick={() => show('person')}>{t('ui.case.addPerson')}</Button>}
            flush
          >
            <Table<Person>
              aria-label={t('ui.case.persons')}
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.personList}
              locale={{ emptyText: t('ui.case.noPersons') }}
              columns={[
                {
                  key: 'name',
                  title: t('ui.case.person.fullName'),
                  render: (_, p) => (
                    <>
                      <strong>{p.fullName}</strong>
                      <div style={{ color: '#57606a', fontSize: 12 }}>
                        {[p.position, p.rank, p.unitName].filter(Boolean).join(' · ')}
                      </div>
                    </>
                  ),
                },
                {
                  key: 'discipline',
                  title: t('ui.case.person.discipline'),
                  render: (_, p) => (p.disciplineForm ? t(`ui.case.discipline.${p.disciplineForm}`) : '—'),
                },
                {
                  key: 'criminal',
                  title: t('ui.case.person.criminal'),
                  render: (_, p) => (p.criminal ? t(`ui.case.criminal.${p.criminal}`) : '—'),
                },
                {
                  key: 'admin',
                  title: t('ui.case.person.administrative'),
                  render: (_, p) => p.administrative ?? '—',
                },
                {
                  key: 'edit',
                  title: '',
                  render: (_, p) => (
                    <Button size="small" onClick={() => show('person', p.id)}>
                      {t('ui.case.editPerson')}
                    </Button>
                  ),
                },
              ]}
            />
          </Section>

          <Section title={t('ui.case.referrals')}>
            {c.referrals.length === 0 && <p style={{ margin: 0 }}>{t('ui.case.noReferral')}</p>}
            {c.referrals.map((r) => (
              <ReferralBlock key={r.id} r={r} onRecord={() => show('refevent', r.id)} />
            ))}
          </Section>

          <Section
            title={t('ui.case.recovery')}
            extra={<Button onClick={() => show('recovery')}>{t('ui.case.addRecovery')}</Button>}
            flush
          >
            <RecoveryTable
              items={c.recovery}
              onDecide={(i) => show('decide', i.id)}
              onPay={(i) => show('payment', i.id)}
            />
          </Section>

          {c.reports.length > 0 && (
            <Section title={t('ui.case.reports')}>
              <p style={{ marginTop: 0, color: '#57606a' }}>{t('ui.case.reportsHint')}</p>
              <Space wrap>
                {c.reports.map((r) => (
                  <StatusTag key={r.number} tone="info">
                    {r.number} · {formatDate(r.joinedOn)}
                  </StatusTag>
                ))}
              </Space>
            </Section>
          )}

          <Section title={t('ui.case.history')}>
            <Timeline
              items={c.events.map((e) => ({
                key: e.id,
                content: (
                  <>
                    <strong>{eventLabel(e.kind)}</strong>
                    {e.kind === 'moved' && ` — ${e.fromUnitName ?? ''} → ${e.toUnitName ?? ''}`}
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                    <div style={{ color: '#57606a', fontSize: 12 }}>
                      {formatDateTime(e.at)} · {e.byName ?? ''}
                    </div>
                  </>
                ),
              }))}
            />
          </Section>

          <FormModal
            open={dialog === 'update'}
            name="update"
            title={t('ui.case.update')}
            form={updateForm}
            initialValues={{
              stage: c.stage,
              damageVnd: c.damageVnd,
              seriousness: c.seriousness,
              headResponsibility: c.headResponsibility,
              headUnitId: c.headUnitId,
            }}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/cases/${c.id}/update`, {
                ...v,
                seriousness: v.seriousness ?? null,
                headUnitId: v.headUnitId ?? null,
                note: v.note || null,
                version: c.version,
              })
            }
          >
            <Space wrap>
              <Form.Item name="stage" label={t('ui.case.stage')} {...req}>
                <Select style={{ width: 240 }} options={options(caseStages, 'ui.case.stage')} />
              </Form.Item>
              <Form.Item name="damageVnd" label={t('ui.case.damage')}>
                <NumberInput
                  min={0}
                  step={1_000_000}
                  style={{ width: 220 }}
                  placeholder={t('ui.case.damageUnknown')}
                />
              </Form.Item>
            </Space>
            <Form.Item name="seriousness" label={t('ui.case.seriousness')}>
              <Select allowClear options={options(seriousness, 'ui.case.seriousness')} />
            </Form.Item>
            <Form.Item name="headResponsibility" label={t('ui.case.head')}>
              <Select style={{ width: 220 }} options={options(headResponsibilities, 'ui.case.head')} />
            </Form.Item>
            <Form.Item name="headUnitId" label={t('ui.case.headUnit')}>
              <UnitSelect aria-label={t('ui.case.headUnit')} />
            </Form.Item>
            <Form.Item name="note" label={t('ui.case.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'move'}
            name="move"
            title={t('ui.case.move')}
            form={moveForm}
            onClose={close}
            onSubmit={async (v: { unitId: string; reason: string }) =>
              send(`/cases/${c.id}/move`, { ...v, version: c.version })
            }
          >
            <Form.Item name="unitId" label={t('ui.case.moveTo')} {...req}>
              <UnitSelect aria-label={t('ui.case.moveTo')} />
            </Form.Item>
            <Form.Item name="reason" label={t('ui.case.moveReason')} {...req}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'person'}
            name="person"
            title={person ? t('ui.case.editPerson') : t('ui.case.addPerson')}
            form={personForm}
            initialValues={person ?? {}}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) => {
              const body = {
                ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : (x ?? null)])),
                version: person ? person.version : c.version,
              };
              await send(person ? `/cases/${c.id}/persons/${person.id}` : `/cases/${c.id}/persons`, body);
            }}
          >
            <PersonFields />
          </FormModal>

          <FormModal
            open={dialog === 'referral' && !source.isLoading}
            name="referral"
            title={t('ui.case.addReferral')}
            form={referralForm}
            initialValues={{
              bodyKind: 'police',
              stage: c.inspectionId ? 'after' : 'during',
              bodyName: toRefer?.ownerOutside ?? toRefer?.ownerUnitName ?? undefined,
              bodyContact: toRefer?.ownerContact ?? undefined,
            }}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/cases/${c.id}/referrals`, {
                ...v,
                bodyContact: v.bodyContact || null,
                procuracyNotifiedOn: v.procuracyNotifiedOn || null,
                note: v.note || null,
              })
            }
          >
            <Space wrap>
              <Form.Item name="bodyKind" label={t('ui.case.bodyKind')} {...req}>
                <Select style={{ width: 260 }} options={options(bodyKinds, 'ui.case.body')} />
              </Form.Item>
              <Form.Item name="stage" label={t('ui.case.referralStage')} {...req}>
                <Select style={{ width: 340 }} options={options(referralStages, 'ui.case.referralStage')} />
              </Form.Item>
            </Space>
            <Form.Item name="bodyName" label={t('ui.case.bodyName')} {...req}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="bodyContact" label={t('ui.case.bodyContact')}>
              <Input maxLength={300} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="documentNo" label={t('ui.case.documentNo')} {...req}>
                <Input maxLength={60} placeholder="95/TTr-KNKT" />
              </Form.Item>
              <Form.Item name="sentOn" label={t('ui.case.sentOn')} {...req}>
                <DateInput />
              </Form.Item>
              <Form.Item name="procuracyNotifiedOn" label={t('ui.case.procuracyNotifiedOn')}>
                <DateInput />
              </Form.Item>
            </Space>
            <Form.Item name="note" label={t('ui.case.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'refevent' && !!referral}
            name="refevent"
            title={`${t('ui.case.recordEvent')} — ${referral?.bodyName ?? ''}`}
            form={eventForm}
            initialValues={{ event: referral?.receivedOn ? 'decision' : 'received' }}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/referrals/${referral!.id}/events`, {
                ...v,
                decision: v.decision ?? null,
                documentNo: v.documentNo || null,
                note: v.note || null,
                version: referral!.version,
              })
            }
          >
            <Form.Item name="event" label={t('ui.case.event')} {...req}>
              <Select options={options(referralEvents, 'ui.case.referralEvent')} />
            </Form.Item>
            <Form.Item name="on" label={t('ui.case.eventOn')} {...req}>
              <DateInput />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.event !== b.event}>
              {({ getFieldValue }) =>
                getFieldValue('event') === 'decision' && (
                  <Space wrap>
                    <Form.Item name="decision" label={t('ui.case.decision')} {...req}>
                      <Select
                        style={{ width: 280 }}
                        options={options(referralDecisions, 'ui.case.decision')}
                      />
                    </Form.Item>
                    <Form.Item name="documentNo" label={t('ui.case.documentNo')} {...req}>
                      <Input maxLength={60} placeholder="35/QĐ-CSĐT" />
                    </Form.Item>
                  </Space>
                )
              }
            </Form.Item>
            <Form.Item name="note" label={t('ui.case.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'recovery'}
            name="recovery"
            title={t('ui.case.addRecovery')}
            form={recoveryForm}
            initialValues={{ kind: 'money', measure: 'administrative', returnTo: 'budget' }}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/cases/${c.id}/recovery`, {
                ...v,
                decidedVnd: v.decidedVnd ?? null,
                decidedOn: v.decidedOn || null,
                decisionNo: v.decisionNo || null,
                recommendationId: v.recommendationId || null,
              })
            }
          >
            {c.inspectionId && dialog === 'recovery' && (
              <Form.Item name="recommendationId" label={t('ui.case.fromRecommendationField')}>
                <RecoveryRecommendationSelect
                  inspectionId={c.inspectionId}
                  onPicked={(r) =>
                    recoveryForm.setFieldsValue({ description: r.content, recommendedVnd: r.amountVnd ?? 0 })
                  }
                />
              </Form.Item>
            )}
            <Form.Item name="description" label={t('ui.case.description')} {...req}>
              <Input maxLength={1000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="kind" label={t('ui.case.recoveryKind')} {...req}>
                <Select style={{ width: 200 }} options={options(recoveryKinds, 'ui.case.recoveryKind')} />
              </Form.Item>
              <Form.Item name="measure" label={t('ui.case.measure')} {...req}>
                <Select style={{ width: 220 }} options={options(recoveryMeasures, 'ui.case.measure')} />
              </Form.Item>
              <Form.Item name="returnTo" label={t('ui.case.returnTo')} {...req}>
                <Select style={{ width: 260 }} options={options(returnTos, 'ui.case.returnTo')} />
              </Form.Item>
            </Space>
            <Form.Item name="recommendedVnd" label={`${t('ui.case.recommended')} (đ)`} {...req}>
              <NumberInput min={0} step={1_000_000} style={{ width: 240 }} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="decidedVnd" label={`${t('ui.case.decided')} (đ)`}>
                <NumberInput min={0} step={1_000_000} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="decidedOn" label={t('ui.case.decidedOn')}>
                <DateInput />
              </Form.Item>
              <Form.Item name="decisionNo" label={t('ui.case.decisionNo')}>
                <Input maxLength={60} />
              </Form.Item>
            </Space>
          </FormModal>

          <FormModal
            open={dialog === 'decide' && !!item}
            name="decide"
            title={`${t('ui.case.decide')} — ${item?.description ?? ''}`}
            form={decideForm}
            initialValues={{ decidedVnd: item?.decidedVnd ?? item?.recommendedVnd }}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/recovery-items/${item!.id}/decide`, { ...v, version: item!.version })
            }
          >
            <Form.Item name="decidedVnd" label={`${t('ui.case.decided')} (đ)`} {...req}>
              <NumberInput min={0} step={1_000_000} style={{ width: 240 }} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="decidedOn" label={t('ui.case.decidedOn')} {...req}>
                <DateInput />
              </Form.Item>
              <Form.Item name="decisionNo" label={t('ui.case.decisionNo')} {...req}>
                <Input maxLength={60} />
              </Form.Item>
            </Space>
          </FormModal>

          <FormModal
            open={dialog === 'payment' && !!item}
            name="payment"
            title={`${t('ui.case.addPayment')} — ${item?.description ?? ''}`}
            form={paymentForm}
            onClose={close}
            onSubmit={async (v: Record<string, unknown>) =>
              send(`/recovery-items/${item!.id}/payments`, {
                ...v,
                note: v.note || null,
                evidenceFileIds: evidence,
                version: item!.version,
              })
            }
          >
            {item && item.decidedVnd !== null && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${t('ui.case.remaining')}: ${formatVnd(item.decidedVnd - item.recoveredVnd, lang)}`}
              />
            )}
            <Space wrap>
              <Form.Item name="amountVnd" label={t('ui.case.amount')} {...req}>
                <NumberInput min={1} step={1_000_000} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name="paidOn" label={t('ui.case.paidOn')} {...req}>
                <DateInput />
              </Form.Item>
            </Space>
            <Form.Item name="note" label={t('ui.case.note')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item label={t('ui.case.evidence')}>
              <FileUpload unitId={c.unitId} multiple onUploaded={(f) => setEvidence((e) => [...e, f])} />
            </Form.Item>
          </FormModal>
        </>
      )}
    </QueryState>
  );
}

/** A referral: when and to whom it went, the body's period, its answer, and the prompt when it is late. */
function ReferralBlock({ r, onRecord }: { r: Referral; onRecord(): void }) {
  const { t } = useT();
  const waiting = !r.decision || r.decision === 'verify_further';
  return (
    <div style={{ borderTop: '1px solid #eee', padding: '12px 0' }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <strong>{r.bodyName}</strong>
        <StatusTag tone="muted">{t(`ui.case.body.${r.bodyKind}`)}</StatusTag>
        {r.decision ? (
          <StatusTag tone={waiting ? 'info' : 'ok'}>{t(`ui.case.decision.${r.decision}`)}</StatusTag>
        ) : (
          <StatusTag tone="info">{t('ui.case.waiting')}</StatusTag>
        )}
        {r.sentLate && <StatusTag tone="warn">{t('ui.case.sentLate')}</StatusTag>}
        {r.complex && <StatusTag tone="muted">{t('ui.case.complex')}</StatusTag>}
        {r.extended && <StatusTag tone="muted">{t('ui.case.extended')}</StatusTag>}
        {waiting && (
          <Button size="small" onClick={onRecord}>
            {t('ui.case.recordEvent')}
          </Button>
        )}
      </Space>
      {r.overdue && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('ui.case.overdue')} />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('ui.case.documentNo')}>{r.documentNo}</Descriptions.Item>
        <Descriptions.Item label={t('ui.case.sentOn')}>{formatDate(r.sentOn)}</Descriptions.Item>
        <Descriptions.Item label={t('ui.case.sendBy')}>{formatDate(r.sendBy) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ui.case.procuracyNotifiedOn')}>
          {formatDate(r.procuracyNotifiedOn) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ui.case.receivedOn')}>
          {formatDate(r.receivedOn) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ui.case.answerDueOn')}>
          {formatDate(r.answerDueOn) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ui.case.followUps')}>
          {r.followUps}
          {r.lastFollowUpOn ? ` (${formatDate(r.lastFollowUpOn)})` : ''}
        </Descriptions.Item>
        {r.decision && (
          <Descriptions.Item label={t('ui.case.decision')}>
            {`${r.decisionNo ?? ''}, ${formatDate(r.decisionOn)}`}
          </Descriptions.Item>
        )}
        {r.note && <Descriptions.Item label={t('ui.case.note')}>{r.note}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}

/** The ledger of a case: each item asked, decided and recovered, its payments below it, and the totals. */
function RecoveryTable({
  items,
  onDecide,
  onPay,
}: {
  items: RecoveryItem[];
  onDecide(i: RecoveryItem): void;
  onPay(i: RecoveryItem): void;
}) {
  const { t, lang } = useT();
  const sum = (f: (i: RecoveryItem) => number) => items.reduce((s, i) => s + f(i), 0);
  const money = (n: number) => <span className="nowrap">{formatVnd(n, lang)}</span>;
  return (
    <Table<RecoveryItem>
      aria-label={t('ui.case.recovery')}
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={items}
      locale={{ emptyText: t('ui.case.noRecovery') }}
      expandable={{
        rowExpandable: (i) => i.payments.length > 0,
        expandedRowRender: (i) => (
          <ul style={{ margin: 0 }} aria-label={t('ui.case.payments')}>
            {i.payments.map((p) => (
              <li key={p.id}>
                {formatDate(p.paidOn)}: {formatVnd(p.amountVnd, lang)}
                {p.note ? ` — ${p.note}` : ''}
                {p.evidence.map((f) => (
                  <a key={f.id} href={`/api/files/${f.id}`} style={{ marginLeft: 6 }}>
                    {f.name}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        {
          key: 'description',
          title: t('ui.case.description'),
          render: (_, i) => (
            <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>
              {i.description}
              <div style={{ color: '#57606a', fontSize: 12 }}>
                {t(`ui.case.measure.${i.measure}`)} · {t(`ui.case.returnTo.${i.returnTo}`)}
                {i.recommendationId && (
                  <>
                    {' · '}
                    <Link to={`/recommendations/${i.recommendationId}`}>
                      {t('ui.case.fromRecommendation')}
                    </Link>
                  </>
                )}
              </div>
            </div>
          ),
        },
        { key: 'recommended', title: t('ui.case.recommended'), render: (_, i) => money(i.recommendedVnd) },
        {
          key: 'decided',
          title: t('ui.case.decided'),
          render: (_, i) =>
            i.decidedVnd === null ? (
              '—'
            ) : (
              <>
                {money(i.decidedVnd)}
                <div style={{ color: '#57606a', fontSize: 12 }}>
                  {i.decisionNo}, {formatDate(i.decidedOn)}
                </div>
              </>
            ),
        },
        { key: 'recovered', title: t('ui.case.recovered'), render: (_, i) => money(i.recoveredVnd) },
        {
          key: 'remaining',
          title: t('ui.case.remaining'),
          render: (_, i) => (i.decidedVnd === null ? '—' : money(i.decidedVnd - i.recoveredVnd)),
        },
        {
          key: 'actions',
          title: '',
          fixed: 'right',
          // Stacked, so both fit beside the amounts at 1280 pixels; pinned so they never scroll away.
          render: (_, i) => (
            <Space orientation="vertical" size={4}>
              {i.decidedVnd !== null && i.recoveredVnd < i.decidedVnd && (
                <Button size="small" type="primary" onClick={() => onPay(i)}>
                  {t('ui.case.addPayment')}
                </Button>
              )}
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onDecide(i)}>
                {t('ui.case.decideShort')}
              </Button>
            </Space>
          ),
        },
      ]}
      summary={() =>
        items.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t('ui.common.total', { total: items.length })}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{money(sum((i) => i.recommendedVnd))}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{money(sum((i) => i.decidedVnd ?? 0))}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{money(sum((i) => i.recoveredVnd))}</Table.Summary.Cell>
            <Table.Summary.Cell index={4}>
              {money(sum((i) => (i.decidedVnd ?? 0) - i.recoveredVnd))}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** The case's inspection's recovery recommendations: picking one fills the item from it (typed once). */
function RecoveryRecommendationSelect({
  inspectionId,
  onPicked,
  ...props
}: {
  inspectionId: string;
  onPicked(r: { content: string; amountVnd: number | null }): void;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t, lang } = useT();
  const q = useQuery({
    queryKey: ['inspections', 'one', inspectionId],
    queryFn: () => get<InspectionDetail>(`/inspections/${inspectionId}`),
  });
  const recs = (q.data?.recommendations ?? []).filter((r) => r.kind === 'recovery');
  return (
    <Select
      {...props}
      allowClear
      aria-label={t('ui.case.fromRecommendationField')}
      loading={q.isLoading}
      placeholder={t('ui.case.fromRecommendationNone')}
      onChange={(v: string | undefined) => {
        props.onChange?.(v);
        const r = recs.find((x) => x.id === v);
        if (r) onPicked(r);
      }}
      options={recs.map((r) => recoveryChoice(r, lang))}
    />
  );
}
