import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { DuePeriod } from '#shared/plans/periods.ts';
import { itemStatuses, ProgressBody } from '#shared/plans/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, periodLabel } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { NumberInput } from '#web/components/NumberInput.tsx';
import type { Item, Plan } from './types.ts';

/** A unit reports a task's progress for a period, with evidence. */
export function ProgressDialog({
  plan,
  item,
  onClose,
  onSaved,
}: {
  plan: Plan;
  item: Item | null;
  onClose(): void;
  onSaved(): Promise<unknown>;
}) {
  const { t, lang } = useT();
  const [form] = Form.useForm<{ period: string; status: string; progress: number; result: string }>();
  const [evidence, setEvidence] = useState<string[]>([]);
  // The year's periods under the reporting regime stored on the server (a new circular is a new row there).
  const periodsQuery = useQuery({
    queryKey: ['clocks', 'periods', plan.year],
    queryFn: () => get<Array<DuePeriod & { calendarKnown: boolean }>>(`/clocks/periods?year=${plan.year}`),
    staleTime: 3_600_000,
  });
  const periods = periodsQuery.data ?? [];
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <FormModal
      open={!!item}
      title={`${t('ui.plans.report')}: ${item?.content.slice(0, 60) ?? ''}`}
      form={form}
      initialValues={
        item
          ? {
              status: item.status === 'not_started' ? 'in_progress' : item.status,
              progress: item.progress,
              period: periods.find((x) => x.from <= today && today <= x.to && /Q\d$/.test(x.code))?.code,
            }
          : undefined
      }
      onClose={onClose}
      onSubmit={async (v) => {
        await api('POST', `/plan-items/${item!.id}/progress`, { ...v, evidenceFileIds: evidence });
        setEvidence([]);
        onClose();
        await onSaved();
      }}
    >
      <Form.Item
        name="period"
        label={t('ui.plans.period')}
        rules={[{ required: true, message: t('field.required') }]}
        required
      >
        <Select
          options={periods.map((x) => ({
            value: x.code,
            label: [
              `${periodLabel(t, x.code, lang)} (${formatDate(x.from)} – ${formatDate(x.to)})`,
              x.unitDueOn ? t('ui.plans.periodDue', { date: formatDate(x.unitDueOn) }) : null,
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('ui.common.status')} required>
        <Select options={itemStatuses.map((s) => ({ value: s, label: t(`ui.plans.item.${s}`) }))} />
      </Form.Item>
      <Form.Item
        name="progress"
        label={`${t('ui.plans.progress')} (%)`}
        rules={[zodRule(ProgressBody.shape.progress, t)]}
        required
      >
        <NumberInput min={0} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="result"
        label={t('ui.plans.result')}
        rules={[zodRule(ProgressBody.shape.result, t)]}
        required
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item label={t('ui.plans.evidence')}>
        <FileUpload unitId={plan.unitId} multiple onUploaded={(id) => setEvidence((e) => [...e, id])} />
      </Form.Item>
    </FormModal>
  );
}
