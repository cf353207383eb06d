import { PlusOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  clockStates,
  formatReceipt,
  reportChannels,
  reportKinds,
  reportStatuses,
  staffChannels,
} from '#shared/reports/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { KeysNotice } from './KeysPage.tsx';
import { clockTone, type ReportRow, statusTone } from './types.ts';

export function useCategories() {
  return useQuery({
    queryKey: ['report-categories'],
    queryFn: () => get<Array<{ code: string; nameVi: string; nameEn: string }>>('/report-categories'),
    staleTime: 3_600_000,
  });
}

export default function ReportsPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [url, setUrl] = useUrlState<
    'status' | 'kind' | 'categoryCode' | 'channel' | 'clock' | 'unitId' | 'q' | 'forwarded'
  >();
  const [entering, setEntering] = useState(false);
  const [receipt, setReceipt] = useState<{ number: string; receipt: string } | null>(null);
  const categories = useCategories();
  const catName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (lang === 'vi' ? c.nameVi : c.nameEn) : code;
  };
  const filters = {
    status: url.status,
    kind: url.kind,
    categoryCode: url.categoryCode,
    channel: url.channel,
    clock: url.clock,
    unitId: url.unitId,
    forwarded: url.forwarded,
    q: url.q,
  };
  const select = <V extends string>(
    key: 'status' | 'kind' | 'clock' | 'channel' | 'forwarded',
    values: readonly V[],
    label: (v: V) => string,
    width = 180,
  ) => (
    <Select
      aria-label={t(`ui.reports.filter.${key}`)}
      placeholder={t(`ui.reports.filter.${key}`)}
      allowClear
      value={filters[key]}
      onChange={(v) => setUrl({ [key]: v })}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      style={{ width }}
    />
  );
  const share = async () => {
    const r = await api<{ shared: number; reports: number }>('POST', '/reports/share-keys');
    message.success(t('ui.reports.shared', { shared: r.shared, reports: r.reports }));
  };
  return (
    <>
      <PageHeader
        title={t('ui.reports.title')}
        extra={
          <>
            <Button icon={<ShareAltOutlined />} onClick={share}>
              {t('ui.reports.shareKeys')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>
              {t('ui.reports.enter')}
            </Button>
          </>
        }
      />
      <KeysNotice />
      {receipt && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setReceipt(null)}
          style={{ marginBottom: 16 }}
          title={t('ui.reports.receiptTitle', { number: receipt.number })}
          description={
            <>
              <Typography.Text code copyable style={{ fontSize: 20 }}>
                {formatReceipt(receipt.receipt)}
              </Typography.Text>
              <p style={{ margin: '8px 0 0' }}>{t('ui.reports.receiptAdvice')}</p>
            </>
          }
        />
      )}
      <DataTable<ReportRow>
        ariaLabel={t('ui.reports.title')}
        queryKey={['reports', filters]}
        rowKey="id"
        exportName="tin-bao"
        fetchPage={(p) => get<PageOf<ReportRow>>(`/reports${qs({ ...filters, ...p })}`)}
        onRowClick={(r) => navigate(`/reports/${r.id}`)}
        toolbar={
          <Input.Search
            aria-label={t('ui.reports.search')}
            placeholder={t('ui.reports.search')}
            defaultValue={url.q}
            allowClear
            onSearch={(v) => setUrl({ q: v || undefined })}
            style={{ width: 260 }}
          />
        }
        filters={
          <>
            {select('status', reportStatuses, (v) => t(`reportStatus.${v}`), 150)}
            {select('kind', reportKinds, (v) => t(`reportKind.${v}`), 200)}
            {select('clock', clockStates, (v) => t(`ui.clockState.${v}`), 150)}
            {select('channel', reportChannels, (v) => t(`ui.reports.channel.${v}`), 150)}
            {select('forwarded', ['in', 'out'] as const, (v) => t(`ui.reports.forwardedFilter.${v}`), 170)}
            <Select
              aria-label={t('ui.reports.filter.categoryCode')}
              placeholder={t('ui.reports.filter.categoryCode')}
              allowClear
              value={filters.categoryCode}
              onChange={(v) => setUrl({ categoryCode: v })}
              options={(categories.data ?? []).map((c) => ({ value: c.code, label: catName(c.code) }))}
              style={{ width: 220 }}
            />
            <div style={{ width: 240 }}>
              <UnitSelect
                aria-label={t('ui.common.unit')}
                value={url.unitId}
                onChange={(v) => setUrl({ unitId: v as string })}
              />
            </div>
          </>
        }
        columns={[
          { key: 'number', title: t('ui.reports.number'), sort: 'receivedAt', width: 120 },
          {
            key: 'receivedAt',
            title: t('ui.reports.received'),
            optional: 'hidden',
            render: (r) => formatDate(r.receivedAt),
            value: (r) => formatDate(r.receivedAt),
          },
          {
            key: 'title',
            title: t('ui.reports.summary'),
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 260 }}>
                {r.title ?? <Typography.Text type="secondary">{t('ui.reports.locked')}</Typography.Text>}
                {r.awaitingReply && (
                  <>
                    {' '}
                    <StatusTag tone="info">{t('ui.reports.newReply')}</StatusTag>
                  </>
                )}
              </span>
            ),
          },
          {
            key: 'nextDueOn',
            title: t('ui.reports.due'),
            sort: 'nextDueOn',
            render: (r) =>
              r.clockState ? (
                <StatusTag tone={clockTone[r.clockState]}>
                  {formatDate(r.nextDueOn)} · {t(`ui.clockState.${r.clockState}`)}
                </StatusTag>
              ) : (
                '—'
              ),
            value: (r) => formatDate(r.nextDueOn),
          },
          {
            key: 'kind',
            title: t('ui.reports.kind'),
            optional: 'shown',
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 200 }}>{t(`reportKind.${r.kind}`)}</span>
            ),
            value: (r) => t(`reportKind.${r.kind}`),
          },
          {
            key: 'status',
            title: t('ui.common.status'),
            // Stacked (a forwarded report's second tag), so the column stays narrow at 1280 px.
            render: (r) => (
              <div
                className="tags-wrap"
                style={{
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'flex-start',
                  gap: 4,
                  maxWidth: 150,
                }}
              >
                <StatusTag tone={statusTone[r.status as keyof typeof statusTone] ?? 'muted'}>
                  {t(`reportStatus.${r.status}`)}
                </StatusTag>
                {r.followUp && <StatusTag tone="muted">{t('ui.reports.followUp')}</StatusTag>}
              </div>
            ),
            value: (r) => t(`reportStatus.${r.status}`),
          },
          {
            key: 'categoryCode',
            title: t('ui.reports.category'),
            optional: 'hidden',
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 200 }}>{catName(r.categoryCode)}</span>
            ),
            value: (r) => catName(r.categoryCode),
          },
          {
            key: 'handlerName',
            title: t('ui.reports.handler'),
            optional: 'hidden',
            render: (r) => r.handlerName ?? '—',
          },
        ]}
      />
      <EnterReport
        open={entering}
        onClose={() => setEntering(false)}
        onDone={(r) => {
          setEntering(false);
          setReceipt(r);
        }}
      />
    </>
  );
}

interface EnterValues {
  receivedUnitId: string;
  channel: string;
  categoryCode: string;
  title: string;
  description: string;
  officials?: string;
  named?: boolean;
  fullName?: string;
  phone?: string;
  address?: string;
  consent?: boolean;
}

/** A walk-in, phone, letter or e-mail report typed by the intake officer: same encryption, own channel. */
function EnterReport({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(r: { number: string; receipt: string }): void;
}) {
  const { t, lang } = useT();
  const [form] = Form.useForm<EnterValues>();
  const categories = useCategories();
  const receiving = useQuery({
    queryKey: ['receiving-units'],
    queryFn: () => get<Array<{ id: string; name: string }>>('/reports/receiving-units'),
  });
  const named = Form.useWatch('named', form);
  return (
    <FormModal<EnterValues>
      open={open}
      title={t('ui.reports.enter')}
      form={form}
      initialValues={{ channel: 'walk_in', receivedUnitId: receiving.data?.[0]?.id }}
      onClose={onClose}
      onSubmit={async (v) => {
        const out = await api<{ number: string; receipt: string }>('POST', '/reports', {
          receivedUnitId: v.receivedUnitId,
          channel: v.channel,
          categoryCode: v.categoryCode,
          content: { title: v.title, description: v.description, officials: v.officials ?? null },
          identity: v.named
            ? { fullName: v.fullName ?? '', phone: v.phone ?? null, address: v.address ?? null }
            : null,
          consent: !!v.consent,
        });
        onDone(out);
      }}
    >
      <Form.Item name="receivedUnitId" label={t('ui.reports.receivedUnit')} rules={[{ required: true }]}>
        <Select options={(receiving.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="channel" label={t('ui.reports.channelLabel')} rules={[{ required: true }]}>
        <Select
          options={staffChannels.map((c) => ({
            value: c,
            label: t(`ui.reports.channel.${c}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={t('ui.reports.category')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Select
          options={(categories.data ?? []).map((c) => ({
            value: c.code,
            label: lang === 'vi' ? c.nameVi : c.nameEn,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('ui.reports.summary')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('ui.reports.description')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Input.TextArea rows={5} />
      </Form.Item>
      <Form.Item name="officials" label={t('ui.reports.officials')}>
        <Input />
      </Form.Item>
      <Form.Item name="named" valuePropName="checked">
        <Checkbox>{t('ui.reports.named')}</Checkbox>
      </Form.Item>
      {named && (
        <>
          <Form.Item
            name="fullName"
            label={t('ui.reports.fullName')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('ui.reports.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('ui.reports.address')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="consent"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error(t('field.consent_required'))),
              },
            ]}
          >
            <Checkbox>{t('ui.reports.consent')}</Checkbox>
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
