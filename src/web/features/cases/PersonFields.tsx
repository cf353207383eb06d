import { Form, Input, Select, Space } from 'antd';
import { criminalStatuses, disciplineForms } from '#shared/cases/schemas.ts';
import { useT } from '#web/app/i18n.ts';
import { UnitSelect } from '#web/components/UnitSelect.tsx';

/** A person of a case and their handling; `prefix` places the fields inside a form list. */
export function PersonFields({ prefix = [] }: { prefix?: Array<string | number> }) {
  const { t } = useT();
  const at = (f: string) => [...prefix, f];
  return (
    <>
      <Form.Item
        name={at('fullName')}
        label={t('ui.case.person.fullName')}
        rules={[{ required: true, message: t('field.required') }]}
        required
      >
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name={at('position')} label={t('ui.case.person.position')}>
          <Input maxLength={200} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name={at('rank')} label={t('ui.case.person.rank')}>
          <Input maxLength={100} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name={at('sector')} label={t('ui.case.person.sector')}>
          <Input maxLength={200} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name={at('unitId')} label={t('ui.case.person.unit')}>
        <UnitSelect aria-label={t('ui.case.person.unit')} />
      </Form.Item>
      <Space wrap>
        <Form.Item name={at('disciplineForm')} label={t('ui.case.person.discipline')}>
          <Select
            allowClear
            style={{ width: 200 }}
            options={disciplineForms.map((d) => ({ value: d, label: t(`ui.case.discipline.${d}`) }))}
          />
        </Form.Item>
        <Form.Item name={at('criminal')} label={t('ui.case.person.criminal')}>
          <Select
            allowClear
            style={{ width: 220 }}
            options={criminalStatuses.map((c) => ({ value: c, label: t(`ui.case.criminal.${c}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name={at('administrative')} label={t('ui.case.person.administrative')}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}
