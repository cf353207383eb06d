import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Steps, Table, Tooltip } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { inspectionDocuments, type inspectionSteps, responsibilities } from '#shared/inspections/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { CaseDialog } from '#web/features/cases/CaseDialog.tsx';
import { FollowUpCard } from './FollowUpCard.tsx';
import { RecommendationFields, recommendationBodies } from './RecommendationFields.tsx';
import { RecommendationTags, recoveryChoice } from './RecommendationTags.tsx';
import { type InspectionDetail, inspectionTone, type Recommendation } from './types.ts';

type Dialog = 'decide' | 'step' | 'conclude' | 'cancel' | 'extend' | 'case';

/** Each document's labels and where its signed copy is kept. */
const docLabel = {
  decision: { word: 'ui.insp.docDecision', name: 'ui.insp.decision', file: 'decisionFileId' },
  minutes: { word: 'ui.insp.docMinutes', name: 'ui.insp.minutesDoc', file: 'minutesFileId' },
  conclusion: { word: 'ui.insp.docConclusion', name: 'ui.insp.conclusionDoc', file: 'conclusionFileId' },
} as const;

/** Which step comes next, by status (the server refuses any other order). */
const nextSteps = (i: InspectionDetail): Array<(typeof inspectionSteps)[number]> =>
  i.status === 'decided'
    ? ['results']
    : i.status === 'reported'
      ? i.draftAssignedOn
        ? i.draftReceivedOn
          ? []
          : ['draft_received']
        : ['draft_assigned']
      : i.status === 'concluded'
        ? ['directed']
        : [];

/**
 * One inspection: its decision and team, the timeline with the law's clocks, its conclusion and the
 * recommendations it made. Each action is a dialog kept in the address.
 */
export default function InspectionPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'dialog'>();
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const q = useQuery({
    queryKey: ['inspections', 'one', id],
    queryFn: () => get<InspectionDetail>(`/inspections/${id}`),
  });
  const [decideForm] = Form.useForm();
  const [stepForm] = Form.useForm();
  const [concludeForm] = Form.useForm();
  const [cancelForm] = Form.useForm();
  const [extendForm] = Form.useForm();
  const navigate = useNavigate();
  const i = q.data;
  const dialog = url.dialog as Dialog | undefined;
  const show = (d: Dialog) => setUrl({ dialog: d }, false);
  const close = () => setUrl({ dialog: undefined }, false);
  const saved = async (next: InspectionDetail) => {
    qc.setQueryData(['inspections', 'one', id], next);
    await qc.invalidateQueries({ queryKey: ['inspections'] });
    close();
  };
  const post = async (path: string, body: object) =>
    saved(await api<InspectionDetail>('POST', `/inspections/${id}${path}`, { ...body, version: i!.version }));
  const timeline = i && [
    { title: t('ui.insp.decision'), date: i.decisionDate },
    { title: t('ui.insp.step.results'), date: i.resultsOn },
    { title: t('ui.insp.step.draft_assigned'), date: i.draftAssignedOn },
    { title: t('ui.insp.step.draft_received'), date: i.draftReceivedOn },
    { title: t('ui.insp.conclude'), date: i.concludedOn },
    { title: t('ui.insp.step.directed'), date: i.directedOn },
  ];
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {i && timeline && (
        <>
          <PageHeader
            title={i.title}
            extra={
              <Space wrap>
                {i.status === 'planned' && (
                  <Button type="primary" onClick={() => show('decide')}>
                    {t('ui.insp.decide')}
                  </Button>
                )}
                {nextSteps(i).length > 0 && (
                  <Button onClick={() => show('step')}>{t('ui.insp.recordStep')}</Button>
                )}
                {i.canExtend && <Button onClick={() => show('extend')}>{t('ui.insp.extend')}</Button>}
                {i.canConclude && (
                  <Button type="primary" onClick={() => show('conclude')}>
                    {t('ui.insp.conclude')}
                  </Button>
                )}
                {inspectionDocuments
                  .filter((k) => (k === 'conclusion' ? i.conclusionNo : i.decisionNo))
                  .map((k) => (
                    <Button key={k} href={`/api/inspections/${i.id}/document?kind=${k}`}>
                      {t(docLabel[k].word)}
                    </Button>
                  ))}
                {(i.status === 'planned' || i.status === 'decided') && (
                  <Button danger onClick={() => show('cancel')}>
                    {t('ui.insp.cancel')}
                  </Button>
                )}
              </Space>
            }
          />
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag tone={inspectionTone[i.status]}>{t(`ui.insp.status.${i.status}`)}</StatusTag>
            {!i.planId && <StatusTag tone="info">{t('ui.insp.adHoc')}</StatusTag>}
          </Space>
          {i.status === 'reported' && !!i.draftReceivedOn && !i.canConclude && (
            // Why the conclusion is not this reader's to issue (separation of duties), not a missing button.
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.insp.concludeBy')} />
          )}
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ui.insp.inspectorate')}>{i.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.subject')}>{i.subjectName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.period')}>
              {i.periodFrom ? `${formatDate(i.periodFrom)} – ${formatDate(i.periodTo)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.decision')}>
              {i.decisionNo ? `${i.decisionNo}, ${formatDate(i.decisionDate)}` : '—'}
            </Descriptions.Item>
            {i.legalGround && (
              <Descriptions.Item label={t('ui.insp.legalGround')}>{i.legalGround}</Descriptions.Item>
            )}
            {i.extensionNo && (
              <Descriptions.Item label={t('ui.insp.extension')}>
                {`${i.extensionNo}, ${formatDate(i.onSiteExtendedOn)} — ${i.extensionReason ?? ''}`}
              </Descriptions.Item>
            )}
            {i.members.length > 0 && (
              <Descriptions.Item label={t('ui.insp.team')}>
                {i.members
                  .map((m) => `${m.fullName}${m.role === 'lead' ? ` (${t('ui.insp.lead')})` : ''}`)
                  .join(', ')}
              </Descriptions.Item>
            )}
            {i.cancelledReason && (
              <Descriptions.Item label={t('ui.insp.cancelReason')}>{i.cancelledReason}</Descriptions.Item>
            )}
          </Descriptions>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.timeline')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Steps
              size="small"
              // Titles under their icons: six steps side by side at 1280 px without breaking words.
              titlePlacement="vertical"
              current={timeline.filter((s) => s.date).length}
              items={timeline.map((s) => ({
                title: s.title,
                content: s.date ? formatDate(s.date) : undefined,
              }))}
              responsive
            />
            {i.clocks.length > 0 && (
              <Table
                aria-label={t('ui.insp.clocks')}
                style={{ marginTop: 16 }}
                rowKey={(c) => `${c.code}-${c.startOn}`}
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={i.clocks}
                columns={[
                  {
                    key: 'code',
                    title: t('ui.insp.clocks'),
                    render: (_, c) => (
                      <>
                        {labelOf(t, 'ui.reports.clockCode', c.code)}{' '}
                        {!c.confirmed && (
                          <Tooltip title={t('ui.insp.unconfirmedHint')}>
                            <span>
                              <StatusTag tone="warn">{t('ui.insp.unconfirmed')}</StatusTag>
                            </span>
                          </Tooltip>
                        )}
                      </>
                    ),
                  },
                  { key: 'start', title: t('ui.reports.start'), render: (_, c) => formatDate(c.startOn) },
                  { key: 'due', title: t('ui.reports.due'), render: (_, c) => formatDate(c.dueOn) },
                  {
                    key: 'done',
                    title: t('ui.reports.doneOn'),
                    render: (_, c) =>
                      c.doneOn ? (
                        <StatusTag tone={c.doneOn <= c.dueOn ? 'ok' : 'danger'}>
                          {formatDate(c.doneOn)}
                        </StatusTag>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            )}
          </Card>
          {(i.decisionNo || i.conclusionNo) && (
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.signed')}</h2>}
              style={{ marginBottom: 16 }}
            >
              <Space orientation="vertical">
                {inspectionDocuments
                  .filter((k) => (k === 'conclusion' ? i.conclusionNo : i.decisionNo))
                  .map((k) => {
                    const fileId = i[docLabel[k].file];
                    return (
                      <Space key={k} wrap>
                        <strong>{t(docLabel[k].name)}:</strong>
                        {fileId ? (
                          <a href={`/api/files/${fileId}`}>{t('ui.insp.signedOpen')}</a>
                        ) : (
                          <span>{t('ui.insp.signedNone')}</span>
                        )}
                        <FileUpload
                          unitId={i.unitId}
                          accept=".pdf,image/*"
                          onUploaded={(f) => void post('/signed', { kind: k, fileId: f })}
                        />
                      </Space>
                    );
                  })}
              </Space>
            </Card>
          )}
          {i.conclusionNo && (
            <Card
              title={
                <h2
                  style={{ fontSize: 16, margin: 0 }}
                >{`${t('ui.rec.source')} ${i.conclusionNo}, ${formatDate(i.concludedOn)}`}</h2>
              }
              style={{ marginBottom: 16 }}
            >
              <p style={{ whiteSpace: 'pre-wrap' }}>{i.summary}</p>
              <Space wrap>
                <span>
                  {t('ui.insp.wrongdoingShort')}: <strong>{formatVnd(i.wrongdoingVnd ?? 0, lang)}</strong>
                </span>
                <span>
                  {t('ui.insp.toRecoverShort')}: <strong>{formatVnd(i.toRecoverVnd ?? 0, lang)}</strong>
                </span>
              </Space>
              {i.personsResponsible.length > 0 && (
                <Table
                  aria-label={t('ui.insp.persons')}
                  style={{ marginTop: 12 }}
                  rowKey={(p) => `${p.fullName}-${p.position ?? ''}-${p.responsibility}`}
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={i.personsResponsible}
                  columns={[
                    { key: 'name', title: t('ui.insp.personName'), render: (_, p) => p.fullName },
                    {
                      key: 'position',
                      title: t('ui.insp.personPosition'),
                      render: (_, p) => p.position ?? '',
                    },
                    {
                      key: 'workplace',
                      title: t('ui.insp.personWorkplace'),
                      render: (_, p) => p.workplace ?? '',
                    },
                    {
                      key: 'responsibility',
                      title: t('ui.insp.responsibility'),
                      render: (_, p) => (
                        <div style={{ maxWidth: 320, whiteSpace: 'normal' }}>
                          {[t(`ui.insp.responsibility.${p.responsibility}`), p.note]
                            .filter(Boolean)
                            .join('. ')}
                        </div>
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          )}
          {(i.status === 'concluded' || i.status === 'directed') && (
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.cases')}</h2>}
              extra={<Button onClick={() => show('case')}>{t('ui.insp.openCase')}</Button>}
              style={{ marginBottom: 16 }}
            >
              {i.cases.length === 0 ? (
                <span>{t('ui.common.empty')}</span>
              ) : (
                <Space orientation="vertical">
                  {i.cases.map((c) => (
                    <Space key={c.id} wrap>
                      <Link to={`/cases/${c.id}`}>{c.number}</Link>
                      <span>{c.title}</span>
                      <StatusTag tone="info">{labelOf(t, 'ui.case.stage', c.stage)}</StatusTag>
                    </Space>
                  ))}
                </Space>
              )}
            </Card>
          )}
          <Card
            styles={{ body: { padding: 0 } }}
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.recommendations')}</h2>}
          >
            <RecommendationTable items={i.recommendations} />
          </Card>
          <FollowUpCard inspection={i} onSaved={saved} />

          <FormModal
            open={dialog === 'decide'}
            name="decide"
            title={t('ui.insp.decide')}
            form={decideForm}
            onClose={close}
            onSubmit={async (v: {
              decisionNo: string;
              decisionDate: string;
              onSiteFrom: string;
              lead: string;
              members?: string[];
            }) =>
              post('/decide', {
                decisionNo: v.decisionNo,
                decisionDate: v.decisionDate,
                onSiteFrom: v.onSiteFrom,
                members: [
                  { userId: v.lead, role: 'lead' },
                  ...(v.members ?? [])
                    .filter((m) => m !== v.lead)
                    .map((m) => ({ userId: m, role: 'member' })),
                ],
              })
            }
          >
            <DocumentRef
              number={['decisionNo', t('ui.insp.decisionNo'), '45/QĐ-TTr']}
              date={['decisionDate', t('ui.insp.decisionDate')]}
            />
            <Form.Item name="onSiteFrom" label={t('ui.insp.onSiteFrom')} {...req}>
              <DateInput />
            </Form.Item>
            <Form.Item name="lead" label={t('ui.insp.lead')} {...req}>
              <UserSelect withRole="inspector" aria-label={t('ui.insp.lead')} />
            </Form.Item>
            <Form.Item name="members" label={t('ui.insp.members')}>
              <UserSelect withRole="inspector" mode="multiple" aria-label={t('ui.insp.members')} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'step'}
            name="step"
            title={t('ui.insp.recordStep')}
            form={stepForm}
            initialValues={{ step: nextSteps(i)[0] }}
            onClose={close}
            onSubmit={async (v: { step: string; on: string }) => post('/steps', v)}
          >
            <Form.Item name="step" label={t('ui.insp.step')} required>
              <Select options={nextSteps(i).map((s) => ({ value: s, label: t(`ui.insp.step.${s}`) }))} />
            </Form.Item>
            <Form.Item name="on" label={t('ui.insp.stepOn')} {...req}>
              <DateInput />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'extend'}
            name="extend"
            title={t('ui.insp.extend')}
            form={extendForm}
            onClose={close}
            onSubmit={async (v: { decisionNo: string; on: string; reason: string }) => post('/extend', v)}
          >
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.insp.extendHint')} />
            <DocumentRef
              number={['decisionNo', t('ui.insp.extensionNo'), '50/QĐ-TTr']}
              date={['on', t('ui.insp.extendedOn')]}
            />
            <Form.Item name="reason" label={t('ui.insp.extensionReason')} {...req}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </FormModal>

          <CaseDialog
            open={dialog === 'case'}
            initial={{
              unitId: i.unitId,
              source: 'inspection',
              inspectionId: i.id,
              ...(i.subjectUnitId
                ? { subjectUnitId: i.subjectUnitId }
                : { subjectName: i.subjectName ?? '' }),
              title: i.title,
              summary: i.summary ?? '',
              detectedOn: i.concludedOn ?? undefined,
              damageVnd: i.wrongdoingVnd ?? undefined,
              // Carried unless a case of this inspection already took them (the server refuses twice).
              recoveryFrom: i.recommendations
                .filter((r) => r.kind === 'recovery' && !i.carried.includes(r.id))
                .map((r) => r.id),
              persons: i.personsResponsible.map((p) => ({
                fullName: p.fullName,
                position: [p.position, p.workplace].filter(Boolean).join(', ') || undefined,
              })),
            }}
            recoveryOptions={i.recommendations
              .filter((r) => r.kind === 'recovery' && !i.carried.includes(r.id))
              .map((r) => recoveryChoice(r, lang))}
            onClose={close}
            onSaved={async (caseId) => {
              await qc.invalidateQueries({ queryKey: ['inspections'] });
              navigate(`/cases/${caseId}`);
            }}
          />

          <FormModal
            open={dialog === 'cancel'}
            name="cancel"
            title={t('ui.insp.cancel')}
            form={cancelForm}
            onClose={close}
            onSubmit={async (v: { reason: string }) => post('/cancel', v)}
          >
            <Form.Item name="reason" label={t('ui.insp.cancelReason')} {...req}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </FormModal>

          <FormModal
            open={dialog === 'conclude'}
            name="conclude"
            title={t('ui.insp.conclude')}
            form={concludeForm}
            initialValues={{ wrongdoingVnd: 0, toRecoverVnd: 0, recommendations: [{}] }}
            onClose={close}
            onSubmit={async (
              v: Record<string, unknown> & { recommendations?: Array<Record<string, unknown>> },
            ) =>
              post('/conclude', {
                ...v,
                recommendations: recommendationBodies(v.recommendations),
              })
            }
          >
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.insp.concludeHint')} />
            <DocumentRef
              number={['conclusionNo', t('ui.insp.conclusionNo'), '120/KL-TTr']}
              date={['concludedOn', t('ui.insp.concludedOn')]}
            />
            <Form.Item name="summary" label={t('ui.insp.summary')} {...req}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="wrongdoingVnd" label={t('ui.insp.wrongdoing')} required>
                <NumberInput min={0} step={1_000_000} style={{ width: 220 }} />
              </Form.Item>
              <Form.Item name="toRecoverVnd" label={t('ui.insp.toRecover')} required>
                <NumberInput min={0} step={1_000_000} style={{ width: 220 }} />
              </Form.Item>
            </Space>
            <Form.List name="persons">
              {(fields, { add, remove }) => (
                <Card
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('ui.insp.persons')}
                  extra={
                    <Button icon={<PlusOutlined />} onClick={() => add({ responsibility: 'direct' })}>
                      {t('ui.insp.addPerson')}
                    </Button>
                  }
                >
                  <p style={{ color: '#57606a', marginTop: 0 }}>{t('ui.insp.personsHint')}</p>
                  {fields.map((f, n) => (
                    <Card
                      key={f.key}
                      type="inner"
                      size="small"
                      style={{ marginBottom: 8 }}
                      title={`${t('ui.insp.person')} ${n + 1}`}
                      extra={
                        <Button
                          type="text"
                          aria-label={t('ui.common.delete')}
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(f.name)}
                        />
                      }
                    >
                      <Space wrap align="start">
                        <Form.Item name={[f.name, 'fullName']} label={t('ui.insp.personName')} {...req}>
                          <Input maxLength={200} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'position']} label={t('ui.insp.personPosition')}>
                          <Input maxLength={200} style={{ width: 180 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'workplace']} label={t('ui.insp.personWorkplace')}>
                          <Input maxLength={300} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'responsibility']}
                          label={t('ui.insp.responsibility')}
                          required
                        >
                          <Select
                            style={{ width: 220 }}
                            options={responsibilities.map((r) => ({
                              value: r,
                              label: t(`ui.insp.responsibility.${r}`),
                            }))}
                          />
                        </Form.Item>
                      </Space>
                    </Card>
                  ))}
                </Card>
              )}
            </Form.List>
            <RecommendationFields />
          </FormModal>
        </>
      )}
    </QueryState>
  );
}

/** Recommendations with their owner, due date, state and flags; each opens its page. */
export function RecommendationTable({ items }: { items: Recommendation[] }) {
  const { t, lang } = useT();
  return (
    <Table<Recommendation>
      aria-label={t('ui.insp.recommendations')}
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('ui.rec.none') }}
      columns={[
        {
          key: 'content',
          title: t('ui.rec.content'),
          render: (_, r) => (
            <div style={{ maxWidth: 300, whiteSpace: 'normal' }}>
              <Link to={`/recommendations/${r.id}`}>{r.content}</Link>
              <div style={{ color: '#57606a', fontSize: 12 }}>{t(`ui.rec.kind.${r.kind}`)}</div>
            </div>
          ),
        },
        {
          key: 'owner',
          title: t('ui.rec.owner'),
          render: (_, r) => (
            <div style={{ maxWidth: 180, whiteSpace: 'normal' }}>
              {r.ownerUnitName ?? r.ownerOutside ?? ''}
            </div>
          ),
        },
        {
          key: 'amount',
          title: t('ui.rec.amount'),
          className: 'nowrap',
          render: (_, r) => (r.amountVnd ? formatVnd(r.amountVnd, lang) : ''),
        },
        { key: 'due', title: t('ui.rec.dueOn'), className: 'nowrap', render: (_, r) => formatDate(r.dueOn) },
        {
          key: 'status',
          title: t('ui.common.status'),
          // The state and its flags stack rather than run off the card's edge at 1280 px.
          render: (_, r) => (
            <Space size={4} wrap style={{ maxWidth: 170 }}>
              <RecommendationTags r={r} />
            </Space>
          ),
        },
      ]}
    />
  );
}

/** A document's number and date, both required: the decision, its extension, the conclusion. */
function DocumentRef({
  number: [numberName, numberLabel, placeholder],
  date: [dateName, dateLabel],
}: {
  number: [string, string, string];
  date: [string, string];
}) {
  const { t } = useT();
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  return (
    <Space wrap>
      <Form.Item name={numberName} label={numberLabel} {...req}>
        <Input maxLength={60} placeholder={placeholder} />
      </Form.Item>
      <Form.Item name={dateName} label={dateLabel} {...req}>
        <DateInput />
      </Form.Item>
    </Space>
  );
}
