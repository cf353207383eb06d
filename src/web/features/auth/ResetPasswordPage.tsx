import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ResetRequestBody } from '#shared/auth/schemas.ts';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { zodRule } from '#web/components/forms.ts';
import { AuthCard, NewPasswordFields, useSubmit } from './SignInPage.tsx';

/**
 * The two halves of a password set through the mail: asking for a link (the answer never says whether
 * the address has an account), and the page the link opens — its token travels in the fragment, which
 * browsers never send to a server, and is dropped from the address bar once read.
 */
export default function ResetPasswordPage() {
  const { t } = useT();
  // Read once, then dropped from the address bar (after rendering: a render React discards and repeats
  // must still find it).
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token'));
  useEffect(() => {
    if (token) window.history.replaceState(null, '', window.location.pathname);
  }, [token]);
  return (
    <AuthCard>
      {token ? <SetPassword token={token} /> : <AskForLink />}
      <Link to="/sign-in">{t('ui.auth.backToSignIn')}</Link>
    </AuthCard>
  );
}

function AskForLink() {
  const { t } = useT();
  const [form] = Form.useForm<{ email: string }>();
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit(form, async (v) => {
    await api('POST', '/auth/password-reset/request', v);
    setSent(true);
  });
  if (sent) return <Alert type="success" showIcon role="status" title={t('ui.auth.linkAsked')} />;
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <h2 className="signin-step">{t('ui.auth.forgotTitle')}</h2>
      <p className="muted">{t('ui.auth.forgotHelp')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="email" label={t('ui.users.email')} rules={[zodRule(ResetRequestBody.shape.email, t)]}>
        <Input type="email" autoComplete="email" autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('ui.auth.sendLink')}
      </Button>
    </Form>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = useT();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit(form, async (v) => {
    await api('POST', '/auth/password-reset/confirm', { token, newPassword: v.newPassword });
    setDone(true);
  });
  if (done) return <Alert type="success" showIcon role="status" title={t('ui.auth.passwordSet')} />;
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <h2 className="signin-step">{t('ui.auth.setTitle')}</h2>
      <p className="muted">{t('ui.auth.setHelp')}</p>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          description={t('ui.auth.linkInvalid')}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      )}
      <NewPasswordFields autoFocus />
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('ui.auth.setPassword')}
      </Button>
    </Form>
  );
}
