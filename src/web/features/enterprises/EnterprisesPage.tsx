import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tabs } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { Enterprise, Registration } from '#shared/enterprises/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';

type Reg = z.infer<typeof Registration>;
type Ent = z.infer<typeof Enterprise>;
const tone = { unverified: 'muted', verified: 'warn', approved: 'ok', rejected: 'danger' } as const;

function Registrations() {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'status'>();
  const status = url.status ?? 'verified';
  const regs = useQuery({
    queryKey: ['enterprise-registrations', status],
    queryFn: () => get<Reg[]>(`/enterprise-registrations?status=${status}`),
  });
  const [rejecting, setRejecting] = useState<Reg | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const done = async () => {
    await qc.invalidateQueries({ queryKey: ['enterprise-registrations'] });
    message.success(t('ui.common.saved'));
  };
  return (
    <>
      <Select
        aria-label={t('ui.common.status')}
        value={status}
        onChange={(v) => setUrl({ status: v })}
        style={{ width: 220, marginBottom: 12 }}
        options={(['verified', 'unverified', 'approved', 'rejected'] as const).map((s) => ({
          value: s,
          label: t(`ui.ent.status.${s}`),
        }))}
      />
      <QueryState isLoading={regs.isLoading} error={regs.error} isEmpty={regs.data?.length === 0}>
        <Table<Reg>
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          className={PHONE_CARDS}
          dataSource={regs.data ?? []}
          columns={labelCells<Reg>([
            { dataIndex: 'createdAt', title: t('ui.ent.asked'), render: (v: string) => formatDateTime(v) },
            { dataIndex: 'name', title: t('ui.common.name') },
            { dataIndex: 'taxCode', title: t('ui.ent.taxCode') },
            { dataIndex: 'communeName', title: t('ui.ent.commune') },
            {
              dataIndex: 'repName',
              title: t('ui.ent.rep'),
              render: (_, r) => `${r.repName} · ${r.repEmail}`,
            },
            {
              dataIndex: 'status',
              title: t('ui.common.status'),
              render: (_, r) => (
                <StatusTag tone={tone[r.status as keyof typeof tone] ?? 'muted'}>
                  {t(`ui.ent.status.${r.status}`)}
                </StatusTag>
              ),
            },
            {
              key: 'actions',
              title: '',
              render: (_, r) =>
                r.status === 'verified' && (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      onClick={async () => {
                        await api('POST', `/enterprise-registrations/${r.id}/approve`);
                        await done();
                      }}
                    >
                      {t('ui.identity.approve')}
                    </Button>
                    <Button danger size="small" onClick={() => setRejecting(r)}>
                      {t('ui.identity.refuse')}
                    </Button>
                  </Space>
                ),
            },
          ])}
        />
      </QueryState>
      <FormModal
        open={!!rejecting}
        title={`${t('ui.identity.refuse')} — ${rejecting?.name ?? ''}`}
        form={form}
        onClose={() => setRejecting(null)}
        onSubmit={async (v) => {
          await api('POST', `/enterprise-registrations/${rejecting!.id}/reject`, v);
          setRejecting(null);
          await done();
        }}
      >
        <Form.Item
          name="reason"
          label={t('ui.reports.reason')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function MyEnterprises() {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ['enterprises', 'mine'],
    queryFn: () => get<Ent[]>('/enterprises/mine'),
  });
  return (
    <QueryState isLoading={mine.isLoading} error={mine.error} isEmpty={mine.data?.length === 0}>
      {(mine.data ?? []).map((e) => (
        <Card key={e.unitId} title={`${e.name} · ${e.taxCode}`} style={{ marginBottom: 16, maxWidth: 760 }}>
          <Form
            layout="vertical"
            initialValues={{ commitment: e.commitment ?? '', listed: e.listed }}
            onFinish={async (v: { commitment: string; listed: boolean }) => {
              await api('PATCH', `/enterprises/${e.unitId}`, {
                commitment: v.commitment || null,
                listed: v.listed,
              });
              await qc.invalidateQueries({ queryKey: ['enterprises'] });
              message.success(t('ui.common.saved'));
            }}
          >
            <Form.Item name="commitment" label={t('ui.ent.commitment')}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="listed" label={t('ui.ent.listed')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('ui.common.save')}
            </Button>
          </Form>
        </Card>
      ))}
    </QueryState>
  );
}

export default function EnterprisesPage() {
  const { t } = useT();
  const { canAnywhere } = useSession();
  const items = [
    canAnywhere('enterprises.manage') && {
      key: 'registrations',
      label: t('ui.ent.tabRegistrations'),
      children: <Registrations />,
    },
    (canAnywhere('enterprises.edit') || canAnywhere('enterprises.manage')) && {
      key: 'mine',
      label: t('ui.ent.tabMine'),
      children: <MyEnterprises />,
    },
  ].filter(Boolean) as Array<{ key: string; label: string; children: React.ReactNode }>;
  return (
    <>
      <PageHeader title={t('ui.ent.title')} />
      <Tabs items={items} />
    </>
  );
}
