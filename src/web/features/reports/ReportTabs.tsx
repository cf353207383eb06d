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
  Space,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { legalSourceIn } from '#shared/referenceText.ts';
import type { ReportStepCode } from '#shared/reports/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { StatusTag } from '#web/components/StatusTag.tsx';
import type { Report } from './types.ts';

/** What every tab of a report gets: the report, and how to show the report a change returned. */
export interface TabProps {
  r: Report;
  done(next: Report): void;
  post(path: string, body?: unknown): Promise<void>;
}
/** The report's dialogs a tab opens (ReportDialogs.tsx); a step's dialog names its step. */
export type OpenDialog = (dialog: 'task' | 'identity' | 'step', step?: ReportStepCode) => void;

/** The conversation with the reporter and the officers' internal notes. */
export function ConversationTab({ r, post }: TabProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [msgForm] = Form.useForm<{ kind: 'message' | 'question' | 'note'; body: string }>();
  const messageKind = Form.useWatch('kind', msgForm) ?? 'note';
  const sendMessage = async () => {
    const v = await msgForm.validateFields();
    await post('/messages', v);
    msgForm.resetFields(['body']);
    message.success(t('ui.reports.sent'));
  };
  return (
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
              {messageKind === 'note' ? t('ui.reports.saveNote') : t('ui.reports.sendToReporter')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

/** The report's files; officers add theirs, cleaned of metadata when asked. */
export function FilesTab({ r, done }: TabProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [strip, setStrip] = useState(false);
  return (
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
  );
}

/** The handling steps recorded (acceptance, conclusion…) with their documents, and those still open. */
export function StepsTab({ r, onOpen }: TabProps & { onOpen: OpenDialog }) {
  const { t } = useT();
  return (
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
                    <a href={`/api/reports/${r.id}/files/${file.id}`} style={{ marginLeft: 8 }}>
                      {file.name}
                    </a>
                  )}
                </td>
                <td>
                  {r.canMarkSteps && (
                    <Button size="small" onClick={() => onOpen('step', x.code)}>
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
            <Button key={code} onClick={() => onOpen('step', code)}>
              {t('ui.reports.recordStep', {
                step: t(`ui.reports.stepCode.${code}`),
              })}
            </Button>
          ))}
        </Space>
      )}
    </>
  );
}

/** The statutory clocks: started, due, done, their legal source; marked done or extended here. */
export function ClocksTab({ r, post }: TabProps) {
  const { t, lang } = useT();
  return (
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
                <StatusTag tone={c.doneOn <= c.dueOn ? 'ok' : 'danger'}>{formatDate(c.doneOn)}</StatusTag>
              ) : (
                '—'
              )}
            </td>
            <td>{legalSourceIn(c.legalSource, lang)}</td>
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
  );
}

/** The officers' own to-do list for the report. */
export function TasksTab({ r, done, onOpen }: TabProps & { onOpen: OpenDialog }) {
  const { t } = useT();
  return (
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
      {r.canHandle && <Button onClick={() => onOpen('task')}>{t('ui.reports.addTask')}</Button>}
    </>
  );
}

/**
 * The reporter's identity: seen only by those granted it (each look audited, so it is never kept in the
 * address where a reload would open it again); others ask for it with a reason.
 */
export function IdentityTab({ r, onOpen }: TabProps & { onOpen: OpenDialog }) {
  const { t } = useT();
  const [identity, setIdentity] = useState<Record<string, string | null> | null>(null);
  const showIdentity = async () => {
    setIdentity(await get<Record<string, string | null>>(`/reports/${r.id}/identity`));
  };
  return (
    <>
      {!r.hasIdentity ? (
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
              <Button onClick={() => onOpen('identity')}>{t('ui.reports.requestIdentity')}</Button>
            )
          )}
          <ul>
            {r.identityRequests.map((q) => (
              <li key={q.id}>
                {formatDateTime(q.createdAt)} · {q.requesterName} · {t(`ui.identity.status.${q.status}`)}
                {q.deciderName && ` · ${q.deciderName}`} — {q.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <Modal
        open={!!identity}
        title={t('ui.reports.identityTitle')}
        onCancel={() => setIdentity(null)}
        onOk={() => setIdentity(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('ui.reports.identityAudited')} style={{ marginBottom: 12 }} />
        <Descriptions column={1} size="small">
          {identity &&
            (['fullName', 'workplace', 'idNumber', 'phone', 'email', 'address'] as const).map((k) => (
              <Descriptions.Item key={k} label={t(`ui.reports.${k}`)}>
                {identity[k] ?? '—'}
              </Descriptions.Item>
            ))}
        </Descriptions>
      </Modal>
    </>
  );
}
