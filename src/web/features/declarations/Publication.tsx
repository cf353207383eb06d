import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Radio, Space, Table } from 'antd';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type { PublicationListItem } from '#shared/declarations/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';

type Values = {
  method: 'posting' | 'meeting';
  startedOn: string;
  place: string;
  attendeesCalled?: number;
  attendeesPresent?: number;
  questions?: string;
};

/** Publishes the chosen declarations at the workplace: posted 15 days, or read at a meeting (≥ 2/3). */
export function PublishModal({ ids, open, onClose }: { ids: string[]; open: boolean; onClose(): void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const method = Form.useWatch('method', form);
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <FormModal
      open={open}
      name="publish"
      title={t('ui.pub.title', { n: ids.length })}
      form={form}
      initialValues={{ method: 'posting', startedOn: today }}
      onClose={onClose}
      onSubmit={async (v) => {
        const made = await api<{ id: string }>('POST', '/declaration-publications', { ...v, ids });
        onClose();
        await qc.invalidateQueries({ queryKey: ['declarations'] });
        await qc.invalidateQueries({ queryKey: ['declaration-publications'] });
        window.open(`/api/declaration-publications/${made.id}/docx`, '_blank');
      }}
    >
      <Form.Item
        name="method"
        label={t('ui.pub.method')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Radio.Group
          options={[
            { value: 'posting', label: t('ui.pub.method.posting') },
            { value: 'meeting', label: t('ui.pub.method.meeting') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="startedOn"
        label={t('ui.pub.startedOn')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <DateInput max={today} />
      </Form.Item>
      <Form.Item
        name="place"
        label={t('ui.pub.place')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      {method === 'meeting' && (
        <>
          <Form.Item
            name="attendeesCalled"
            label={t('ui.pub.called')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <NumberInput min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="attendeesPresent"
            label={t('ui.pub.present')}
            extra={t('ui.pub.presentHelp')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <NumberInput min={0} max={10000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="questions" label={t('ui.pub.questions')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** The unit's publications with their minutes (Word) to print. */
export function Publications() {
  const { t } = useT();
  const { canAnywhere } = useSession();
  // The copies are the publishing unit's to print (the control agency reads the record only).
  const officer = canAnywhere('declarations.receive');
  const list = useQuery({
    queryKey: ['declaration-publications'],
    queryFn: () => get<Array<z.infer<typeof PublicationListItem>>>('/declaration-publications'),
  });
  if (!list.data?.length) return null;
  return (
    <section style={{ marginTop: 32 }} aria-label={t('ui.pub.list')}>
      <h2>{t('ui.pub.list')}</h2>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={list.data}
        columns={[
          { dataIndex: 'unitName', title: t('ui.common.unit') },
          { dataIndex: 'year', title: t('ui.decl.year') },
          {
            dataIndex: 'method',
            title: t('ui.pub.method'),
            render: (m: 'posting' | 'meeting') => t(`ui.pub.method.${m}`),
          },
          {
            key: 'when',
            title: t('ui.pub.when'),
            render: (_, p) =>
              p.method === 'posting'
                ? `${formatDate(p.startedOn)} – ${formatDate(p.endsOn)}`
                : formatDate(p.startedOn),
          },
          { dataIndex: 'place', title: t('ui.pub.place') },
          { dataIndex: 'declarations', title: t('ui.pub.count') },
          {
            key: 'docx',
            title: '',
            render: (_, p) => (
              <Space size="middle" wrap>
                <a href={`/api/declaration-publications/${p.id}/docx`} download>
                  {t('ui.pub.minutes')}
                </a>
                {officer && (
                  <a href={`/api/declaration-publications/${p.id}/copies?format=pdf`} download>
                    {t('ui.pub.copies')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
    </section>
  );
}
