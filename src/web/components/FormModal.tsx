import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { applyServerErrors } from './forms.ts';

/**
 * A form in a dialog: shared-schema rules on the fields, the server's 400 messages under them, a failed
 * request keeps what was typed, and the submit button cannot send twice.
 */
export function FormModal<V extends object>({
  open,
  title,
  form,
  initialValues,
  onSubmit,
  onClose,
  children,
  okText,
  name,
  readOnly = false,
}: {
  /** Only read here (the reader may not act on it): a single close button, no save that only closes. */
  readOnly?: boolean;
  /** Prefixes the fields' ids: needed where several dialogs with the same fields are on one page. */
  name?: string;
  open: boolean;
  title: string;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode;
  okText?: string;
}) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // 409: the record changed meanwhile or is past its correction window; what is on screen is stale.
  const [stale, setStale] = useState(false);
  const qc = useQueryClient();
  // Fill the form when the dialog opens, and only then: a re-render of the page behind it (new initial
  // values object, an upload finishing) must never wipe what the user is typing.
  const initial = useRef(initialValues);
  initial.current = initialValues;
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initial.current) form.setFieldsValue(initial.current as never);
      setError(null);
      setStale(false);
    }
  }, [open, form]);
  const submit = async () => {
    if (busy) return;
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyServerErrors(form, e, t));
      setStale(e instanceof ApiError && e.status === 409);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={okText ?? t('ui.common.save')}
      cancelText={readOnly ? t('ui.common.close') : t('ui.common.cancel')}
      okButtonProps={readOnly ? { style: { display: 'none' } } : undefined}
      destroyOnHidden={false}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          role="alert"
          action={
            stale && (
              // Closes the dialog and reads the page's records again, as they are now (rev28).
              <Button
                size="small"
                onClick={() => {
                  void qc.invalidateQueries();
                  onClose();
                }}
              >
                {t('ui.common.reload')}
              </Button>
            )
          }
        />
      )}
      <Form form={form} name={name} layout="vertical" requiredMark="optional" onFinish={submit}>
        {children}
      </Form>
    </Modal>
  );
}
