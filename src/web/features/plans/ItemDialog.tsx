import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ItemCreate, recurrences } from '#shared/plans/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import type { Group, Item, Plan } from './types.ts';

interface ItemValues {
  groupCode: string;
  content: string;
  parentId?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadline?: Dayjs | null;
  recurrence?: string;
  expectedOutput?: string;
}

/** Adds a task to a draft plan, or edits one. */
export function ItemDialog({
  plan,
  items,
  editing,
  onClose,
  onSaved,
}: {
  plan: Plan;
  items: Item[];
  editing: Item | 'new' | null;
  onClose(): void;
  onSaved(): Promise<unknown>;
}) {
  const { t, lang } = useT();
  const [form] = Form.useForm<ItemValues>();
  const groups = useQuery({
    queryKey: ['plan-groups'],
    queryFn: () => get<Group[]>('/plan-groups'),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: !!editing,
  });
  return (
    <FormModal<ItemValues>
      open={!!editing}
      title={t(editing === 'new' ? 'ui.plans.addItem' : 'ui.plans.editItem')}
      form={form}
      initialValues={
        editing && editing !== 'new'
          ? {
              ...editing,
              parentId: editing.parentId ?? undefined,
              leadUnitId: editing.leadUnitId ?? undefined,
              deadline: editing.deadline ? dayjs(editing.deadline) : null,
              recurrence: editing.recurrence ?? undefined,
              expectedOutput: editing.expectedOutput ?? undefined,
            }
          : { coUnitIds: [] }
      }
      onClose={onClose}
      onSubmit={async (v) => {
        const body = {
          ...v,
          parentId: v.parentId ?? null,
          leadUnitId: v.leadUnitId ?? null,
          coUnitIds: v.coUnitIds ?? [],
          deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
          recurrence: v.recurrence ?? null,
          expectedOutput: v.expectedOutput ?? null,
        };
        if (editing === 'new') await api('POST', `/plans/${plan.id}/items`, body);
        else await api('PATCH', `/plan-items/${(editing as Item).id}`, body);
        onClose();
        await onSaved();
      }}
    >
      <Form.Item
        name="groupCode"
        label={t('ui.plans.group')}
        rules={[{ required: true, message: t('field.required') }]}
        required
      >
        <Select
          options={(groups.data ?? []).map((g) => ({
            value: g.code,
            label: lang === 'en' ? g.nameEn : g.nameVi,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('ui.plans.content')}
        rules={[zodRule(ItemCreate.shape.content, t)]}
        required
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="parentId" label={t('ui.plans.parent')}>
        <Select
          allowClear
          options={items
            .filter((i) => editing === 'new' || i.id !== (editing as Item | null)?.id)
            .map((i) => ({ value: i.id, label: i.content.slice(0, 80) }))}
        />
      </Form.Item>
      <Form.Item name="leadUnitId" label={t('ui.plans.lead')}>
        <UnitSelect aria-label={t('ui.plans.lead')} />
      </Form.Item>
      <Form.Item name="coUnitIds" label={t('ui.plans.co')}>
        <UnitSelect multiple aria-label={t('ui.plans.co')} />
      </Form.Item>
      <Form.Item name="deadline" label={t('ui.plans.deadline')}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="recurrence" label={t('ui.plans.recurrence')}>
        <Select allowClear options={recurrences.map((r) => ({ value: r, label: t(`ui.plans.rec.${r}`) }))} />
      </Form.Item>
      <Form.Item name="expectedOutput" label={t('ui.plans.expectedOutput')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
