import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { type UnitContact, UnitContactUpdate } from '#shared/org/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';

type Values = Omit<UnitContactUpdate, 'version'>;
const FIELDS = [
  ['address', 'ui.units.address', 300],
  ['phone', 'ui.units.phone', 30],
  ['email', 'ui.units.email', 254],
  ['receptionPlace', 'ui.units.receptionPlace', 300],
  ['receptionHours', 'ui.units.receptionHours', 500],
  ['headReceptionSchedule', 'ui.units.headReceptionSchedule', 1000],
] as const;

/** Also started by the unit's detail with the unit itself (not after it: issue 17 §24). */
export const contactQuery = (unitId: string) => ({
  queryKey: ['units', 'contact', unitId],
  queryFn: () => get<UnitContact>(`/units/${unitId}/contact`),
});

/** How citizens reach the unit outside Liêm; kept by its administrators and intake officers. */
export function UnitContactCard({ unit }: { unit: { id: string; path: string; status: string } }) {
  const { t } = useT();
  const { message } = App.useApp();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const contact = useQuery(contactQuery(unit.id));
  const edit = unit.status === 'active' && (can('org.manage', unit.path) || can('reports.handle', unit.path));
  const c = contact.data;
  const shown = c ? FIELDS.filter(([name]) => c[name]) : [];
  const any = shown.length > 0 || !!c?.remoteArea;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.units.contact')}</h2>}
      extra={edit && c && <Button onClick={() => setOpen(true)}>{t('ui.common.edit')}</Button>}
      loading={contact.isLoading}
    >
      <Typography.Paragraph type="secondary">{t('ui.units.contactHint')}</Typography.Paragraph>
      {c && !any && <Typography.Paragraph>{t('ui.units.contactNone')}</Typography.Paragraph>}
      {c && any && (
        <Descriptions column={1} size="small" bordered>
          {shown.map(([name, label]) => (
            <Descriptions.Item key={name} label={t(label)}>
              <span style={{ whiteSpace: 'pre-line' }}>{c[name]}</span>
            </Descriptions.Item>
          ))}
          {c.remoteArea && (
            <Descriptions.Item label={t('ui.units.remoteArea')}>
              {t('ui.units.remoteAreaYes')}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {c && (
        <FormModal<Values>
          open={open}
          title={t('ui.units.contact')}
          form={form}
          initialValues={
            {
              ...Object.fromEntries(FIELDS.map(([name]) => [name, c[name] ?? ''])),
              remoteArea: c.remoteArea,
            } as Values
          }
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            await api('PUT', `/units/${unit.id}/contact`, { ...v, version: c.version });
            setOpen(false);
            message.success(t('ui.common.saved'));
            await contact.refetch();
          }}
        >
          {FIELDS.map(([name, label, max]) => (
            <Form.Item
              key={name}
              name={name}
              label={t(label)}
              rules={[zodRule(UnitContactUpdate.shape[name], t)]}
            >
              {max > 300 ? <Input.TextArea rows={2} maxLength={max} /> : <Input maxLength={max} />}
            </Form.Item>
          ))}
          <Form.Item name="remoteArea" valuePropName="checked" extra={t('ui.units.remoteAreaHelp')}>
            <Checkbox disabled={!can('org.manage', unit.path)}>{t('ui.units.remoteArea')}</Checkbox>
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
