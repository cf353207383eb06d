import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { conflictMeasures, conflictReporters, conflictSituations } from '#shared/integrity/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import type { ConflictDetail } from './types.ts';

interface Values {
  reporter: (typeof conflictReporters)[number];
  personId?: string;
  situation: (typeof conflictSituations)[number];
  task: string;
  description: string;
  arisenOn: string;
  impact: string;
  proposedMeasure?: (typeof conflictMeasures)[number];
}

/** The written report of Decree 59 Art. 30: the situation, when it arose, its impact, a proposed measure. */
export function ConflictDialog({
  open,
  onClose,
  onSaved,
  conflict,
}: {
  open: boolean;
  onClose(): void;
  onSaved(id: string): void;
  /** The report to correct (PUT): who and by whom stay as reported. A new report when absent. */
  conflict?: ConflictDetail;
}) {
  const { t } = useT();
  const { canAnywhere } = useSession();
  const [form] = Form.useForm<Values>();
  const reporter = Form.useWatch('reporter', form);
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  // Any official may report a colleague of their unit (picked from its people); a head (a handler) may
  // also report what they detected, naming anyone of the users list.
  const reporters = conflictReporters.filter(
    (r) => r !== 'head' || (canAnywhere('users.read') && canAnywhere('integrity.handle')),
  );
  return (
    <FormModal<Values>
      open={open}
      name="conflict"
      title={t(conflict ? 'ui.conflict.correct' : 'ui.conflict.add')}
      form={form}
      initialValues={
        conflict
          ? {
              situation: conflict.situation,
              task: conflict.task,
              description: conflict.description,
              arisenOn: conflict.arisenOn,
              impact: conflict.impact,
              proposedMeasure: conflict.proposedMeasure ?? undefined,
            }
          : { reporter: 'self' }
      }
      onClose={onClose}
      onSubmit={async (v) => {
        const proposedMeasure = v.proposedMeasure ?? null;
        const out = conflict
          ? await api<ConflictDetail>('PUT', `/conflicts/${conflict.id}`, {
              situation: v.situation,
              task: v.task,
              description: v.description,
              arisenOn: v.arisenOn,
              impact: v.impact,
              proposedMeasure,
              version: conflict.version,
            })
          : await api<{ id: string }>('POST', '/conflicts', {
              ...v,
              personId: v.reporter === 'self' ? null : (v.personId ?? null),
              proposedMeasure,
            });
        onClose();
        onSaved(out.id);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(conflict ? 'ui.conflict.correctHelp' : 'ui.conflict.intro')}
      />
      {!conflict && (
        <Form.Item name="reporter" label={t('ui.conflict.reporter')} {...req}>
          <Select options={reporters.map((r) => ({ value: r, label: t(`ui.conflict.reporter.${r}`) }))} />
        </Form.Item>
      )}
      {!conflict && reporter && reporter !== 'self' && (
        <Form.Item name="personId" label={t('ui.conflict.person')} {...req}>
          {canAnywhere('users.read') ? (
            <UserSelect aria-label={t('ui.conflict.person')} />
          ) : (
            <ColleagueSelect aria-label={t('ui.conflict.person')} />
          )}
        </Form.Item>
      )}
      <Form.Item name="situation" label={t('ui.conflict.situation')} {...req}>
        <Select
          options={conflictSituations.map((s) => ({ value: s, label: t(`ui.conflict.situation.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="task" label={t('ui.conflict.task')} {...req}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="description" label={t('ui.conflict.description')} {...req}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="arisenOn"
        label={t('ui.conflict.arisenOn')}
        {...req}
        extra={conflict && !conflict.canRedate ? t('ui.integrity.redateByUnit') : undefined}
      >
        <DateInput
          max={today}
          aria-label={t('ui.conflict.arisenOn')}
          disabled={!!conflict && !conflict.canRedate}
        />
      </Form.Item>
      <Form.Item name="impact" label={t('ui.conflict.impact')} {...req}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="proposedMeasure" label={t('ui.conflict.proposedMeasure')}>
        <Select
          allowClear
          options={conflictMeasures.map((m) => ({ value: m, label: t(`ui.conflict.measure.${m}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}

/** The people of the official's own unit, by name: whom a report by a colleague may name. */
function ColleagueSelect(props: { value?: string; onChange?: (v: string) => void; 'aria-label': string }) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['conflicts', 'colleagues', q],
    queryFn: () =>
      get<{ items: Array<{ id: string; fullName: string }> }>(`/conflicts/colleagues${qs({ q })}`),
  });
  return (
    <Select
      aria-label={props['aria-label']}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('ui.common.searchPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
    />
  );
}
