import { Alert, Form, Input, Select, Space } from 'antd';
import { giftKinds } from '#shared/integrity/schemas.ts';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import type { GiftDetail } from './types.ts';

interface Values {
  recipientId?: string;
  receivedOn: string;
  place: string;
  circumstances: string;
  giverName: string;
  giverPosition?: string;
  giverAgency: string;
  giverAddress?: string;
  relationship: string;
  kind: (typeof giftKinds)[number];
  description: string;
  valueVnd?: number | null;
}

/** The written report of Decree 59 Art. 26(2): the giver, the gift, when, where and how, the relationship. */
export function GiftDialog({
  open,
  onClose,
  onSaved,
  gift,
}: {
  open: boolean;
  onClose(): void;
  onSaved(id: string): void;
  /** The report to correct (PUT); a new report when absent. */
  gift?: GiftDetail;
}) {
  const { t } = useT();
  const { canAnywhere } = useSession();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  // A handler may register a colleague's paper report; picking people needs the users list.
  const onBehalf = !gift && canAnywhere('integrity.handle') && canAnywhere('users.read');
  return (
    <FormModal<Values>
      open={open}
      name="gift"
      title={t(gift ? 'ui.gift.correct' : 'ui.gift.add')}
      form={form}
      initialValues={
        gift
          ? {
              receivedOn: gift.receivedOn,
              place: gift.place,
              circumstances: gift.circumstances,
              giverName: gift.giverName,
              giverPosition: gift.giverPosition ?? undefined,
              giverAgency: gift.giverAgency,
              giverAddress: gift.giverAddress ?? undefined,
              relationship: gift.relationship,
              kind: gift.kind,
              description: gift.description,
              valueVnd: gift.valueVnd,
            }
          : { kind: 'goods' }
      }
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { ...v, valueVnd: v.valueVnd ?? null };
        const out = gift
          ? await api<GiftDetail>('PUT', `/gifts/${gift.id}`, { ...body, version: gift.version })
          : await api<{ id: string }>('POST', '/gifts', { ...body, recipientId: v.recipientId ?? null });
        onClose();
        onSaved(out.id);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(gift ? 'ui.gift.correctHelp' : 'ui.gift.intro')}
      />
      {onBehalf && (
        <Form.Item name="recipientId" label={t('ui.gift.addFor')} extra={t('ui.gift.recipientHelp')}>
          <UserSelect aria-label={t('ui.gift.recipient')} />
        </Form.Item>
      )}
      <Space wrap style={{ width: '100%' }}>
        <Form.Item
          name="receivedOn"
          label={t('ui.gift.receivedOn')}
          {...req}
          extra={gift && !gift.canRedate ? t('ui.integrity.redateByUnit') : undefined}
        >
          <DateInput max={today} aria-label={t('ui.gift.receivedOn')} disabled={!!gift && !gift.canRedate} />
        </Form.Item>
        <Form.Item name="kind" label={t('ui.gift.kind')} {...req}>
          <Select
            style={{ width: 300 }}
            options={giftKinds.map((k) => ({ value: k, label: t(`ui.gift.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="valueVnd"
          label={t('ui.gift.value')}
          // Money is reported at its face value (the server asks for it too): said before sending (rev28).
          {...(kind === 'cash' ? req : {})}
        >
          <NumberInput min={0} step={1000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('ui.gift.description')} {...req}>
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="place" label={t('ui.gift.place')} {...req}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="circumstances" label={t('ui.gift.circumstances')} {...req}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="giverName" label={t('ui.gift.giverName')} {...req}>
          <Input maxLength={200} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="giverPosition" label={t('ui.gift.giverPosition')}>
          <Input maxLength={200} style={{ width: 240 }} />
        </Form.Item>
      </Space>
      <Form.Item name="giverAgency" label={t('ui.gift.giverAgency')} {...req}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="giverAddress" label={t('ui.gift.giverAddress')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="relationship" label={t('ui.gift.relationship')} {...req}>
        <Input maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}
