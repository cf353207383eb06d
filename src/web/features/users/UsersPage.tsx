import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { Role } from '#shared/permissions.ts';
import { roles } from '#shared/permissions.ts';
import { UserCreate } from '#shared/users/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';

interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  unitId: string;
  unitName: string;
  status: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  ownerPasswordPending: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}
interface UserDetail extends User {
  grants: Array<{
    id: string;
    role: Role;
    unitId: string;
    unitName: string;
    subtree: boolean;
    status: 'active' | 'awaiting_approval';
    keysActivated: boolean;
  }>;
}

export default function UsersPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'q' | 'unitId' | 'role' | 'status' | 'user'>();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [form] = Form.useForm<{
    username: string;
    fullName: string;
    email?: string;
    phone?: string;
    unitId: string;
    firstPassword: 'link' | 'oneTime';
  }>();
  const filters = { q: url.q, unitId: url.unitId, role: url.role, status: url.status };

  return (
    <>
      <PageHeader
        title={t('ui.users.title')}
        extra={
          canAnywhere('users.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ui.users.create')}
            </Button>
          )
        }
      />
      {issued && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setIssued(null) }}
          title={t('ui.users.oneTimePassword', { password: issued })}
          style={{ marginBottom: 12 }}
        />
      )}
      <DataTable<User>
        ariaLabel={t('ui.users.title')}
        queryKey={['users', filters]}
        rowKey="id"
        exportName="nguoi-dung"
        fetchPage={(p) =>
          get<PageOf<User>>(`/users${qs({ ...filters, page: p.page, pageSize: p.pageSize, sort: p.sort })}`)
        }
        onRowClick={(u) => setUrl({ user: u.id }, false)}
        toolbar={
          <Input.Search
            aria-label={t('ui.common.search')}
            placeholder={t('ui.common.searchPlaceholder')}
            defaultValue={url.q}
            allowClear
            onSearch={(v) => setUrl({ q: v.trim() })}
            style={{ width: 330 }}
          />
        }
        filters={
          <>
            <div style={{ width: 280 }}>
              <UnitSelect
                aria-label={t('ui.common.unit')}
                placeholder={t('ui.common.filterByUnit')}
                value={url.unitId}
                onChange={(v) => setUrl({ unitId: v as string })}
                activeOnly={false}
              />
            </div>
            <Select
              aria-label={t('ui.users.role')}
              allowClear
              placeholder={t('ui.users.role')}
              value={url.role}
              onChange={(v) => setUrl({ role: v })}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              style={{ width: 220 }}
            />
            <Select
              aria-label={t('ui.common.status')}
              allowClear
              placeholder={t('ui.common.status')}
              value={url.status}
              onChange={(v) => setUrl({ status: v })}
              options={[
                { value: 'active', label: t('ui.status.active') },
                { value: 'disabled', label: t('ui.status.disabled') },
              ]}
              style={{ width: 160 }}
            />
          </>
        }
        columns={[
          { key: 'fullName', title: t('ui.users.fullName'), sort: 'fullName' },
          { key: 'username', title: t('ui.users.username'), sort: 'username' },
          {
            key: 'status',
            title: t('ui.common.status'),
            render: (u) => (
              <StatusTag tone={u.status === 'active' ? 'ok' : 'muted'}>
                {t(u.status === 'active' ? 'ui.status.active' : 'ui.status.disabled')}
              </StatusTag>
            ),
            value: (u) => t(u.status === 'active' ? 'ui.status.active' : 'ui.status.disabled'),
          },
          {
            key: 'lastLoginAt',
            title: t('ui.users.lastLogin'),
            optional: 'shown',
            sort: 'lastLoginAt',
            render: (u) => formatDateTime(u.lastLoginAt),
            value: (u) => formatDateTime(u.lastLoginAt),
          },
          // Where they work and how to write to them after what the list is for (who, whether active):
          // the e-mail is the widest column and the first past the edge at 1280 px (rev29 audit).
          {
            key: 'unitName',
            title: t('ui.common.unit'),
            render: (u) => <Wrap width={180}>{u.unitName}</Wrap>,
          },
          {
            key: 'email',
            title: t('ui.users.email'),
            optional: 'shown',
            render: (u) => <Wrap width={190}>{u.email}</Wrap>,
            value: (u) => u.email ?? '',
          },
        ]}
      />
      <FormModal
        open={creating}
        title={t('ui.users.create')}
        form={form}
        initialValues={{ unitId: url.unitId, firstPassword: 'link' }}
        onClose={() => setCreating(false)}
        onSubmit={async ({ firstPassword, ...v }) => {
          const created = await api<UserDetail & { oneTimePassword?: string }>('POST', '/users', {
            ...v,
            email: v.email || null,
            phone: v.phone || null,
            invite: firstPassword === 'link',
          });
          setCreating(false);
          setIssued(created.oneTimePassword ?? null);
          if (firstPassword === 'link') message.success(t('ui.users.linkSent', { email: v.email ?? '' }));
          await qc.invalidateQueries({ queryKey: ['users'] });
          setUrl({ user: created.id }, false);
        }}
      >
        <Form.Item
          name="username"
          label={t('ui.users.username')}
          rules={[zodRule(UserCreate.shape.username, t)]}
          required
        >
          <Input autoComplete="off" />
        </Form.Item>
        <ContactFields />
        <Form.Item
          name="unitId"
          label={t('ui.common.unit')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item
          name="firstPassword"
          label={t('ui.users.firstPassword')}
          extra={t('ui.users.firstPasswordHelp')}
        >
          <Radio.Group
            options={[
              { value: 'link', label: t('ui.users.firstPasswordLink') },
              { value: 'oneTime', label: t('ui.users.firstPasswordOneTime') },
            ]}
          />
        </Form.Item>
      </FormModal>
      <UserDrawer userId={url.user} onClose={() => setUrl({ user: undefined }, false)} onIssued={setIssued} />
    </>
  );
}

function UserDrawer({
  userId,
  onClose,
  onIssued,
}: {
  userId?: string;
  onClose(): void;
  onIssued(p: string): void;
}) {
  const { t } = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { session } = useSession();
  const user = useQuery({
    queryKey: ['users', 'detail', userId],
    queryFn: () => get<UserDetail>(`/users/${userId}`),
    enabled: !!userId,
  });
  const [grantForm] = Form.useForm<{ role: string; unitId: string; subtree: boolean }>();
  const [editForm] = Form.useForm<{ fullName: string; email?: string; phone?: string }>();
  const [dialog, setDialog] = useState<'grant' | 'edit' | null>(null);
  const u = user.data;
  const isAdmin = session.grants.some((g) => g.role === 'admin');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['users'] });
  };
  const act = (title: string, content: string, run: () => Promise<void>, danger = false) =>
    modal.confirm({
      title,
      content,
      okText: t('ui.common.confirm'),
      cancelText: t('ui.common.cancel'),
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run();
          await refresh();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  return (
    <Drawer open={!!userId} onClose={onClose} size={560} title={u?.fullName ?? ''}>
      <QueryState isLoading={user.isLoading} error={user.error}>
        {u && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {isAdmin && (
              <div className="toolbar">
                <Button onClick={() => setDialog('edit')}>{t('ui.common.edit')}</Button>
                <Button
                  onClick={() =>
                    act(
                      t('ui.users.resetPassword'),
                      t('ui.users.resetConfirm', { name: u.fullName }),
                      async () =>
                        onIssued(
                          (await api<{ oneTimePassword: string }>('POST', `/users/${u.id}/reset-password`))
                            .oneTimePassword,
                        ),
                    )
                  }
                >
                  {t('ui.users.resetPassword')}
                </Button>
                {u.email && u.status === 'active' && (
                  <Button
                    onClick={() =>
                      act(
                        t('ui.users.sendLink'),
                        t('ui.users.sendLinkConfirm', { name: u.fullName, email: u.email ?? '' }),
                        async () => {
                          await api('POST', `/users/${u.id}/password-link`);
                          message.success(t('ui.users.linkSent', { email: u.email ?? '' }));
                        },
                      )
                    }
                  >
                    {t('ui.users.sendLink')}
                  </Button>
                )}
                {u.status === 'active' ? (
                  <Button
                    danger
                    onClick={() =>
                      act(
                        t('ui.users.disable'),
                        t('ui.users.disableConfirm', { name: u.fullName }),
                        async () => void (await api('POST', `/users/${u.id}/status`, { status: 'disabled' })),
                        true,
                      )
                    }
                  >
                    {t('ui.users.disable')}
                  </Button>
                ) : (
                  <Button
                    onClick={() =>
                      act(
                        t('ui.users.enable'),
                        u.fullName,
                        async () => void (await api('POST', `/users/${u.id}/status`, { status: 'active' })),
                      )
                    }
                  >
                    {t('ui.users.enable')}
                  </Button>
                )}
              </div>
            )}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('ui.users.username')}>{u.username}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.unit')}>{u.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.users.email')}>{u.email}</Descriptions.Item>
              <Descriptions.Item label={t('ui.users.phone')}>{u.phone}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.status')}>
                {t(u.status === 'active' ? 'ui.status.active' : 'ui.status.disabled')}
                {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
                  <StatusTag tone="danger">{t('ui.users.locked')}</StatusTag>
                )}
                {u.ownerPasswordPending && (
                  <StatusTag tone="warn">{t('ui.users.ownerPasswordPending')}</StatusTag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.users.twoFactor')}>
                {u.totpEnabled ? t('ui.common.yes') : t('ui.common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.users.lastLogin')}>
                {formatDateTime(u.lastLoginAt)}
              </Descriptions.Item>
            </Descriptions>
            <div className="page-header" style={{ marginBottom: 0 }}>
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('ui.users.grants')}
              </Typography.Title>
              {isAdmin && <Button onClick={() => setDialog('grant')}>{t('ui.users.addGrant')}</Button>}
            </div>
            <List
              bordered
              size="small"
              locale={{ emptyText: t('ui.common.empty') }}
              dataSource={u.grants}
              renderItem={(g) => (
                <List.Item
                  actions={
                    isAdmin
                      ? [
                          <Button
                            key="rm"
                            size="small"
                            danger
                            onClick={() =>
                              act(
                                t('ui.users.removeGrant'),
                                t('ui.users.removeGrantConfirm'),
                                async () => void (await api('DELETE', `/users/${u.id}/grants/${g.id}`)),
                                true,
                              )
                            }
                          >
                            {t('ui.users.removeGrant')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  {/* One block beside the actions: loose children would each be a flex item and wrap apart. */}
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <StatusTag tone="info">{t(`role.${g.role}`)}</StatusTag>
                    {g.unitName}{' '}
                    {g.subtree && (
                      <Typography.Text type="secondary">· {t('ui.users.subtree')}</Typography.Text>
                    )}
                    {g.status === 'awaiting_approval' && (
                      <StatusTag tone="warn">{t('ui.grants.pendingTag')}</StatusTag>
                    )}
                    {!g.keysActivated && <StatusTag tone="warn">{t('ui.grants.keysPendingTag')}</StatusTag>}
                  </div>
                </List.Item>
              )}
            />
          </Space>
        )}
      </QueryState>
      {u && (
        <>
          <FormModal
            open={dialog === 'grant'}
            title={t('ui.users.addGrant')}
            form={grantForm}
            initialValues={{ subtree: true, unitId: u.unitId }}
            onClose={() => setDialog(null)}
            onSubmit={async (v) => {
              await api('POST', `/users/${u.id}/grants`, v);
              setDialog(null);
              await refresh();
            }}
          >
            <Form.Item
              name="role"
              label={t('ui.users.role')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <Select options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
            </Form.Item>
            <Form.Item
              name="unitId"
              label={t('ui.users.scope')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <UnitSelect aria-label={t('ui.users.scope')} />
            </Form.Item>
            <Form.Item name="subtree" valuePropName="checked">
              <Checkbox>{t('ui.users.subtree')}</Checkbox>
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'edit'}
            title={t('ui.common.edit')}
            form={editForm}
            initialValues={{ fullName: u.fullName, email: u.email ?? undefined, phone: u.phone ?? undefined }}
            onClose={() => setDialog(null)}
            onSubmit={async (v) => {
              await api('PATCH', `/users/${u.id}`, {
                fullName: v.fullName,
                email: v.email || null,
                phone: v.phone || null,
                version: u.version,
              });
              setDialog(null);
              await refresh();
            }}
          >
            <ContactFields />
          </FormModal>
        </>
      )}
    </Drawer>
  );
}

/** Name, e-mail and phone: the same fields and rules when creating and editing a user. */
function ContactFields() {
  const { t } = useT();
  return (
    <>
      <Form.Item
        name="fullName"
        label={t('ui.users.fullName')}
        rules={[zodRule(UserCreate.shape.fullName, t)]}
        required
      >
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('ui.users.email')}>
        <Input type="email" />
      </Form.Item>
      <Form.Item name="phone" label={t('ui.users.phone')}>
        <Input />
      </Form.Item>
    </>
  );
}
