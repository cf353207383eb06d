import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorText, get } from '#web/app/api.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { useFrameworks } from './AssessmentsPage.tsx';
import { metricName, useMetrics } from './metrics.ts';

interface Crit {
  id: string;
  parentId: string | null;
  code: string;
  titleVi: string;
  titleEn: string;
  method: string;
  maxPoints: number;
  minPoints: number;
  evidenceRequired: boolean;
  indicatorCode: string | null;
}

/** The four frameworks and their versions: read the criteria, export, start a new version, import, publish. */
export default function FrameworksPage() {
  const { t, lang } = useT();
  const metrics = useMetrics();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const frameworks = useFrameworks();
  const [url, setUrl] = useUrlState<'version'>();
  const [rowErrors, setRowErrors] = useState<string[]>([]);
  const versionId = url.version ?? frameworks.data?.[0]?.versionId;
  const current = frameworks.data?.find((f) => f.versionId === versionId);
  const criteria = useQuery({
    queryKey: ['criteria', versionId],
    queryFn: () => get<Crit[]>(`/framework-versions/${versionId}/criteria`),
    enabled: !!versionId,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['frameworks'] });
    await qc.invalidateQueries({ queryKey: ['criteria'] });
  };
  const draft = async () => {
    try {
      const d = await api<{ id: string }>('POST', `/framework-versions/${versionId}/draft`);
      await refresh();
      setUrl({ version: d.id });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const publish = async () => {
    try {
      await api('POST', `/framework-versions/${versionId}/publish`);
      await refresh();
      message.success(t('ui.common.saved'));
    } catch (e) {
      if (e instanceof ApiError) setRowErrors(Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`));
      else throw e;
    }
  };
  return (
    <>
      <PageHeader title={t('ui.frameworks.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('ui.assess.framework')}
          value={versionId}
          onChange={(v) => {
            setRowErrors([]);
            setUrl({ version: v });
          }}
          style={{ width: 'min(520px, calc(100vw - 32px))' }}
          options={(frameworks.data ?? []).map((f) => ({
            value: f.versionId,
            label: `${lang === 'vi' ? f.nameVi : f.nameEn} — v${f.version} (${labelOf(t, 'ui.frameworks.status', f.status)})`,
          }))}
        />
        <Button href={`/api/framework-versions/${versionId}/export?format=xlsx`}>
          {t('ui.assess.exportXlsx')}
        </Button>
        <Button href={`/api/framework-versions/${versionId}/export?format=json`}>
          {t('ui.frameworks.exportJson')}
        </Button>
        {current?.status === 'published' && (
          // Asked first: it makes a draft version (one at a time) for the framework's next criteria.
          <Popconfirm
            title={t('ui.frameworks.newVersion')}
            description={t('ui.frameworks.newVersionConfirm')}
            okText={t('ui.frameworks.newVersion')}
            cancelText={t('ui.common.cancel')}
            onConfirm={() => draft()}
          >
            <Button>{t('ui.frameworks.newVersion')}</Button>
          </Popconfirm>
        )}
        {current?.status === 'draft' && (
          <>
            <Upload
              accept=".xlsx,.json,.csv"
              showUploadList={false}
              customRequest={async ({ file, onSuccess, onError }) => {
                const fd = new FormData();
                fd.append('file', file as File);
                setRowErrors([]);
                try {
                  await api('POST', `/framework-versions/${versionId}/import`, fd);
                  await refresh();
                  message.success(t('ui.common.saved'));
                  onSuccess?.({});
                } catch (e) {
                  if (e instanceof ApiError && e.rows)
                    setRowErrors(
                      e.rows.map(
                        (r) =>
                          `${t('ui.frameworks.row', { row: r.row ?? '' })} ${r.column ?? ''}: ${r.message}`,
                      ),
                    );
                  else if (e instanceof ApiError) setRowErrors([e.message]);
                  onError?.(e as Error);
                }
              }}
            >
              <Button>{t('ui.frameworks.import')}</Button>
            </Upload>
            <Button type="primary" onClick={() => void publish()}>
              {t('ui.frameworks.publish')}
            </Button>
          </>
        )}
      </Space>
      {rowErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('ui.frameworks.importErrors')}
          description={
            <ul style={{ margin: 0 }}>
              {rowErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <QueryState isLoading={criteria.isLoading} error={criteria.error}>
        <Table<Crit>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={criteria.data ?? []}
          className={PHONE_CARDS}
          columns={labelCells<Crit>([
            { dataIndex: 'code', title: t('ui.frameworks.code'), width: 90 },
            {
              dataIndex: 'titleVi',
              title: t('ui.common.name'),
              render: (_, c) => (
                <span
                  style={{
                    paddingLeft: (c.code.split('.').length - 1) * 16,
                    fontWeight: c.parentId ? 400 : 600,
                  }}
                >
                  {lang === 'vi' ? c.titleVi : c.titleEn}
                </span>
              ),
            },
            {
              dataIndex: 'method',
              title: t('ui.frameworks.method'),
              render: (m: string) => labelOf(t, 'ui.frameworks.methodName', m),
            },
            {
              dataIndex: 'maxPoints',
              title: t('ui.assess.maxCol'),
              render: (_, c) => (c.method === 'deduction' ? c.minPoints : c.maxPoints),
            },
            {
              dataIndex: 'evidenceRequired',
              title: t('ui.assess.evidenceRequired'),
              render: (v: boolean) => (v ? <StatusTag tone="warn">✓</StatusTag> : ''),
            },
            {
              dataIndex: 'indicatorCode',
              title: t('ui.frameworks.indicator'),
              // The indicator by what it measures, never its code (an unknown one still shows its code).
              render: (v: string | null) => (v ? metricName(metrics, v, lang) : ''),
            },
          ])}
        />
      </QueryState>
    </>
  );
}
