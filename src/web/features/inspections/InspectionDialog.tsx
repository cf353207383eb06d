import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { api, get } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import type { PageOf } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import type { Inspection } from './types.ts';

interface Values {
  unitId: string;
  subjectUnitId?: string;
  subjectName?: string;
  title: string;
  periodFrom?: string | null;
  periodTo?: string | null;
  quarter?: number;
  teamSize?: number;
  legalGround?: string;
  reason?: string;
  followUpOf?: string;
}

/**
 * An inspection added to a plan (its quarter; a reason once the plan is approved) or ad hoc (its legal
 * ground). The inspectorate is the plan's, or chosen.
 */
export function InspectionDialog({
  open,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  plan?: { id: string; unitId: string; status: 'draft' | 'approved' };
  onClose(): void;
  onSaved(id: string): Promise<unknown> | undefined;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  // A follow-up re-checks what a concluded inspection recommended (issue 19).
  const concluded = useQuery({
    queryKey: ['inspections', 'concluded'],
    queryFn: async () =>
      (
        await Promise.all(
          (['concluded', 'directed'] as const).map((s) =>
            get<PageOf<Inspection>>(`/inspections?status=${s}&pageSize=100`),
          ),
        )
      ).flatMap((p) => p.items),
    enabled: open,
  });
  return (
    <FormModal<Values>
      open={open}
      name="inspection"
      title={t('ui.insp.add')}
      form={form}
      initialValues={plan ? { unitId: plan.unitId } : {}}
      onClose={onClose}
      onSubmit={async (v) => {
        const out = await api<{ id: string }>('POST', '/inspections', {
          ...v,
          // From a plan the inspectorate is the plan's: no field holds it (the form sends only its fields).
          unitId: plan?.unitId ?? v.unitId,
          planId: plan?.id ?? null,
          periodFrom: v.periodFrom || null,
          periodTo: v.periodTo || null,
          followUpOf: v.followUpOf ?? null,
        });
        onClose();
        await onSaved(out.id);
      }}
    >
      {!plan && (
        <Form.Item
          name="unitId"
          label={t('ui.insp.inspectorate')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.insp.inspectorate')} />
        </Form.Item>
      )}
      <Form.Item name="followUpOf" label={t('ui.insp.followUpOf')}>
        <Select
          allowClear
          placeholder={t('ui.insp.followUpNone')}
          loading={concluded.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(concluded.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.conclusionNo ?? ''} — ${i.title}`,
          }))}
          onChange={(id?: string) => {
            const earlier = concluded.data?.find((i) => i.id === id);
            // The subject is the earlier one's, unless already chosen.
            if (earlier && !form.getFieldValue('subjectUnitId') && !form.getFieldValue('subjectName'))
              form.setFieldsValue({
                subjectUnitId: earlier.subjectUnitId ?? undefined,
                subjectName: earlier.subjectUnitId ? undefined : (earlier.subjectName ?? undefined),
              });
          }}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('ui.insp.titleField')}
        rules={[{ required: true, message: t('field.required') }]}
        required
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="subjectUnitId" label={t('ui.insp.subjectUnit')}>
        <UnitSelect aria-label={t('ui.insp.subjectUnit')} />
      </Form.Item>
      <Form.Item name="subjectName" label={t('ui.insp.subjectName')}>
        <Input maxLength={300} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="periodFrom" label={t('ui.insp.periodFrom')} style={{ minWidth: 180 }}>
          <DateInput />
        </Form.Item>
        <Form.Item name="periodTo" label={t('ui.insp.periodTo')} style={{ minWidth: 180 }}>
          <DateInput />
        </Form.Item>
        {plan && (
          <Form.Item name="quarter" label={t('ui.insp.quarter')}>
            <Select
              style={{ width: 100 }}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="teamSize" label={t('ui.insp.teamSize')}>
          <NumberInput min={1} max={50} />
        </Form.Item>
      </div>
      {!plan && (
        <Form.Item name="legalGround" label={t('ui.insp.legalGround')} required>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
      {plan?.status === 'approved' && (
        <Form.Item name="reason" label={t('ui.insp.reason')} required>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </FormModal>
  );
}
