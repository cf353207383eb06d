import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import type { Assignment, RotationPosition } from './types.ts';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** What a position held says, entered when it is recorded and when it is corrected. */
export function AssignmentFields({
  positions,
  nameFromAccount = false,
}: {
  positions: RotationPosition[];
  /** The holder has an account: the name is theirs, corrected on the Users page. */
  nameFromAccount?: boolean;
}) {
  const { t, lang } = useT();
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  return (
    <>
      <Form.Item
        name="personName"
        label={t('ui.rot.personName')}
        {...req}
        extra={nameFromAccount ? t('field.name_from_account') : undefined}
      >
        <Input maxLength={200} disabled={nameFromAccount} />
      </Form.Item>
      <Form.Item name="positionCode" label={t('ui.rot.position')} {...req}>
        <Select
          options={positions.map((p) => ({
            value: p.code,
            label: `${lang === 'en' ? p.nameEn : p.nameVi} (${t('ui.rot.periodShort', { n: p.periodYears })})`,
          }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="assignedOn" label={t('ui.rot.assignedOn')} {...req}>
          <DateInput max={today()} aria-label={t('ui.rot.assignedOn')} />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('ui.rot.decisionNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="probationMonths" label={t('ui.rot.probation')}>
          <NumberInput min={0} max={24} precision={0} />
        </Form.Item>
        <Form.Item name="retiresOn" label={t('ui.rot.retiresOn')}>
          <DateInput aria-label={t('ui.rot.retiresOn')} />
        </Form.Item>
      </Space>
    </>
  );
}

/**
 * One position held, opened from its row: what it says, its deferrals and how it ended; its keeper
 * corrects it, records why it is not rotated yet, or ends it (rev20 P4: a row opened nothing).
 */
export function AssignmentDialogs({
  dialog,
  id,
  positions,
  open,
  close,
}: {
  dialog: string | undefined;
  id: string | undefined;
  positions: RotationPosition[];
  open(dialog: 'assignment' | 'correct' | 'end' | 'defer', id: string): void;
  close(): void;
}) {
  const { t } = useT();
  const qc = useQueryClient();
  const [correctForm] = Form.useForm();
  const [endForm] = Form.useForm();
  const shown = !!id && (dialog === 'assignment' || dialog === 'correct' || dialog === 'end');
  const q = useQuery({
    queryKey: ['rotation', 'assignment', id],
    queryFn: () => get<Assignment>(`/rotation/assignments/${id}`),
    enabled: shown,
  });
  const a = q.data?.id === id ? q.data : undefined;
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const saved = async () => {
    await qc.invalidateQueries({ queryKey: ['rotation'] });
    open('assignment', id!);
  };
  const active = a && !a.endedOn;
  return (
    <>
      <Modal
        open={dialog === 'assignment' && !!a}
        title={a ? `${a.personName} — ${a.positionName}` : ''}
        onCancel={close}
        footer={
          a?.canChange && active ? (
            <Space wrap>
              <Button onClick={() => open('defer', a.id)}>{t('ui.rot.defer')}</Button>
              <Button onClick={() => open('end', a.id)}>{t('ui.rot.end')}</Button>
              <Button type="primary" onClick={() => open('correct', a.id)}>
                {t('ui.rot.correct')}
              </Button>
            </Space>
          ) : null
        }
      >
        {a && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('ui.common.unit')}>{a.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.rot.position')}>
              {a.positionName} ({t('ui.rot.periodShort', { n: a.periodYears })})
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.rot.assignedOn')}>
              {formatDate(a.assignedOn)}
              {a.decisionNo ? ` — ${a.decisionNo}` : ''}
            </Descriptions.Item>
            {a.probationMonths > 0 && (
              <Descriptions.Item label={t('ui.rot.probation')}>{a.probationMonths}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('ui.rot.dueOn')}>{formatDate(a.dueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.rot.months')}>{a.monthsInPosition}</Descriptions.Item>
            {a.retiresOn && (
              <Descriptions.Item label={t('ui.rot.retiresOn')}>{formatDate(a.retiresOn)}</Descriptions.Item>
            )}
            {a.deferrals.map((d) => (
              <Descriptions.Item key={d.id} label={t('ui.rot.reason')}>
                {t(`ui.rot.reason.${d.reason}`)}: {formatDate(d.from)}
                {d.until ? ` – ${formatDate(d.until)}` : ''}
                {d.note ? ` (${d.note})` : ''}
              </Descriptions.Item>
            ))}
            {a.endedOn && (
              <Descriptions.Item label={t('ui.rot.endedOn')}>
                {formatDate(a.endedOn)} — {t(a.rotated ? 'ui.rot.rotated' : 'ui.rot.leftOther')}
                {a.endDecisionNo ? ` — ${a.endDecisionNo}` : ''}
                {a.endNote ? ` (${a.endNote})` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Modal>
      {a && (
        <FormModal
          open={dialog === 'correct'}
          name="correct"
          title={t('ui.rot.correct')}
          form={correctForm}
          initialValues={{
            personName: a.personName,
            positionCode: a.positionCode,
            assignedOn: a.assignedOn,
            decisionNo: a.decisionNo ?? undefined,
            probationMonths: a.probationMonths,
            retiresOn: a.retiresOn ?? undefined,
          }}
          onClose={() => open('assignment', a.id)}
          onSubmit={async (v) => {
            await api('PUT', `/rotation/assignments/${a.id}`, {
              ...v,
              decisionNo: v.decisionNo || null,
              retiresOn: v.retiresOn || null,
              version: a.version,
            });
            await saved();
          }}
        >
          <AssignmentFields positions={positions} nameFromAccount={!!a.userId} />
        </FormModal>
      )}
      {a && (
        <FormModal
          open={dialog === 'end'}
          name="end"
          title={t('ui.rot.end')}
          form={endForm}
          initialValues={{ endedOn: today(), rotated: true }}
          onClose={() => open('assignment', a.id)}
          onSubmit={async (v) => {
            await api('POST', `/rotation/assignments/${a.id}/end`, { ...v, version: a.version });
            await saved();
          }}
        >
          <Form.Item name="rotated" label={t('ui.rot.howEnded')} {...req}>
            <Radio.Group
              options={[
                { value: true, label: t('ui.rot.rotated') },
                { value: false, label: t('ui.rot.leftOther') },
              ]}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="endedOn" label={t('ui.rot.endedOn')} {...req}>
              <DateInput max={today()} aria-label={t('ui.rot.endedOn')} />
            </Form.Item>
            <Form.Item name="decisionNo" label={t('ui.rot.decisionNo')}>
              <Input maxLength={60} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('ui.rot.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
