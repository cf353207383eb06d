import { Alert, Button, Form, Input, List, QRCode, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { TotpBody } from '#shared/auth/schemas.ts';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { zodRule } from '#web/components/forms.ts';
import { useSubmit } from './SignInPage.tsx';

export function EnrolStep({ onDone }: { onDone: (codes: string[]) => Promise<void> }) {
  const { t } = useT();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  useEffect(() => {
    void api<{ secret: string; otpauthUrl: string }>('POST', '/auth/totp/enrol').then(setEnrolment);
  }, []);
  const { busy, error, submit } = useSubmit(form, async (v) => {
    const r = await api<{ recoveryCodes: string[] }>('POST', '/auth/totp/confirm', { code: v.code });
    await onDone(r.recoveryCodes);
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('ui.auth.enrolTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.auth.enrolHelp')}</Typography.Paragraph>
      {enrolment && (
        <Space orientation="vertical" align="center" style={{ width: '100%', marginBottom: 16 }}>
          <QRCode value={enrolment.otpauthUrl} size={180} bordered={false} aria-label={t('ui.auth.qrAlt')} />
          <Typography.Text type="secondary">{t('ui.auth.secret')}</Typography.Text>
          <Typography.Text code copyable data-testid="totp-secret">
            {enrolment.secret}
          </Typography.Text>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="code" label={t('ui.auth.totpCode')} rules={[zodRule(TotpBody.shape.code, t)]}>
        <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} disabled={!enrolment}>
        {t('ui.auth.verify')}
      </Button>
    </Form>
  );
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useT();
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('ui.auth.recoveryTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('ui.auth.recoveryHelp')} style={{ marginBottom: 16 }} />
      <List
        size="small"
        bordered
        dataSource={codes}
        renderItem={(c) => (
          <List.Item>
            <Typography.Text code>{c}</Typography.Text>
          </List.Item>
        )}
      />
      <Button type="primary" block style={{ marginTop: 16 }} onClick={onDone}>
        {t('ui.auth.recoverySaved')}
      </Button>
    </div>
  );
}
