import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface.js';
import { useState } from 'react';
import { formatReceipt } from '#shared/reports/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatNumber } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { applyServerErrors } from '#web/components/forms.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';

interface Route {
  homeUnitName: string;
  own: { unitName: string } | null;
  superior: { unitName: string } | null;
  heads: boolean;
}
interface Category {
  code: string;
  nameVi: string;
  nameEn: string;
}
interface Values {
  headInvolved: boolean;
  categoryCode: string;
  content: { title: string; description: string; officials?: string; when?: string; where?: string };
  named: boolean;
  phone?: string;
  consent?: boolean;
}

/**
 * An official reports corruption in their own unit (Law 36/2018 Art. 66): sealed like a citizen's report,
 * received by the head's desk or, when the head is involved, the superior's; followed with the receipt on
 * the portal. Nothing the official's account shows keeps a trace of it.
 */
export default function InternalReportPage() {
  const { t, lang } = useT();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ number: string; receipt: string; receivedBy: string } | null>(null);
  const route = useQuery({
    queryKey: ['internal-report-route'],
    queryFn: () => get<Route>('/internal-reports/route'),
  });
  const categories = useQuery({
    queryKey: ['report-categories'],
    queryFn: () => get<Category[]>('/report-categories'),
  });
  const named = Form.useWatch('named', form);
  const r = route.data;
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };

  const submit = async (v: Values) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.set('headInvolved', String(v.headInvolved));
    body.set('categoryCode', v.categoryCode);
    body.set('named', String(v.named));
    if (v.named) {
      body.set('consent', String(!!v.consent));
      if (v.phone) body.set('phone', v.phone);
    }
    for (const [k, value] of Object.entries(v.content)) if (value) body.set(k, value);
    for (const f of files) if (f.originFileObj) body.append('files', f.originFileObj, f.name);
    try {
      setSent(await api('POST', '/internal-reports', body));
      form.resetFields();
      setFiles([]);
    } catch (e) {
      // The form's content fields are sent flat; the server names them under `content`.
      setError(applyServerErrors(form, e, t));
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return (
      <>
        <PageHeader title={t('ui.internalReport.title')} />
        <Result
          status="success"
          title={t('ui.internalReport.sent', { number: sent.number, unit: sent.receivedBy })}
          subTitle={t('ui.internalReport.receiptHelp')}
          extra={[
            <Typography.Paragraph
              key="r"
              copyable={{ text: sent.receipt }}
              style={{ fontSize: 24, fontFamily: 'monospace' }}
            >
              {formatReceipt(sent.receipt)}
            </Typography.Paragraph>,
            <Button key="f" href="/follow-up" target="_blank" rel="noopener">
              {t('ui.internalReport.followUp')}
            </Button>,
            <Button key="n" onClick={() => setSent(null)}>
              {t('ui.internalReport.another')}
            </Button>,
          ]}
        />
      </>
    );

  return (
    <>
      <PageHeader title={t('ui.internalReport.title')} />
      <QueryState isLoading={route.isLoading} error={route.error} onRetry={() => route.refetch()}>
        {r && (
          <Card style={{ maxWidth: 860 }}>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('ui.internalReport.intro')} />
            {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
            <Form<Values>
              form={form}
              name="internal-report"
              layout="vertical"
              requiredMark="optional"
              initialValues={{ headInvolved: r.heads || !r.own, named: true }}
              onFinish={submit}
            >
              <Form.Item
                name="headInvolved"
                label={t('ui.internalReport.to')}
                extra={r.heads ? t('ui.internalReport.youHead') : undefined}
                {...req}
              >
                <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  <Radio value={false} disabled={r.heads || !r.own}>
                    {t('ui.internalReport.toOwn', { home: r.homeUnitName, unit: r.own?.unitName ?? '—' })}
                    {!r.own && !r.heads && ` — ${t('ui.internalReport.noDesk')}`}
                  </Radio>
                  <Radio value={true} disabled={!r.superior}>
                    {t('ui.internalReport.toSuperior', { unit: r.superior?.unitName ?? '—' })}
                    {!r.superior && ` — ${t('ui.internalReport.noDesk')}`}
                  </Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="categoryCode" label={t('ui.reports.filter.categoryCode')} {...req}>
                <Select
                  loading={categories.isLoading}
                  style={{ maxWidth: 420 }}
                  options={(categories.data ?? []).map((c) => ({
                    value: c.code,
                    label: lang === 'en' ? c.nameEn : c.nameVi,
                  }))}
                />
              </Form.Item>
              <Form.Item name={['content', 'title']} label={t('ui.internalReport.what')} {...req}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name={['content', 'description']}
                label={t('ui.internalReport.description')}
                {...req}
              >
                <Input.TextArea
                  rows={6}
                  maxLength={20_000}
                  showCount={{
                    formatter: ({ count, maxLength }) =>
                      `${formatNumber(count, lang)} / ${formatNumber(maxLength ?? 20_000, lang)}`,
                  }}
                />
              </Form.Item>
              <Form.Item name={['content', 'officials']} label={t('ui.internalReport.officials')}>
                <Input maxLength={2000} />
              </Form.Item>
              <Form.Item name={['content', 'when']} label={t('ui.reports.when')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={['content', 'where']} label={t('ui.reports.where')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item label={t('ui.internalReport.files')} extra={t('ui.internalReport.filesHelp')}>
                <Upload
                  multiple
                  fileList={files}
                  beforeUpload={() => false}
                  onChange={(e) => setFiles(e.fileList.slice(0, 10))}
                >
                  <Button>{t('ui.internalReport.addFiles')}</Button>
                </Upload>
              </Form.Item>
              <Form.Item name="named" label={t('ui.internalReport.who')} {...req}>
                <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  <Radio value={true}>{t('ui.internalReport.named')}</Radio>
                  <Radio value={false}>{t('ui.internalReport.anonymous')}</Radio>
                </Radio.Group>
              </Form.Item>
              {named && (
                <>
                  <Form.Item name="phone" label={t('ui.reports.phone')}>
                    <Input inputMode="tel" maxLength={20} style={{ maxWidth: 240 }} />
                  </Form.Item>
                  <Form.Item
                    name="consent"
                    valuePropName="checked"
                    rules={[
                      {
                        validator: (_r, v) =>
                          v ? Promise.resolve() : Promise.reject(new Error(t('field.consent_required'))),
                      },
                    ]}
                  >
                    <Checkbox>{t('ui.internalReport.consent')}</Checkbox>
                  </Form.Item>
                </>
              )}
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('ui.internalReport.send')}
              </Button>
            </Form>
          </Card>
        )}
      </QueryState>
    </>
  );
}
