import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { UnitCreate, unitTypes } from '#shared/org/schemas.ts';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import type { Unit } from './types.ts';

interface Values {
  code: string;
  name: string;
  shortName?: string;
  type: string;
  parentId?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Create (with a parent) or edit a unit; editing sends the version read, so a concurrent change is caught. */
export function UnitForm({
  open,
  unit,
  defaultParentId,
  onClose,
  onSaved,
}: {
  open: boolean;
  unit?: Unit;
  defaultParentId?: string;
  onClose(): void;
  onSaved(u: Unit): void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const initialValues = useMemo<Partial<Values>>(
    () =>
      unit
        ? {
            code: unit.code,
            name: unit.name,
            shortName: unit.shortName ?? undefined,
            type: unit.type,
            validFrom: unit.validFrom ? dayjs(unit.validFrom) : null,
            validTo: unit.validTo ? dayjs(unit.validTo) : null,
          }
        : { type: 'sub_unit', parentId: defaultParentId },
    [unit, defaultParentId],
  );
  return (
    <FormModal<Values>
      open={open}
      title={t(unit ? 'ui.units.edit' : 'ui.units.create')}
      form={form}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = {
          code: v.code,
          name: v.name,
          shortName: v.shortName ?? null,
          type: v.type,
          validFrom: day(v.validFrom),
          validTo: day(v.validTo),
        };
        const saved = unit
          ? await api<Unit>('PATCH', `/units/${unit.id}`, { ...body, version: unit.version })
          : await api<Unit>('POST', '/units', { ...body, parentId: v.parentId });
        onSaved(saved);
      }}
    >
      <Form.Item name="code" label={t('ui.common.code')} rules={[zodRule(UnitCreate.shape.code, t)]} required>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('ui.common.name')} rules={[zodRule(UnitCreate.shape.name, t)]} required>
        <Input />
      </Form.Item>
      <Form.Item name="shortName" label={t('ui.units.shortName')}>
        <Input />
      </Form.Item>
      <Form.Item name="type" label={t('ui.units.type')} required>
        <Select options={unitTypes.map((v) => ({ value: v, label: t(`unitType.${v}`) }))} />
      </Form.Item>
      {!unit && (
        <Form.Item
          name="parentId"
          label={t('ui.units.parent')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.units.parent')} />
        </Form.Item>
      )}
      <Form.Item name="validFrom" label={t('ui.units.validFrom')}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="validTo" label={t('ui.units.validTo')}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
