import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Progress, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { MessageKey } from '#shared/i18n/index.ts';
import { PlanCreate } from '#shared/plans/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import type { Plan } from './types.ts';

export const planTone = { draft: 'muted', issued: 'ok', closed: 'info' } as const;

export default function PlansPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'status' | 'unitId'>();
  const year = url.year ?? String(new Date().getFullYear());
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    unitId: string;
    year: number;
    title: string;
    docNumber?: string;
    signer?: string;
  }>();
  const filters = { year, status: url.status, unitId: url.unitId };

  return (
    <>
      <PageHeader
        title={t('ui.plans.title')}
        extra={
          (canAnywhere('plans.manage') || canAnywhere('plans.edit')) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ui.plans.create')}
            </Button>
          )
        }
      />
      <DataTable<Plan>
        ariaLabel={t('ui.plans.title')}
        queryKey={['plans', filters]}
        rowKey="id"
        exportName="ke-hoach"
        fetchPage={(p) =>
          get<PageOf<Plan>>(`/plans${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(p) => navigate(`/plans/${p.id}`)}
        toolbar={
          <>
            <InputNumber
              aria-label={t('ui.plans.year')}
              value={Number(year)}
              min={2000}
              max={2100}
              onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
              style={{ width: 110 }}
            />
            <Select
              aria-label={t('ui.common.status')}
              placeholder={t('ui.common.status')}
              allowClear
              value={url.status}
              onChange={(v) => setUrl({ status: v })}
              options={(['draft', 'issued', 'closed'] as const).map((s) => ({
                value: s,
                label: t(`ui.plans.status.${s}`),
              }))}
              style={{ width: 170 }}
            />
            <div style={{ width: 260 }}>
              <UnitSelect
                aria-label={t('ui.common.unit')}
                value={url.unitId}
                onChange={(v) => setUrl({ unitId: v as string })}
              />
            </div>
          </>
        }
        columns={[
          { key: 'unitName', title: t('ui.common.unit') },
          {
            key: 'title',
            title: t('ui.common.name'),
            render: (p) => <span style={{ display: 'inline-block', maxWidth: 420 }}>{p.title}</span>,
          },
          {
            key: 'status',
            title: t('ui.common.status'),
            render: (p) => (
              <>
                <StatusTag tone={planTone[p.status]}>
                  {t(`ui.plans.status.${p.status}` as MessageKey)}
                </StatusTag>
                {p.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
              </>
            ),
            value: (p) =>
              t(`ui.plans.status.${p.status}` as MessageKey) + (p.late ? ` (${t('ui.plans.late')})` : ''),
          },
          {
            key: 'dueDate',
            title: t('ui.plans.due'),
            render: (p) => formatDate(p.dueDate),
            value: (p) => formatDate(p.dueDate),
          },
          {
            key: 'progress',
            title: t('ui.plans.progress'),
            render: (p) => (
              <Progress
                percent={p.progress}
                size="small"
                style={{ width: 140 }}
                aria-label={`${t('ui.plans.progress')} ${p.progress}%`}
              />
            ),
          },
        ]}
      />
      <FormModal
        open={creating}
        title={t('ui.plans.create')}
        form={form}
        initialValues={{ unitId: currentUnitId, year: Number(year) }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const created = await api<Plan>('POST', '/plans', {
            ...v,
            docNumber: v.docNumber || null,
            signer: v.signer || null,
          });
          setCreating(false);
          navigate(`/plans/${created.id}`);
        }}
      >
        <Form.Item
          name="unitId"
          label={t('ui.common.unit')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('ui.plans.year')}
          rules={[zodRule(PlanCreate.shape.year, t)]}
          required
        >
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('ui.common.name')}
          rules={[zodRule(PlanCreate.shape.title, t)]}
          required
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="docNumber" label={t('ui.plans.docNumber')}>
          <Input placeholder="418/KH-UBND" />
        </Form.Item>
        <Form.Item name="signer" label={t('ui.plans.signer')}>
          <Input />
        </Form.Item>
      </FormModal>
    </>
  );
}
