import { Alert, Button, Form, Input } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Stage } from '#shared/auth/schemas.ts';
import { ChangePasswordBody, LoginBody, TotpBody } from '#shared/auth/schemas.ts';

// Enrolment (QR code, recovery codes) is rare: it loads only when needed, keeping sign-in small.
const EnrolStep = lazy(() => import('./EnrolStep.tsx').then((m) => ({ default: m.EnrolStep })));
const RecoveryCodes = lazy(() => import('./EnrolStep.tsx').then((m) => ({ default: m.RecoveryCodes })));

import { api } from '#web/app/api.ts';
import { changeLanguage, useT } from '#web/app/i18n.ts';
import { type Session, useRefreshSession, useSessionQuery } from '#web/app/session.tsx';
import { takeFocus, takeSubmitted, takeTyped } from '#web/app/typed.ts';
import { applyServerErrors, zodRule } from '#web/components/forms.ts';

/** Where to go after signing in: only paths inside the app, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refresh = useRefreshSession();
  const { data: session } = useSessionQuery();
  const stage: Stage | 'password' = session ? session.stage : 'password';
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  useEffect(() => {
    if (stage === 'active' && !recoveryCodes) navigate(safeNext(params.get('next')), { replace: true });
  }, [stage, recoveryCodes, navigate, params]);

  const after = async () => {
    await refresh();
  };

  return (
    <AuthCard>
      <Suspense fallback={null}>
        {params.get('expired') && stage === 'password' && (
          <Alert type="warning" showIcon title={t('ui.auth.expired')} />
        )}
        {recoveryCodes ? (
          <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
        ) : stage === 'password' ? (
          <PasswordStep onDone={(s) => refresh(s)} />
        ) : stage === 'totp' ? (
          <TotpStep onDone={after} />
        ) : stage === 'change_password' ? (
          <ChangePasswordStep onDone={after} />
        ) : stage === 'enrol_totp' ? (
          <EnrolStep
            onDone={async (codes) => {
              setRecoveryCodes(codes);
              await after();
            }}
          />
        ) : null}
      </Suspense>
    </AuthCard>
  );
}

export function useSubmit<V>(form: ReturnType<typeof Form.useForm<V>>[0], run: (values: V) => Promise<void>) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await run(values);
    } catch (e) {
      setError(applyServerErrors(form as never, e, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function PasswordStep({ onDone }: { onDone: (s: Session) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const { busy, error, submit } = useSubmit(form, async (v) =>
    onDone(await api<Session>('POST', '/auth/login', v)),
  );
  // Typed into the page the server drew before the app took over (main.tsx).
  const [typed] = useState(() => ({
    values: takeTyped(['username', 'password']),
    focus: takeFocus(),
    submitted: takeSubmitted(),
  }));
  useEffect(() => {
    if (typed.submitted) form.submit();
  }, [typed, form]);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      aria-label={t('ui.auth.title')}
      initialValues={typed.values}
    >
      <h2 className="signin-step">{t('ui.auth.title')}</h2>
      <p className="muted">{t('ui.auth.subtitle')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="username" label={t('ui.auth.username')} rules={[zodRule(LoginBody.shape.username, t)]}>
        <Input autoComplete="username" autoFocus={typed.focus !== 'password'} />
      </Form.Item>
      <Form.Item name="password" label={t('ui.auth.password')} rules={[zodRule(LoginBody.shape.password, t)]}>
        <Input.Password autoComplete="current-password" autoFocus={typed.focus === 'password'} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('ui.auth.signIn')}
      </Button>
      <p style={{ marginTop: 12, marginBottom: 0 }}>
        <Link to="/reset-password">{t('ui.auth.forgot')}</Link>
      </p>
    </Form>
  );
}

function TotpStep({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useT();
  const [recovery, setRecovery] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const { busy, error, submit } = useSubmit(form, async (v) => {
    await api('POST', recovery ? '/auth/recovery' : '/auth/totp', { code: v.code });
    await onDone();
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <h2 className="signin-step">{t('ui.auth.totpTitle')}</h2>
      <p className="muted">{t('ui.auth.totpHelp')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        name="code"
        label={t(recovery ? 'ui.auth.recoveryCode' : 'ui.auth.totpCode')}
        rules={
          recovery ? [{ required: true, message: t('field.required') }] : [zodRule(TotpBody.shape.code, t)]
        }
      >
        <Input
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          autoFocus
          maxLength={recovery ? 20 : 6}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('ui.auth.verify')}
      </Button>
      <Button type="link" onClick={() => setRecovery(!recovery)} style={{ paddingInline: 0 }}>
        {t(recovery ? 'ui.auth.useTotp' : 'ui.auth.useRecovery')}
      </Button>
    </Form>
  );
}

function ChangePasswordStep({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useT();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const { busy, error, submit } = useSubmit(form, async (v) => {
    await api('POST', '/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    await onDone();
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <h2 className="signin-step">{t('ui.auth.changeTitle')}</h2>
      <p className="muted">{t('ui.auth.changeHelp')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        name="currentPassword"
        label={t('ui.auth.currentPassword')}
        rules={[zodRule(ChangePasswordBody.shape.currentPassword, t)]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields />
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('ui.common.save')}
      </Button>
    </Form>
  );
}

/** A new password typed twice, by the shared schema's rule: on changing it and on setting it from a link. */
export function NewPasswordFields({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useT();
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('ui.auth.newPassword')}
        rules={[zodRule(ChangePasswordBody.shape.newPassword, t)]}
      >
        <Input.Password autoComplete="new-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('ui.auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v) => {
              if (v !== getFieldValue('newPassword')) throw new Error(t('ui.auth.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** The card every sign-in page stands in: the app's name, the step, and the language switch. */
export function AuthCard({ children }: { children: ReactNode }) {
  const { t, lang } = useT();
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f0f4f9',
        padding: 16,
      }}
    >
      <div className="signin-card">
        <div>
          <h1 className="signin-title">{t('ui.app.name')}</h1>
          <p className="muted">{t('ui.app.tagline')}</p>
        </div>
        {children}
        <Button
          type="link"
          // Read by public/boot.js: pressed on the drawn page before the app is there, it still counts.
          data-switch-lang={lang === 'vi' ? 'en' : 'vi'}
          onClick={() => void changeLanguage(lang === 'vi' ? 'en' : 'vi')}
          style={{ padding: 0, alignSelf: 'flex-start' }}
        >
          {lang === 'vi' ? 'English' : 'Tiếng Việt'}
        </Button>
      </div>
    </main>
  );
}
