import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { auditActionLabel } from '#shared/audit/catalogue.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';
import { KeysNotice } from './KeysPage.tsx';
import type { IdentityAccessRow, IdentityRequestRow } from './types.ts';

const tone = { pending: 'warn', approved: 'ok', refused: 'danger' } as const;

/** The custodian's desk: who asked to see a reporter's identity, why, and the decision. */
export default function IdentityRequestsPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'status' | 'tab'>();
  const status = url.status ?? 'pending';
  const [deciding, setDeciding] = useState<{
    row: IdentityRequestRow;
    decision: 'approve' | 'refuse';
  } | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <>
      <PageHeader title={t('ui.identity.title')} />
      <KeysNotice />
      <Tabs
        activeKey={url.tab ?? 'requests'}
        onChange={(tab) => setUrl({ tab, page: undefined }, false)}
        items={[
          {
            key: 'requests',
            label: t('ui.identity.tabRequests'),
            children: (
              <DataTable<IdentityRequestRow>
                ariaLabel={t('ui.identity.title')}
                queryKey={['identity-requests', status]}
                rowKey="id"
                exportName="yeu-cau-danh-tinh"
                fetchPage={(p) =>
                  get<PageOf<IdentityRequestRow>>(`/identity-requests${qs({ status, ...p })}`)
                }
                toolbar={
                  <Select
                    aria-label={t('ui.common.status')}
                    value={status}
                    onChange={(v) => setUrl({ status: v })}
                    options={(['pending', 'approved', 'refused'] as const).map((s) => ({
                      value: s,
                      label: t(`ui.identity.status.${s}`),
                    }))}
                    style={{ width: 180 }}
                  />
                }
                columns={[
                  {
                    key: 'createdAt',
                    title: t('ui.identity.asked'),
                    sort: 'createdAt',
                    render: (r) => formatDateTime(r.createdAt),
                    value: (r) => formatDateTime(r.createdAt),
                  },
                  { key: 'reportNumber', title: t('ui.reports.number') },
                  { key: 'unitName', title: t('ui.reports.handlingUnit'), sort: 'unitName' },
                  { key: 'requesterName', title: t('ui.identity.requester'), sort: 'requesterName' },
                  {
                    key: 'reason',
                    title: t('ui.reports.reason'),
                    render: (r) => <Wrap width={220}>{r.reason}</Wrap>,
                  },
                  // Waiting ones are all waiting (the filter says so): their reason and the decision fit
                  // at 1280 px without it.
                  ...(status === 'pending'
                    ? []
                    : [
                        {
                          key: 'status',
                          title: t('ui.common.status'),
                          render: (r: IdentityRequestRow) => (
                            <StatusTag tone={tone[r.status]}>
                              {t(`ui.identity.status.${r.status}`)}
                              {r.deciderName ? ` · ${r.deciderName}` : ''}
                            </StatusTag>
                          ),
                          value: (r: IdentityRequestRow) => t(`ui.identity.status.${r.status}`),
                        },
                      ]),
                  {
                    key: 'actions',
                    title: '',
                    render: (r) =>
                      r.status === 'pending' && (
                        <Space>
                          <Button
                            type="primary"
                            size="small"
                            onClick={() => setDeciding({ row: r, decision: 'approve' })}
                          >
                            {t('ui.identity.approve')}
                          </Button>
                          <Button
                            danger
                            size="small"
                            onClick={() => setDeciding({ row: r, decision: 'refuse' })}
                          >
                            {t('ui.identity.refuse')}
                          </Button>
                        </Space>
                      ),
                    value: () => null,
                  },
                ]}
              />
            ),
          },
          { key: 'log', label: t('ui.identity.tabLog'), children: <AccessLog /> },
        ]}
      />
      <FormModal
        open={!!deciding}
        title={
          deciding
            ? `${t(deciding.decision === 'approve' ? 'ui.identity.approve' : 'ui.identity.refuse')} — ${deciding.row.reportNumber}`
            : ''
        }
        form={form}
        // The button says the decision it records, not "Save".
        okText={
          deciding
            ? t(deciding.decision === 'approve' ? 'ui.identity.approve' : 'ui.identity.refuse')
            : undefined
        }
        onClose={() => setDeciding(null)}
        onSubmit={async (v) => {
          await api('POST', `/identity-requests/${deciding!.row.id}/decide`, {
            decision: deciding!.decision,
            note: v.note ?? null,
          });
          setDeciding(null);
          await qc.invalidateQueries({ queryKey: ['identity-requests'] });
        }}
      >
        <p>{deciding?.row.reason}</p>
        <Form.Item
          name="note"
          label={t('ui.identity.note')}
          rules={deciding?.decision === 'refuse' ? [{ required: true, message: t('field.required') }] : []}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** Every request, decision and view of an identity in the custodian's scope, from the audit chain. */
function AccessLog() {
  const { t, lang } = useT();
  return (
    <DataTable<IdentityAccessRow>
      ariaLabel={t('ui.identity.tabLog')}
      queryKey={['identity-access']}
      rowKey="id"
      exportName="nhat-ky-danh-tinh"
      fetchPage={(p) =>
        get<PageOf<IdentityAccessRow>>(`/identity-access${qs({ page: p.page, pageSize: p.pageSize })}`)
      }
      columns={[
        {
          key: 'at',
          title: t('ui.identity.at'),
          render: (r) => formatDateTime(r.at),
          value: (r) => formatDateTime(r.at),
        },
        { key: 'reportNumber', title: t('ui.reports.number') },
        {
          key: 'action',
          title: t('ui.identity.event'),
          render: (r) => auditActionLabel(lang, r.action),
          value: (r) => auditActionLabel(lang, r.action),
        },
        { key: 'actorName', title: t('ui.identity.actor'), render: (r) => r.actorName ?? '—' },
        { key: 'reason', title: t('ui.reports.reason'), render: (r) => r.reason ?? '' },
      ]}
    />
  );
}
