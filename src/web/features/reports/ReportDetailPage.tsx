import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { closeOutcomes, complaintTracks, type ReportStepCode, triageKinds } from '#shared/reports/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { KeysNotice } from './KeysPage.tsx';
import { useCategories } from './ReportsPage.tsx';
import { clockTone, type Report, statusTone } from './types.ts';

type Dialog = 'triage' | 'forward' | 'merge' | 'close' | 'identity' | 'task' | 'step' | null;

export default function ReportDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => get<Report>(`/reports/${id}`) });
  const categories = useCategories();
  // Only bodies with an intake desk can receive a forwarded report (their officers get its key).
  const receiving = useQuery({
    queryKey: ['receiving-units'],
    queryFn: () => get<Array<{ id: string; name: string }>>('/reports/receiving-units'),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [identity, setIdentity] = useState<Record<string, string | null> | null>(null);
  const [strip, setStrip] = useState(false);
  const [triageForm] = Form.useForm<{
    kind: string;
    handlerId?: string;
    message?: string;
    complaintTrack?: string;
    documentNo?: string;
    documentDate?: string;
    firstDecisionNo?: string;
    firstDecisionDate?: string;
    firstDecisionBy?: string;
  }>();
  const triageKind = Form.useWatch('kind', triageForm);
  const triageTrack = Form.useWatch('complaintTrack', triageForm);
  const [stepForm] = Form.useForm<{ documentNo?: string; documentDate?: string; fileId?: string }>();
  const [stepCode, setStepCode] = useState<ReportStepCode | null>(null);
  const [stepValues, setStepValues] = useState<{
    documentNo?: string;
    documentDate?: string;
    fileId?: string;
  }>({});
  const openStep = (
    code: ReportStepCode,
    current?: { documentNo: string | null; documentDate: string | null; fileId: string | null },
  ) => {
    setStepCode(code);
    setStepValues({
      documentNo: current?.documentNo ?? undefined,
      documentDate: current?.documentDate ?? undefined,
      fileId: current?.fileId ?? undefined,
    });
    setDialog('step');
  };
  const [forwardForm] = Form.useForm<{ unitId: string; note?: string }>();
  const [mergeForm] = Form.useForm<{ intoId: string }>();
  const [closeForm] = Form.useForm<{ outcome: string; measures: string; publicSummary: string }>();
  const [identityForm] = Form.useForm<{ reason: string }>();
  const [taskForm] = Form.useForm<{ title: string; assigneeId?: string; dueOn?: string }>();
  const [msgForm] = Form.useForm<{ kind: 'message' | 'question' | 'note'; body: string }>();
  const messageKind = Form.useWatch('kind', msgForm) ?? 'note';
  const r = report.data;
  const done = (next: Report) => {
    qc.setQueryData(['report', id], next);
    void qc.invalidateQueries({ queryKey: ['reports'] });
    setDialog(null);
  };
  const post = async (path: string, body?: unknown) =>
    done(await api<Report>('POST', `/reports/${id}${path}`, body));
  const catName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (lang === 'vi' ? c.nameVi : c.nameEn) : code;
  };
  const showIdentity = async () => {
    setIdentity(await get<Record<string, string | null>>(`/reports/${id}/identity`));
  };
  const sendMessage = async () => {
    const v = await msgForm.validateFields();
    await post('/messages', v);
    msgForm.resetFields(['body']);
    message.success(t('ui.reports.sent'));
  };

  return (
    <QueryState isLoading={report.isLoading} error={report.error} onRetry={() => void report.refetch()}>
      {r && (
        <>
          <PageHeader
            title={`${t('ui.reports.number')} ${r.number}`}
            extra={
              r.canHandle && (
                <Space wrap>
                  {r.kind === 'unclassified' && (
                    <Button type="primary" onClick={() => setDialog('triage')}>
                      {t('ui.reports.triage')}
                    </Button>
                  )}
                  <Button onClick={() => setDialog('forward')}>{t('ui.reports.forward')}</Button>
                  <Button onClick={() => setDialog('merge')}>{t('ui.reports.merge')}</Button>
                  {r.kind !== 'unclassified' && (
                    <Button type="primary" onClick={() => setDialog('close')}>
                      {t('ui.reports.close')}
                    </Button>
                  )}
                </Space>
              )
            }
          />
          <KeysNotice />
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag tone={statusTone[r.status as keyof typeof statusTone] ?? 'muted'}>
              {t(`reportStatus.${r.status}`)}
            </StatusTag>
            <StatusTag tone="info">{t(`reportKind.${r.kind}`)}</StatusTag>
            {r.outcome && <StatusTag tone="muted">{t(`reportOutcome.${r.outcome}`)}</StatusTag>}
            {r.clockState && (
              <StatusTag tone={clockTone[r.clockState]}>
                {t(`ui.clockState.${r.clockState}`)} · {formatDate(r.nextDueOn)}
              </StatusTag>
            )}
            {r.followUp && <StatusTag tone="muted">{t('ui.reports.followUp')}</StatusTag>}
            <StatusTag tone={r.named ? 'warn' : 'muted'}>
              {t(r.named ? 'ui.reports.namedTag' : 'ui.reports.anonymousTag')}
            </StatusTag>
          </Space>
          {r.contentUnavailable && (
            <Alert
              type={r.contentUnavailable === 'purged' ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`ui.reports.unavailable.${r.contentUnavailable}`)}
            />
          )}
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('ui.reports.received')}>
                {formatDateTime(r.receivedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.channelLabel')}>
                {t(`ui.reports.channel.${r.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.category')}>
                {catName(r.categoryCode)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.concerned')}>
                {r.concernedUnitName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.receivedUnit')}>{r.receivedUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.handlingUnit')}>{r.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.reports.handler')}>{r.handlerName ?? '—'}</Descriptions.Item>
              {r.mergedIntoNumber && (
                <Descriptions.Item label={t('ui.reports.mergedInto')}>{r.mergedIntoNumber}</Descriptions.Item>
              )}
              {r.firstDecision && (
                <Descriptions.Item label={t('ui.reports.firstDecision')}>
                  {t('ui.reports.firstDecisionText', {
                    number: r.firstDecision.documentNo,
                    date: formatDate(r.firstDecision.documentDate),
                  })}
                  {r.firstDecision.issuedBy ? ` — ${r.firstDecision.issuedBy}` : ''}
                </Descriptions.Item>
              )}
              {r.publicSummary && (
                <Descriptions.Item label={t('ui.reports.publicSummary')}>{r.publicSummary}</Descriptions.Item>
              )}
            </Descriptions>
            {r.content && (
              <>
                <Typography.Title level={3} style={{ fontSize: 18, marginTop: 16 }}>
                  {r.content.title}
                </Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {r.content.description}
                </Typography.Paragraph>
                <Descriptions column={1} size="small">
                  {r.content.officials && (
                    <Descriptions.Item label={t('ui.reports.officials')}>
                      {r.content.officials}
                    </Descriptions.Item>
                  )}
                  {r.content.when && (
                    <Descriptions.Item label={t('ui.reports.when')}>{r.content.when}</Descriptions.Item>
                  )}
                  {r.content.where && (
                    <Descriptions.Item label={t('ui.reports.where')}>{r.content.where}</Descriptions.Item>
                  )}
                  {r.content.amountVnd !== null && (
                    <Descriptions.Item label={t('ui.reports.amount')}>
                      {r.content.amountVnd.toLocaleString('vi-VN')} đ
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </>
            )}
          </Card>
          <Tabs
            items={[
              {
                key: 'conversation',
                label: t('ui.reports.tabConversation'),
                children: (
                  <>
                    {r.messages.length === 0 && (
                      <Typography.Paragraph type="secondary">{t('ui.common.empty')}</Typography.Paragraph>
                    )}
                    {r.messages.map((m) => (
                      <Card
                        key={m.id}
                        size="small"
                        style={{
                          marginBottom: 8,
                          borderLeft: `4px solid ${m.kind === 'note' ? '#8c8c8c' : m.author === 'reporter' ? '#57606a' : '#0b5cad'}`,
                        }}
                      >
                        <Typography.Text type="secondary">
                          {m.author === 'reporter' ? t('ui.reports.reporter') : (m.authorName ?? '—')} ·{' '}
                          {formatDateTime(m.createdAt)} · {t(`ui.reports.messageKind.${m.kind}`)}
                          {m.kind === 'question' && !m.answeredAt && ` · ${t('ui.reports.unanswered')}`}
                        </Typography.Text>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                          {m.body ?? t('ui.reports.locked')}
                        </Typography.Paragraph>
                        {m.files.map((f) => (
                          <div key={f.id}>
                            <a href={`/api/reports/${r.id}/files/${f.id}`}>{f.name}</a>
                          </div>
                        ))}
                      </Card>
                    ))}
                    {r.canHandle && (
                      <Card size="small" style={{ marginTop: 12 }}>
                        <Form form={msgForm} layout="vertical" initialValues={{ kind: 'note' }}>
                          <Form.Item name="kind" label={t('ui.reports.messageTo')}>
                            <Radio.Group
                              // An internal note unless the officer chooses to write to the reporter.
                              options={(['note', 'question', 'message'] as const).map((k) => ({
                                value: k,
                                label: t(`ui.reports.messageKind.${k}`),
                              }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name="body"
                            label={t('ui.reports.messageBody')}
                            rules={[{ required: true, message: t('field.required') }]}
                          >
                            <Input.TextArea rows={3} />
                          </Form.Item>
                          <Button type="primary" onClick={sendMessage}>
                            {messageKind === 'note'
                              ? t('ui.reports.saveNote')
                              : t('ui.reports.sendToReporter')}
                          </Button>
                        </Form>
                      </Card>
                    )}
                  </>
                ),
              },
              {
                key: 'files',
                label: `${t('ui.reports.tabFiles')} (${r.files.length})`,
                children: (
                  <>
                    <ul>
                      {r.files.map((f) => (
                        <li key={f.id}>
                          <a href={`/api/reports/${r.id}/files/${f.id}`}>{f.name}</a> (
                          {Math.max(1, Math.round(f.size / 1024))} KB,{' '}
                          {f.author === 'reporter' ? t('ui.reports.reporter') : t('ui.reports.staff')})
                        </li>
                      ))}
                    </ul>
                    {r.canHandle && (
                      <Space direction="vertical">
                        <Checkbox checked={strip} onChange={(e) => setStrip(e.target.checked)}>
                          {t('ui.reports.stripFiles')}
                        </Checkbox>
                        <Upload
                          multiple
                          customRequest={async ({ file, onSuccess, onError }) => {
                            const fd = new FormData();
                            if (strip) fd.append('strip', 'yes');
                            fd.append('files', file as File);
                            try {
                              done(await api<Report>('POST', `/reports/${r.id}/files`, fd));
                              onSuccess?.({});
                            } catch (e) {
                              message.error((e as Error).message);
                              onError?.(e as Error);
                            }
                          }}
                        >
                          <Button>{t('ui.plans.attach')}</Button>
                        </Upload>
                      </Space>
                    )}
                  </>
                ),
              },
              ...(r.steps.length + r.stepsOpen.length > 0
                ? [
                    {
                      key: 'steps',
                      label: t('ui.reports.tabSteps'),
                      children: (
                        <>
                          <table className="liem-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
                            <caption style={{ textAlign: 'left' }}>{t('ui.reports.tabSteps')}</caption>
                            <thead>
                              <tr>
                                <th scope="col" style={{ textAlign: 'left' }}>
                                  {t('ui.reports.step')}
                                </th>
                                <th scope="col" style={{ textAlign: 'left' }}>
                                  {t('ui.reports.stepOn')}
                                </th>
                                <th scope="col" style={{ textAlign: 'left' }}>
                                  {t('ui.reports.document')}
                                </th>
                                <th scope="col" />
                              </tr>
                            </thead>
                            <tbody>
                              {r.steps.map((x) => {
                                const file = r.files.find((f) => f.id === x.fileId);
                                return (
                                  <tr key={x.code}>
                                    <td>{t(`ui.reports.stepCode.${x.code}`)}</td>
                                    <td style={{ whiteSpace: 'nowrap' }}>{formatDate(x.on)}</td>
                                    <td>
                                      {x.documentNo ?? '—'}
                                      {x.documentDate ? ` · ${formatDate(x.documentDate)}` : ''}
                                      {file && (
                                        <a
                                          href={`/api/reports/${r.id}/files/${file.id}`}
                                          style={{ marginLeft: 8 }}
                                        >
                                          {file.name}
                                        </a>
                                      )}
                                    </td>
                                    <td>
                                      {r.canMarkSteps && (
                                        <Button size="small" onClick={() => openStep(x.code, x)}>
                                          {t('ui.reports.stepDocument')}
                                        </Button>
                                      )}
                                    </td>
                                  </tr>
                                );
                              })}
                            </tbody>
                          </table>
                          {r.stepsOpen.length > 0 && (
                            <Space wrap style={{ marginTop: 12 }}>
                              {r.stepsOpen.map((code) => (
                                <Button key={code} onClick={() => openStep(code)}>
                                  {t('ui.reports.recordStep', {
                                    step: t(`ui.reports.stepCode.${code}`),
                                  })}
                                </Button>
                              ))}
                            </Space>
                          )}
                        </>
                      ),
                    },
                  ]
                : []),
              {
                key: 'clocks',
                label: t('ui.reports.tabClocks'),
                children: (
                  <table className="liem-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
                    <caption style={{ textAlign: 'left' }}>{t('ui.reports.tabClocks')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" style={{ textAlign: 'left' }}>
                          {t('ui.reports.clock')}
                        </th>
                        <th scope="col" style={{ textAlign: 'left' }}>
                          {t('ui.reports.start')}
                        </th>
                        <th scope="col" style={{ textAlign: 'left' }}>
                          {t('ui.reports.due')}
                        </th>
                        <th scope="col" style={{ textAlign: 'left' }}>
                          {t('ui.reports.doneOn')}
                        </th>
                        <th scope="col" style={{ textAlign: 'left' }}>
                          {t('ui.reports.legal')}
                        </th>
                        <th scope="col" />
                      </tr>
                    </thead>
                    <tbody>
                      {r.clocks.map((c) => (
                        <tr key={c.id}>
                          <td>{labelOf(t, 'ui.reports.clockCode', c.code)}</td>
                          <td>{formatDate(c.startOn)}</td>
                          <td>{formatDate(c.dueOn)}</td>
                          <td>
                            {c.doneOn ? (
                              <StatusTag tone={c.doneOn <= c.dueOn ? 'ok' : 'danger'}>
                                {formatDate(c.doneOn)}
                              </StatusTag>
                            ) : (
                              '—'
                            )}
                          </td>
                          <td>{c.legalSource}</td>
                          <td>
                            {r.canMarkSteps && c.step && !c.doneOn && (
                              <Button size="small" onClick={() => void post(`/clocks/${c.id}/done`)}>
                                {t('ui.reports.markDone')}
                              </Button>
                            )}
                            {r.canHandle &&
                              !c.doneOn &&
                              c.available
                                .filter((x) => x.used < x.times)
                                .map((x) => (
                                  <Button
                                    key={x.code}
                                    size="small"
                                    onClick={() => void post(`/clocks/${c.id}/extend`, { code: x.code })}
                                  >
                                    {t('ui.reports.extend')} ({labelOf(t, 'ui.reports.extension', x.code)})
                                  </Button>
                                ))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ),
              },
              {
                key: 'tasks',
                label: `${t('ui.reports.tabTasks')} (${r.tasks.filter((x) => !x.doneAt).length})`,
                children: (
                  <>
                    <ul>
                      {r.tasks.map((x) => (
                        <li key={x.id}>
                          <label>
                            <input
                              type="checkbox"
                              checked={!!x.doneAt}
                              disabled={!r.canHandle}
                              onChange={(e) =>
                                void api<Report>('PATCH', `/report-tasks/${x.id}`, {
                                  done: e.target.checked,
                                }).then(done)
                              }
                            />{' '}
                            {x.title ?? t('ui.reports.locked')} {x.assigneeName && `· ${x.assigneeName}`}{' '}
                            {x.dueOn && `· ${formatDate(x.dueOn)}`}
                          </label>
                        </li>
                      ))}
                    </ul>
                    {r.canHandle && (
                      <Button onClick={() => setDialog('task')}>{t('ui.reports.addTask')}</Button>
                    )}
                  </>
                ),
              },
              {
                key: 'identity',
                label: t('ui.reports.tabIdentity'),
                children: !r.hasIdentity ? (
                  <Typography.Paragraph>{t('ui.reports.noIdentity')}</Typography.Paragraph>
                ) : (
                  <>
                    <Typography.Paragraph>{t('ui.reports.identityExplain')}</Typography.Paragraph>
                    {r.canViewIdentity ? (
                      <Button type="primary" onClick={showIdentity}>
                        {t('ui.reports.viewIdentity')}
                      </Button>
                    ) : (
                      r.canHandle && (
                        <Button onClick={() => setDialog('identity')}>
                          {t('ui.reports.requestIdentity')}
                        </Button>
                      )
                    )}
                    <ul>
                      {r.identityRequests.map((q) => (
                        <li key={q.id}>
                          {formatDateTime(q.createdAt)} · {q.requesterName} ·{' '}
                          {t(`ui.identity.status.${q.status}`)}
                          {q.deciderName && ` · ${q.deciderName}`} — {q.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                ),
              },
            ]}
          />
          <Modal
            open={!!identity}
            title={t('ui.reports.identityTitle')}
            onCancel={() => setIdentity(null)}
            onOk={() => setIdentity(null)}
            cancelButtonProps={{ style: { display: 'none' } }}
          >
            <Alert
              type="warning"
              showIcon
              title={t('ui.reports.identityAudited')}
              style={{ marginBottom: 12 }}
            />
            <Descriptions column={1} size="small">
              {identity &&
                (['fullName', 'idNumber', 'phone', 'email', 'address'] as const).map((k) => (
                  <Descriptions.Item key={k} label={t(`ui.reports.${k}`)}>
                    {identity[k] ?? '—'}
                  </Descriptions.Item>
                ))}
            </Descriptions>
          </Modal>
          <FormModal
            open={dialog === 'triage'}
            name="triage"
            title={t('ui.reports.triage')}
            form={triageForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/triage', v)}
          >
            <Form.Item
              name="kind"
              label={t('ui.reports.kind')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                options={triageKinds
                  .filter((k) => r.named || !['denunciation', 'complaint', 'petition'].includes(k))
                  .map((k) => ({ value: k, label: t(`reportKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="handlerId" label={t('ui.reports.handler')}>
              <UserSelect withRole="intake_officer" />
            </Form.Item>
            {triageKind === 'complaint' && (
              <Form.Item
                name="complaintTrack"
                label={t('ui.reports.complaintTrack')}
                initialValue={r.remoteArea ? 'first_remote' : 'first'}
                extra={r.remoteArea ? t('ui.reports.remoteAreaHint') : undefined}
              >
                <Select
                  options={complaintTracks.map((k) => ({
                    value: k,
                    label: t(`ui.reports.complaintTrackCode.${k}`),
                  }))}
                />
              </Form.Item>
            )}
            {triageKind === 'complaint' && String(triageTrack ?? '').startsWith('second') && (
              <Space wrap>
                <Form.Item
                  name="firstDecisionNo"
                  label={t('ui.reports.firstDecisionNo')}
                  rules={[{ required: true, message: t('field.required') }]}
                >
                  <Input placeholder="25/QĐ-UBND" maxLength={60} />
                </Form.Item>
                <Form.Item
                  name="firstDecisionDate"
                  label={t('ui.reports.firstDecisionDate')}
                  rules={[{ required: true, message: t('field.required') }]}
                >
                  <Input type="date" />
                </Form.Item>
                <Form.Item name="firstDecisionBy" label={t('ui.reports.firstDecisionBy')}>
                  <Input placeholder="Chủ tịch UBND xã …" maxLength={300} />
                </Form.Item>
              </Space>
            )}
            {(triageKind === 'denunciation' || triageKind === 'complaint') && (
              <Space wrap>
                <Form.Item name="documentNo" label={t('ui.reports.acceptanceNo')}>
                  <Input placeholder="12/QĐ-TTr" maxLength={60} />
                </Form.Item>
                <Form.Item name="documentDate" label={t('ui.reports.documentDate')}>
                  <Input type="date" />
                </Form.Item>
              </Space>
            )}
            {triageKind === 'out_of_scope' && (
              <Form.Item name="message" label={t('ui.reports.outOfScopeMessage')}>
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
          </FormModal>
          <FormModal
            open={dialog === 'step'}
            title={stepCode ? t(`ui.reports.stepCode.${stepCode}`) : ''}
            form={stepForm}
            initialValues={stepValues}
            onClose={() => setDialog(null)}
            onSubmit={async (v) =>
              done(
                await api<Report>('PUT', `/reports/${id}/steps/${stepCode}`, {
                  documentNo: v.documentNo || null,
                  documentDate: v.documentDate || null,
                  fileId: v.fileId || null,
                }),
              )
            }
          >
            <Typography.Paragraph type="secondary">{t('ui.reports.stepExplain')}</Typography.Paragraph>
            <Form.Item name="documentNo" label={t('ui.reports.documentNo')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="documentDate" label={t('ui.reports.documentDate')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="fileId" label={t('ui.reports.documentFile')}>
              <Select
                allowClear
                options={r.files
                  .filter((f) => f.author === 'staff')
                  .map((f) => ({ value: f.id, label: f.name }))}
              />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'forward'}
            title={t('ui.reports.forward')}
            form={forwardForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/forward', v)}
          >
            <Typography.Paragraph>{t('ui.reports.forwardExplain')}</Typography.Paragraph>
            <Form.Item
              name="unitId"
              label={t('ui.reports.competentUnit')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(receiving.data ?? [])
                  .filter((u) => u.id !== r.unitId)
                  .map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('ui.reports.internalNote')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'merge'}
            title={t('ui.reports.merge')}
            form={mergeForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/merge', v)}
          >
            <Form.Item
              name="intoId"
              label={t('ui.reports.mergeInto')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <ReportPicker exclude={r.id} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'close'}
            title={t('ui.reports.close')}
            form={closeForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/close', v)}
          >
            <Form.Item
              name="outcome"
              label={t('ui.reports.outcome')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                options={closeOutcomes.map((o) => ({
                  value: o,
                  label: t(`reportOutcome.${o}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="measures"
              label={t('ui.reports.measures')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              name="publicSummary"
              label={t('ui.reports.publicSummary')}
              extra={t('ui.reports.publicSummaryHint')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'identity'}
            title={t('ui.reports.requestIdentity')}
            form={identityForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/identity-requests', v)}
          >
            <Form.Item
              name="reason"
              label={t('ui.reports.reason')}
              rules={[{ required: true, min: 20, message: t('field.reason_short') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'task'}
            title={t('ui.reports.addTask')}
            form={taskForm}
            onClose={() => setDialog(null)}
            onSubmit={(v) => post('/tasks', v)}
          >
            <Form.Item
              name="title"
              label={t('ui.reports.taskTitle')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="assigneeId" label={t('ui.reports.assignee')}>
              <UserSelect withRole="intake_officer" />
            </Form.Item>
            <Form.Item name="dueOn" label={t('ui.reports.due')}>
              <Input type="date" />
            </Form.Item>
          </FormModal>
        </>
      )}
    </QueryState>
  );
}

/** Finds another report in the inbox by number or by words of its (decrypted) content. */
function ReportPicker({
  exclude,
  value,
  onChange,
}: {
  exclude: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['reports', 'pick', q],
    queryFn: () =>
      get<{ items: Array<{ id: string; number: string; title: string | null }> }>(
        `/reports${qs({ q: q || undefined, pageSize: 20 })}`,
      ),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('ui.common.searchPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? [])
        .filter((x) => x.id !== exclude)
        .map((x) => ({ value: x.id, label: `${x.number} — ${x.title ?? ''}` }))}
    />
  );
}
