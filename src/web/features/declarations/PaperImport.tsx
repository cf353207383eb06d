import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { PaperImportResult } from '#shared/declarations/schemas.ts';
import { ApiError, api } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { ErrorAlert } from '#web/components/Page.tsx';

type Errors = PaperImportResult['errors'];

/**
 * Paper declarations entered by the unit's organising officer: the workbook (a sheet per part of the
 * form), a check of the whole file that names each problem by sheet, row and column, then the entry.
 */
export function PaperImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<PaperImportResult | null>(null);
  const [errors, setErrors] = useState<Errors>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reset = () => {
    setFile(null);
    setChecked(null);
    setErrors([]);
    setError(null);
  };
  const send = async (f: File, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const fd = new FormData();
      fd.append('file', f);
      const res = await api<PaperImportResult>('POST', `/declarations/paper?dryRun=${dryRun}`, fd);
      if (dryRun) {
        setChecked(res);
        setErrors(res.errors);
      } else {
        message.success(t('ui.decl.paper.done', { n: res.created }));
        await qc.invalidateQueries({ queryKey: ['declarations'] });
        reset();
        onClose();
      }
    } catch (e) {
      // A commit refused for the file's problems lists them as the check does.
      if (e instanceof ApiError && e.rows) setErrors(e.rows as Errors);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const ready = !!checked && errors.length === 0 && checked.declarations.length > 0;
  return (
    <Modal
      open={open}
      width={960}
      title={t('ui.decl.paper.title')}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button
          key="cancel"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          {t('ui.common.cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!ready} loading={busy} onClick={() => send(file!, false)}>
          {t('ui.decl.paper.enter', { n: checked?.declarations.length ?? 0 })}
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('ui.decl.paper.intro')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href="/api/declarations/paper-template">
          {t('ui.import.template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(null);
            setErrors([]);
            void send(f, true);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : t('ui.decl.paper.choose')}</p>
        </Upload.Dragger>
        {error ? <ErrorAlert error={error} /> : null}
        {errors.length > 0 && (
          <>
            <Alert type="error" showIcon title={t('ui.import.errors', { count: errors.length })} />
            <Table
              size="small"
              aria-label={t('ui.decl.paper.problems')}
              rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
              dataSource={errors}
              pagination={{ pageSize: 10 }}
              scroll={{ x: true }}
              columns={[
                { key: 'sheet', dataIndex: 'sheet', title: t('ui.decl.paper.sheet') },
                { key: 'row', dataIndex: 'row', title: t('ui.import.row'), width: 70 },
                { key: 'column', dataIndex: 'column', title: t('ui.decl.paper.column') },
                { key: 'message', dataIndex: 'message', title: t('ui.decl.paper.problem') },
              ]}
            />
          </>
        )}
        {checked && errors.length === 0 && (
          <>
            <Alert
              type="success"
              showIcon
              title={t('ui.decl.paper.checked', { n: checked.declarations.length })}
            />
            <Table
              size="small"
              aria-label={t('ui.decl.paper.found')}
              rowKey="ref"
              dataSource={checked.declarations}
              pagination={{ pageSize: 10 }}
              scroll={{ x: true }}
              columns={[
                { key: 'row', dataIndex: 'row', title: t('ui.import.row'), width: 70 },
                { key: 'fullName', dataIndex: 'fullName', title: t('ui.decl.declarant') },
                { key: 'unitName', dataIndex: 'unitName', title: t('ui.common.unit') },
                {
                  key: 'kind',
                  title: t('ui.decl.kind'),
                  render: (_, d) => `${t(`ui.decl.kind.${d.kind}`)} ${d.year}`,
                },
                {
                  key: 'declaredOn',
                  title: t('ui.decl.paper.declaredOn'),
                  render: (_, d) => formatDate(d.declaredOn),
                },
                { key: 'items', dataIndex: 'items', title: t('ui.decl.paper.items'), align: 'right' },
                {
                  key: 'assets',
                  title: t('ui.decl.paper.assets'),
                  align: 'right',
                  render: (_, d) => formatVnd(d.assetsVnd, lang),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
