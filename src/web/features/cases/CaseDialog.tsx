import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { caseKinds, caseSources } from '#shared/cases/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { PersonFields } from './PersonFields.tsx';

interface Values {
  unitId: string;
  subjectUnitId?: string;
  subjectName?: string;
  title: string;
  summary?: string;
  kind: 'corruption' | 'retaliation';
  source: string;
  inspectionId?: string;
  detectedOn: string;
  damageVnd?: number;
  persons?: Array<Record<string, unknown>>;
  recoveryFrom?: string[];
}

/** A case opened in the register: where it happened, how it was found, the persons known so far. */
export function CaseDialog({
  open,
  initial,
  recoveryOptions,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial?: Partial<Values>;
  /** Opened from a conclusion: its recovery recommendations, to carry into the case's ledger. */
  recoveryOptions?: Array<{ value: string; label: string }>;
  onClose(): void;
  onSaved(id: string): Promise<unknown> | undefined;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  return (
    <FormModal<Values>
      open={open}
      name="case"
      title={t('ui.case.add')}
      form={form}
      initialValues={{ kind: 'corruption', source: 'inspection', ...initial }}
      onClose={onClose}
      onSubmit={async (v) => {
        const out = await api<{ id: string }>('POST', '/cases', {
          ...v,
          subjectUnitId: v.subjectUnitId ?? null,
          subjectName: v.subjectName || null,
          inspectionId: v.inspectionId || null,
          summary: v.summary || null,
          persons: (v.persons ?? []).map((p) => ({ ...p, unitId: p.unitId ?? null })),
        });
        onClose();
        await onSaved(out.id);
      }}
    >
      <Form.Item name="unitId" label={t('ui.case.handler')} {...req}>
        <UnitSelect aria-label={t('ui.case.handler')} />
      </Form.Item>
      <Form.Item name="title" label={t('ui.case.titleField')} {...req}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t('ui.case.kind')} {...req}>
          <Select
            style={{ width: 260 }}
            options={caseKinds.map((k) => ({ value: k, label: t(`ui.case.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('ui.case.source')} {...req}>
          <Select
            style={{ width: 260 }}
            options={caseSources.map((s) => ({ value: s, label: t(`ui.case.source.${s}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item noStyle shouldUpdate={(a, b) => a.source !== b.source}>
        {({ getFieldValue }) =>
          getFieldValue('source') === 'inspection' && (
            <Form.Item name="inspectionId" label={t('ui.case.inspection')} {...req}>
              <InspectionSelect />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="subjectUnitId" label={t('ui.case.subjectUnit')}>
        <UnitSelect aria-label={t('ui.case.subjectUnit')} />
      </Form.Item>
      <Form.Item name="subjectName" label={t('ui.case.subjectName')}>
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="detectedOn" label={t('ui.case.detectedOn')} {...req}>
          <DateInput />
        </Form.Item>
        <Form.Item name="damageVnd" label={t('ui.case.damage')}>
          <NumberInput
            min={0}
            step={1_000_000}
            style={{ width: 220 }}
            placeholder={t('ui.case.damageUnknown')}
          />
        </Form.Item>
      </Space>
      <Form.Item name="summary" label={t('ui.case.summary')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {recoveryOptions && recoveryOptions.length > 0 && (
        <Form.Item
          name="recoveryFrom"
          label={t('ui.case.recoveryFrom')}
          extra={t('ui.case.recoveryFromHint')}
        >
          <Checkbox.Group options={recoveryOptions} style={{ display: 'grid', gap: 4 }} />
        </Form.Item>
      )}
      <Form.List name="persons">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={`${t('ui.case.person.fullName')} ${n + 1}`}
                extra={
                  <Button
                    type="text"
                    aria-label={t('ui.common.delete')}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                }
              >
                <PersonFields prefix={[f.name]} />
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              {t('ui.case.addPerson')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** The inspectorate's inspections, by conclusion number and title. */
function InspectionSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useT();
  const q = useQuery({
    queryKey: ['inspections', 'for-case'],
    queryFn: () =>
      get<{ items: Array<{ id: string; title: string; conclusionNo: string | null }> }>(
        '/inspections?pageSize=200',
      ),
  });
  return (
    <Select
      {...props}
      aria-label={t('ui.case.inspection')}
      showSearch
      optionFilterProp="label"
      loading={q.isLoading}
      options={(q.data?.items ?? []).map((i) => ({
        value: i.id,
        label: i.conclusionNo ? `${i.conclusionNo} — ${i.title}` : i.title,
      }))}
    />
  );
}
