import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Modal,
  Progress,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  theme,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { ImportEntity, ImportProgress, RowError } from '#shared/imports/schemas.ts';
import { ApiError, api, apiWithProgress } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { ErrorAlert } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';

interface Preview {
  headers: string[];
  mapping: Record<string, string>;
  remembered: boolean;
  fields: Array<{ key: string; label: string; required: boolean }>;
  sample: string[][];
  rowCount: number;
}
type Attention = 'move' | 'retype';
interface Result {
  counts: { create: number; update: number; unchanged: number; errors: number; move: number; retype: number };
  rows: Array<{
    row: number;
    key: string;
    action: 'create' | 'update' | 'unchanged';
    attention?: Attention[];
  }>;
  errors: RowError[];
  effects?: string[];
  credentials?: Array<{ row: number; username: string; oneTimePassword: string }>;
  movesAwaitingApproval?: number;
}

/** Where each phase of an import sits on the one bar the user watches (checking and writing take longest). */
const phaseSpan: Record<ImportProgress['phase'], [number, number]> = {
  read: [0, 15],
  check: [15, 50],
  plan: [50, 55],
  write: [55, 100],
};

function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { t, lang } = useT();
  const { token } = theme.useToken();
  const [from, to] = phaseSpan[progress.phase];
  const share = progress.total ? (progress.done ?? 0) / progress.total : 0;
  const n = (x: number | undefined) => (x ?? 0).toLocaleString(lang === 'en' ? 'en' : 'vi-VN');
  const label = t(`ui.import.phase.${progress.phase}`, { done: n(progress.done), total: n(progress.total) });
  return (
    // Sticky: on a phone the buttons that start the work are at the bottom of a long dialog.
    <div
      role="status"
      aria-live="polite"
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 2,
        background: token.colorBgElevated,
        padding: '8px 0',
        marginBottom: 8,
      }}
    >
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Progress percent={Math.round(from + (to - from) * share)} status="active" aria-label={label} />
    </div>
  );
}

/** File → column mapping → dry run with every row error → commit (all or nothing), with progress shown. */
export function ImportWizard({
  entity,
  open,
  onClose,
  onDone,
  planId,
  eventId,
}: {
  entity: ImportEntity;
  open: boolean;
  onClose(): void;
  onDone(): void;
  /** For plan tasks: the plan they are imported into. */
  planId?: string;
  /** For an attendance list: the outreach event it belongs to. */
  eventId?: string;
}) {
  const { t, lang } = useT();
  const { currentUnitId } = useSession();
  // Units: new rows without a parent code go under this unit (a province list under the root, say).
  const [under, setUnder] = useState<string | undefined>(currentUnitId);
  const target = planId
    ? `?planId=${planId}`
    : eventId
      ? `?eventId=${eventId}`
      : entity === 'units' && under
        ? `?underUnitId=${under}`
        : '';
  const [confirmed, setConfirmed] = useState<Attention[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result | null>(null);
  const [committed, setCommitted] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const step = committed ? 3 : result ? 2 : preview ? 1 : 0;
  const counted = (c: Result['counts']) =>
    Object.fromEntries(
      Object.entries(c).map(([k, v]) => [k, v.toLocaleString(lang === 'en' ? 'en' : 'vi-VN')]),
    );

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setCommitted(null);
    setConfirmed([]);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const send = async <T,>(path: string, withMapping: boolean): Promise<T> => {
    const fd = new FormData();
    if (withMapping) fd.append('mapping', JSON.stringify(mapping));
    if (confirmed.length) fd.append('confirm', confirmed.join(','));
    fd.append('file', file!);
    if (!withMapping) return api<T>('POST', `/imports/${entity}/${path}${target}`, fd);
    return apiWithProgress<T, ImportProgress>(`/imports/${entity}/${path}${target}`, fd, setProgress);
  };
  const run = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && e.rows)
        setResult({
          counts: { create: 0, update: 0, unchanged: 0, errors: e.rows.length, move: 0, retype: 0 },
          rows: [],
          errors: e.rows,
        });
      else setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={close}
      title={t('ui.import.title')}
      width={860}
      footer={null}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('ui.import.stepFile') },
          { title: t('ui.import.stepMap') },
          { title: t('ui.import.stepCheck') },
          { title: t('ui.import.stepDone') },
        ]}
      />
      {busy && progress && <ImportProgressBar progress={progress} />}
      {error ? <ErrorAlert error={error} /> : null}
      {step === 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button icon={<DownloadOutlined />} href={`/api/imports/${entity}/template${target}`}>
            {t('ui.import.template')}
          </Button>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              void run(async () => {
                const fd = new FormData();
                fd.append('file', f);
                const p = await api<Preview>('POST', `/imports/${entity}/preview${target}`, fd);
                setPreview(p);
                setMapping(p.mapping);
              });
              return false;
            }}
            showUploadList={false}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('ui.import.choose')}</p>
          </Upload.Dragger>
        </Space>
      )}
      {step === 1 && preview && (
        <>
          {preview.remembered && (
            <Alert type="info" showIcon title={t('ui.import.remembered')} style={{ marginBottom: 12 }} />
          )}
          {entity === 'units' && (
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="import-under" style={{ display: 'block', marginBottom: 4 }}>
                {t('ui.import.under')}
              </label>
              <UnitSelect
                id="import-under"
                value={under}
                onChange={(v) => setUnder(typeof v === 'string' ? v : undefined)}
              />
            </div>
          )}
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            aria-label={t('ui.import.stepMap')}
            dataSource={preview.fields}
            columns={[
              {
                key: 'label',
                title: t('ui.import.field'),
                render: (_, f) => `${f.label}${f.required ? ' *' : ''}`,
              },
              {
                key: 'column',
                title: t('ui.import.column'),
                render: (_, f) => (
                  <Select
                    aria-label={f.label}
                    style={{ width: 260 }}
                    value={mapping[f.key] ?? ''}
                    onChange={(v) =>
                      setMapping((m) => ({
                        ...Object.fromEntries(Object.entries(m).filter(([k]) => k !== f.key)),
                        ...(v ? { [f.key]: v } : {}),
                      }))
                    }
                    options={[
                      { value: '', label: t('ui.import.notMapped') },
                      ...preview.headers.map((h) => ({ value: h, label: h })),
                    ]}
                  />
                ),
              },
            ]}
          />
          <div className="toolbar" style={{ marginTop: 16 }}>
            <Button onClick={reset}>{t('ui.common.back')}</Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => run(async () => setResult(await send<Result>('dry-run', true)))}
            >
              {t('ui.import.dryRun')}
            </Button>
          </div>
        </>
      )}
      {step === 2 && result && (
        <>
          {result.errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('ui.import.errors', { count: result.errors.length })}
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('ui.import.summary', counted(result.counts))}
              description={
                result.effects?.length ? (
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {result.effects.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                ) : undefined
              }
              style={{ marginBottom: 12 }}
            />
          )}
          {result.errors.length > 0 ? (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              aria-label={t('ui.import.stepCheck')}
              dataSource={result.errors}
              pagination={{ pageSize: 10 }}
              columns={[
                { key: 'row', dataIndex: 'row', title: t('ui.import.row'), width: 80 },
                { key: 'column', dataIndex: 'column', title: t('ui.import.column') },
                { key: 'message', dataIndex: 'message', title: t('ui.import.problem') },
              ]}
            />
          ) : (
            <Table
              size="small"
              rowKey="row"
              aria-label={t('ui.import.stepCheck')}
              dataSource={result.rows}
              pagination={{ pageSize: 10 }}
              columns={[
                { key: 'row', dataIndex: 'row', title: t('ui.import.row'), width: 80 },
                // A code, a number or a person's name, as the entity identifies its rows (rev29).
                { key: 'key', dataIndex: 'key', title: t('ui.import.record') },
                {
                  key: 'action',
                  title: t('ui.common.status'),
                  render: (_, r) => (
                    <Space size={4} wrap>
                      <StatusTag
                        tone={r.action === 'create' ? 'ok' : r.action === 'update' ? 'info' : 'muted'}
                      >
                        {t(`ui.import.action.${r.action}`)}
                      </StatusTag>
                      {r.attention?.map((a) => (
                        <StatusTag key={a} tone="warn">
                          {t(`ui.import.attention.${a}`)}
                        </StatusTag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )}
          {result.errors.length === 0 && result.counts.move + result.counts.retype > 0 && (
            // Moving units or changing their type is never done silently: each kind is confirmed.
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('ui.import.attentionTitle')}
              description={
                <Space orientation="vertical">
                  {(['move', 'retype'] as const)
                    .filter((a) => result.counts[a] > 0)
                    .map((a) => (
                      <Checkbox
                        key={a}
                        checked={confirmed.includes(a)}
                        onChange={(e) =>
                          setConfirmed((c) => (e.target.checked ? [...c, a] : c.filter((x) => x !== a)))
                        }
                      >
                        {t(`ui.import.confirm.${a}`, { count: result.counts[a] })}
                      </Checkbox>
                    ))}
                </Space>
              }
            />
          )}
          <div className="toolbar" style={{ marginTop: 16 }}>
            <Button onClick={() => setResult(null)}>{t('ui.common.back')}</Button>
            <Button
              type="primary"
              disabled={
                result.errors.length > 0 ||
                (['move', 'retype'] as const).some((a) => result.counts[a] > 0 && !confirmed.includes(a))
              }
              loading={busy}
              onClick={() =>
                run(async () => {
                  setCommitted(await send<Result>('commit', true));
                  onDone();
                })
              }
            >
              {t('ui.import.commit')}
            </Button>
          </div>
        </>
      )}
      {step === 3 && committed && (
        <>
          <Alert
            type="success"
            showIcon
            title={t('ui.import.done', counted(committed.counts))}
            style={{ marginBottom: 12 }}
          />
          {committed.movesAwaitingApproval ? (
            <Alert
              type="warning"
              showIcon
              title={t('ui.import.movesAwaitingApproval', { count: committed.movesAwaitingApproval })}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          {committed.credentials && committed.credentials.length > 0 && (
            <>
              <Typography.Paragraph strong>{t('ui.import.credentials')}</Typography.Paragraph>
              <Table
                size="small"
                rowKey="username"
                pagination={false}
                dataSource={committed.credentials}
                columns={[
                  { key: 'u', dataIndex: 'username', title: t('ui.users.username') },
                  { key: 'p', dataIndex: 'oneTimePassword', title: t('ui.auth.password') },
                ]}
              />
            </>
          )}
          <div className="toolbar" style={{ marginTop: 16 }}>
            <Button type="primary" onClick={close}>
              {t('ui.common.close')}
            </Button>
          </div>
        </>
      )}
    </Modal>
  );
}
