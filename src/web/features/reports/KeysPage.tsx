import { KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, get } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import type { Keys } from './types.ts';

export const useKeys = () => useQuery({ queryKey: ['keys', 'me'], queryFn: () => get<Keys>('/keys/me') });

/**
 * Shown where keys matter: a new recovery key to write down (once), or keys locked after a password reset.
 */
export function KeysNotice() {
  const { t } = useT();
  const keys = useKeys();
  if (!keys.data?.needed) return null;
  if (keys.data.recoveryKeyPending)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('ui.keys.pendingTitle')}
        description={<Link to="/keys">{t('ui.keys.pendingAction')}</Link>}
      />
    );
  if (!keys.data.unlocked)
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('ui.keys.lockedTitle')}
        description={<Link to="/keys">{t('ui.keys.lockedAction')}</Link>}
      />
    );
  return null;
}

export default function KeysPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const keys = useKeys();
  const [shown, setShown] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'recover' | 'replace' | null>(null);
  const [recoverForm] = Form.useForm<{ recoveryKey: string; password: string }>();
  const [replaceForm] = Form.useForm<{ password: string }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['keys'] });
  const k = keys.data;
  const reveal = async () => {
    const r = await api<{ recoveryKey: string }>('POST', '/keys/me/recovery-key');
    setShown(r.recoveryKey);
    await refresh();
  };
  return (
    <>
      <PageHeader title={t('ui.keys.title')} />
      <QueryState isLoading={keys.isLoading} error={keys.error} onRetry={() => void keys.refetch()}>
        {k && (
          <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
            <Typography.Paragraph>{t('ui.keys.explain')}</Typography.Paragraph>
            <Card>
              <Descriptions column={1}>
                <Descriptions.Item label={t('ui.keys.state')}>
                  {!k.needed && !k.hasKeys
                    ? t('ui.keys.notNeeded')
                    : k.unlocked
                      ? t('ui.keys.unlocked')
                      : k.hasKeys
                        ? t('ui.keys.locked')
                        : t('ui.keys.none')}
                </Descriptions.Item>
                {k.createdAt && (
                  <Descriptions.Item label={t('ui.keys.created')}>
                    {formatDateTime(k.createdAt)}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {k.recoveryKeyPending && (
              <Alert
                type="warning"
                showIcon
                title={t('ui.keys.pendingTitle')}
                description={
                  <Button icon={<KeyOutlined />} onClick={reveal}>
                    {t('ui.keys.reveal')}
                  </Button>
                }
              />
            )}
            {k.hasKeys && !k.unlocked && (
              <Card title={t('ui.keys.lockedTitle')}>
                <Typography.Paragraph>{t('ui.keys.lockedExplain')}</Typography.Paragraph>
                <Space wrap>
                  <Button type="primary" onClick={() => setDialog('recover')}>
                    {t('ui.keys.recover')}
                  </Button>
                  <Button danger onClick={() => setDialog('replace')}>
                    {t('ui.keys.replace')}
                  </Button>
                </Space>
              </Card>
            )}
          </Space>
        )}
      </QueryState>
      <Modal
        open={!!shown}
        title={t('ui.keys.recoveryTitle')}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('ui.keys.written')}
      >
        <Typography.Paragraph>{t('ui.keys.recoveryAdvice')}</Typography.Paragraph>
        <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="recovery-key">
          {shown}
        </Typography.Text>
      </Modal>
      <FormModal
        open={dialog === 'recover'}
        title={t('ui.keys.recover')}
        form={recoverForm}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          await api('POST', '/keys/me/recover', v);
          setDialog(null);
          await refresh();
        }}
      >
        <Form.Item
          name="recoveryKey"
          label={t('ui.keys.recoveryKey')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('ui.keys.password')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'replace'}
        title={t('ui.keys.replace')}
        form={replaceForm}
        okText={t('ui.keys.replace')}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          await api('POST', '/keys/me/replace', v);
          setDialog(null);
          await refresh();
        }}
      >
        <Alert type="warning" showIcon title={t('ui.keys.replaceWarning')} style={{ marginBottom: 16 }} />
        <Form.Item
          name="password"
          label={t('ui.keys.password')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </FormModal>
    </>
  );
}
