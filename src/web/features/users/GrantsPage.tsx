import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Role } from '#shared/permissions.ts';
import { api, get } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitMovesSection } from '#web/features/org/UnitMoves.tsx';

interface PendingGrant {
  id: string;
  kind: 'approval' | 'keys';
  role: Role;
  userName: string;
  username: string;
  unitName: string;
  grantedByName: string | null;
  account: {
    madeByName: string | null;
    credentialsSetByAdmin: boolean;
    everSignedIn: boolean;
    ownerPasswordPending: boolean;
  };
  createdAt: string;
  canDecide: boolean;
}

/**
 * Four eyes on sensitive grants: admin grants waiting for a second administrator, and new intake officers
 * or custodians waiting for a colleague who holds the unit's report keys to activate theirs.
 */
export default function GrantsPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['grants', 'pending'],
    queryFn: () => get<{ items: PendingGrant[] }>('/grants/pending'),
  });
  const [deciding, setDeciding] = useState<PendingGrant | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  // Deciding takes the code the person reads out in person (re-test sec28 S1): never one stray click.
  const decide = async (g: PendingGrant, code: string) => {
    await api('POST', `/grants/${g.id}/${g.kind === 'approval' ? 'approve' : 'activate-keys'}`, { code });
    await qc.invalidateQueries({ queryKey: ['grants'] });
    setDeciding(null);
  };
  return (
    <>
      <PageHeader title={t('ui.grants.title')} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
        {t('ui.grants.intro')}
      </Typography.Paragraph>
      <QueryState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={list.data?.items.length === 0}
        onRetry={() => list.refetch()}
      >
        <Table<PendingGrant>
          aria-label={t('ui.grants.title')}
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 760 }}
          dataSource={list.data?.items ?? []}
          columns={[
            {
              key: 'kind',
              title: t('ui.grants.kind'),
              render: (_, g) => (
                <StatusTag tone="warn">
                  {t(g.kind === 'approval' ? 'ui.grants.awaitingApproval' : 'ui.grants.awaitingKeys')}
                </StatusTag>
              ),
            },
            {
              key: 'user',
              title: t('ui.users.fullName'),
              render: (_, g) => (
                <>
                  {g.userName} <Typography.Text type="secondary">({g.username})</Typography.Text>
                  {/* What the colleague vouching in person should know of the account (sec27 M2). */}
                  {g.account.ownerPasswordPending && (
                    <div className="tags-wrap" style={{ maxWidth: 320 }}>
                      <StatusTag tone="warn">{t('ui.users.ownerPasswordPending')}</StatusTag>
                    </div>
                  )}
                  {g.account.credentialsSetByAdmin && (
                    <div className="tags-wrap" style={{ maxWidth: 320 }}>
                      <StatusTag tone={g.account.everSignedIn ? 'info' : 'warn'}>
                        {g.account.madeByName
                          ? t('ui.grants.madeBy', { name: g.account.madeByName })
                          : t('ui.grants.setByAdmin')}
                        {g.account.everSignedIn ? '' : ` · ${t('ui.grants.neverSignedIn')}`}
                      </StatusTag>
                    </div>
                  )}
                </>
              ),
            },
            {
              key: 'role',
              title: t('ui.users.role'),
              render: (_, g) => t(`role.${g.role}`),
            },
            { key: 'unit', title: t('ui.common.unit'), dataIndex: 'unitName' },
            {
              key: 'by',
              title: t('ui.grants.grantedBy'),
              render: (_, g) => g.grantedByName ?? t('ui.grants.system'),
            },
            { key: 'at', title: t('ui.grants.at'), render: (_, g) => formatDateTime(g.createdAt) },
            {
              key: 'action',
              title: '',
              fixed: 'right',
              render: (_, g) =>
                g.canDecide ? (
                  <Button type="primary" size="small" onClick={() => setDeciding(g)}>
                    {t(g.kind === 'approval' ? 'ui.grants.approve' : 'ui.grants.activate')}
                  </Button>
                ) : g.account.ownerPasswordPending ? (
                  <Typography.Text type="secondary" style={{ display: 'block', maxWidth: 260 }}>
                    {t('ui.grants.ownerPasswordPending')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('ui.grants.notYours')}</Typography.Text>
                ),
            },
          ]}
        />
      </QueryState>
      {list.data?.items.some((g) => g.kind === 'keys') && (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('ui.grants.afterActivation')} />
      )}
      <FormModal
        open={!!deciding}
        name="vouch"
        title={deciding ? t(deciding.kind === 'approval' ? 'ui.grants.approve' : 'ui.grants.activate') : ''}
        form={form}
        okText={deciding ? t(deciding.kind === 'approval' ? 'ui.grants.approve' : 'ui.grants.activate') : ''}
        onClose={() => setDeciding(null)}
        onSubmit={async (v) => {
          if (deciding) await decide(deciding, v.code);
        }}
      >
        {deciding && (
          <>
            <Typography.Paragraph>
              {t(deciding.kind === 'approval' ? 'ui.grants.confirmApprove' : 'ui.grants.confirmActivate', {
                user: `${deciding.userName} (${deciding.username})`,
                role: t(`role.${deciding.role}`),
                unit: deciding.unitName,
              })}
            </Typography.Paragraph>
            <Form.Item
              name="code"
              label={t('ui.grants.code')}
              extra={t('ui.grants.codeHelp')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input autoComplete="off" placeholder="XXXX-XXXX" style={{ maxWidth: 200 }} />
            </Form.Item>
          </>
        )}
      </FormModal>
      <UnitMovesSection />
    </>
  );
}
