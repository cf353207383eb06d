import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { recommendationKinds } from '#shared/inspections/schemas.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';

/** The recommendations of a conclusion or of another source's document, one card each (Form.List). */
export function RecommendationFields() {
  const { t } = useT();
  return (
    <Form.List name="recommendations">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, n) => (
            <Card
              key={f.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={`${t('ui.rec.one')} ${n + 1}`}
              extra={
                <Button
                  type="text"
                  aria-label={t('ui.common.delete')}
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(f.name)}
                />
              }
            >
              <Space wrap>
                <Form.Item
                  name={[f.name, 'kind']}
                  label={t('ui.rec.kind')}
                  rules={[{ required: true, message: t('field.required') }]}
                  required
                >
                  <Select
                    style={{ width: 230 }}
                    options={recommendationKinds.map((k) => ({
                      value: k,
                      label: t(`ui.rec.kind.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'dueOn']}
                  label={t('ui.rec.dueOn')}
                  rules={[{ required: true, message: t('field.required') }]}
                  required
                >
                  <DateInput />
                </Form.Item>
                <Form.Item name={[f.name, 'amountVnd']} label={t('ui.rec.amount')}>
                  <NumberInput min={0} step={1_000_000} style={{ width: 200 }} />
                </Form.Item>
              </Space>
              <Form.Item
                name={[f.name, 'content']}
                label={t('ui.rec.content')}
                rules={[{ required: true, message: t('field.required') }]}
                required
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name={[f.name, 'ownerUnitId']} label={t('ui.rec.ownerUnit')}>
                <UnitSelect aria-label={t('ui.rec.ownerUnit')} />
              </Form.Item>
              <Space wrap>
                <Form.Item name={[f.name, 'ownerOutside']} label={t('ui.rec.ownerOutside')}>
                  <Input maxLength={300} style={{ width: 300 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'ownerContact']} label={t('ui.rec.ownerContact')}>
                  <Input maxLength={300} style={{ width: 220 }} />
                </Form.Item>
              </Space>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})}>
            {t('ui.rec.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The form's recommendations as the API takes them (empty fields sent as null). */
export const recommendationBodies = (list: Array<Record<string, unknown>> | undefined) =>
  (list ?? []).map((r) => ({
    ...r,
    ownerUnitId: r.ownerUnitId ?? null,
    ownerOutside: r.ownerOutside || null,
    ownerContact: r.ownerContact || null,
    amountVnd: r.amountVnd ?? null,
  }));
