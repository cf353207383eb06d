import { Alert, Button, Card, Empty, Spin, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useDeferredValue } from 'react';
import { ApiError } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { Part } from './Part.tsx';

export function PageHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <Typography.Title level={1}>{title}</Typography.Title>
      {extra && (
        <div className="toolbar" style={{ marginBottom: 0 }}>
          {extra}
        </div>
      )}
    </div>
  );
}

/** Loading, error (with the request id) and empty states, the same on every page. */
export function QueryState({
  isLoading,
  error,
  isEmpty,
  onRetry,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useT();
  // A query's answer re-renders at once and in one piece (useSyncExternalStore), however large the page:
  // the spinner stays for that render and the page is drawn in the transition after it, in slices that
  // leave room for input (a province plan's tasks took one 500 ms task, issue 17 §24).
  const loading = useDeferredValue(isLoading);
  if (loading) {
    return (
      // The label sits on a status region: on the spinner's own div (no role) ARIA forbids it.
      <div role="status" aria-label={t('ui.common.loading')} style={{ padding: 32, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (isEmpty) return <Empty description={t('ui.common.empty')} />;
  return <Part>{children}</Part>;
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const e = error instanceof ApiError ? error : null;
  const message = e?.network ? t('ui.common.networkError') : (e?.message ?? t('error.internal'));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t('ui.common.errorTitle')}
      description={
        <>
          {message}
          {/* Where no form shows the fields, their messages are the error (an unreadable file: rev29). */}
          {e && Object.keys(e.fields).length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {[...new Set(Object.values(e.fields))].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {/* A code for the support desk where the server failed; a page not found needs none (rev20 P16). */}
          {e?.requestId && e.status >= 500 && <div>{t('ui.common.requestId', { id: e.requestId })}</div>}
        </>
      }
      action={onRetry && <Button onClick={onRetry}>{t('ui.common.retry')}</Button>}
    />
  );
}

/**
 * A titled card of a page: its title a level-2 heading that wraps on a phone (antd cuts card titles
 * with an ellipsis), an action on the right, the body flush for a table.
 */
export function Section({
  title,
  extra,
  flush,
  children,
  style,
}: {
  title: string;
  extra?: ReactNode;
  flush?: boolean;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      extra={extra}
      styles={{
        title: { whiteSpace: 'normal' },
        header: { flexWrap: 'wrap', gap: 8 },
        ...(flush ? { body: { padding: 0 } } : {}),
      }}
      style={{ marginBottom: 16, ...style }}
    >
      {children}
    </Card>
  );
}
