import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { closeOutcomes, complaintTracks, type ReportStepCode, triageKinds } from '#shared/reports/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import type { TabProps } from './ReportTabs.tsx';
import type { Report } from './types.ts';

export type ReportDialog = 'triage' | 'forward' | 'merge' | 'close' | 'identity' | 'task' | 'step';

/** The report's actions as dialogs; which one is open (and a step's code) comes from the address. */
export function ReportDialogs({
  r,
  done,
  post,
  dialog,
  stepCode,
  onClose,
}: TabProps & { dialog: ReportDialog | undefined; stepCode: ReportStepCode | undefined; onClose(): void }) {
  const { t } = useT();
  // Only bodies with an intake desk can receive a forwarded report (their officers get its key).
  const receiving = useQuery({
    queryKey: ['receiving-units'],
    queryFn: () => get<Array<{ id: string; name: string }>>('/reports/receiving-units'),
    enabled: dialog === 'forward',
  });
  const [triageForm] = Form.useForm<{
    kind: string;
    handlerId?: string;
    message?: string;
    complaintTrack?: string;
    documentNo?: string;
    documentDate?: string;
    firstDecisionNo?: string;
    firstDecisionDate?: string;
    firstDecisionBy?: string;
  }>();
  const triageKind = Form.useWatch('kind', triageForm);
  const triageTrack = Form.useWatch('complaintTrack', triageForm);
  const [stepForm] = Form.useForm<{ documentNo?: string; documentDate?: string; fileId?: string }>();
  const current = r.steps.find((x) => x.code === stepCode);
  const stepValues = {
    documentNo: current?.documentNo ?? undefined,
    documentDate: current?.documentDate ?? undefined,
    fileId: current?.fileId ?? undefined,
  };
  const [forwardForm] = Form.useForm<{ unitId: string; note?: string }>();
  const [mergeForm] = Form.useForm<{ intoId: string }>();
  const [closeForm] = Form.useForm<{ outcome: string; measures: string; publicSummary: string }>();
  const [identityForm] = Form.useForm<{ reason: string }>();
  const [taskForm] = Form.useForm<{ title: string; assigneeId?: string; dueOn?: string }>();
  return (
    <>
      <FormModal
        open={dialog === 'triage'}
        name="triage"
        title={t('ui.reports.triage')}
        form={triageForm}
        onClose={onClose}
        onSubmit={(v) => post('/triage', v)}
      >
        <Form.Item
          name="kind"
          label={t('ui.reports.kind')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            options={triageKinds
              .filter((k) => r.named || !['denunciation', 'complaint', 'petition'].includes(k))
              .map((k) => ({ value: k, label: t(`reportKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="handlerId" label={t('ui.reports.handler')}>
          <UserSelect withRole="intake_officer" />
        </Form.Item>
        {triageKind === 'complaint' && (
          <Form.Item
            name="complaintTrack"
            label={t('ui.reports.complaintTrack')}
            initialValue={r.remoteArea ? 'first_remote' : 'first'}
            extra={r.remoteArea ? t('ui.reports.remoteAreaHint') : undefined}
          >
            <Select
              options={complaintTracks.map((k) => ({
                value: k,
                label: t(`ui.reports.complaintTrackCode.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {triageKind === 'complaint' && String(triageTrack ?? '').startsWith('second') && (
          <Space wrap>
            <Form.Item
              name="firstDecisionNo"
              label={t('ui.reports.firstDecisionNo')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input placeholder="25/QĐ-UBND" maxLength={60} />
            </Form.Item>
            <Form.Item
              name="firstDecisionDate"
              label={t('ui.reports.firstDecisionDate')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <DateInput />
            </Form.Item>
            <Form.Item name="firstDecisionBy" label={t('ui.reports.firstDecisionBy')}>
              <Input placeholder="Chủ tịch UBND xã …" maxLength={300} />
            </Form.Item>
          </Space>
        )}
        {(triageKind === 'denunciation' || triageKind === 'complaint') && (
          <Space wrap>
            <Form.Item name="documentNo" label={t('ui.reports.acceptanceNo')}>
              <Input placeholder="12/QĐ-TTr" maxLength={60} />
            </Form.Item>
            <Form.Item name="documentDate" label={t('ui.reports.documentDate')}>
              <DateInput />
            </Form.Item>
          </Space>
        )}
        {triageKind === 'out_of_scope' && (
          <Form.Item name="message" label={t('ui.reports.outOfScopeMessage')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </FormModal>
      <FormModal
        open={dialog === 'step' && !!stepCode}
        title={stepCode ? t(`ui.reports.stepCode.${stepCode}`) : ''}
        form={stepForm}
        initialValues={stepValues}
        onClose={onClose}
        onSubmit={async (v) =>
          done(
            await api<Report>('PUT', `/reports/${r.id}/steps/${stepCode}`, {
              documentNo: v.documentNo || null,
              documentDate: v.documentDate || null,
              fileId: v.fileId || null,
            }),
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('ui.reports.stepExplain')}</Typography.Paragraph>
        <Form.Item name="documentNo" label={t('ui.reports.documentNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="documentDate" label={t('ui.reports.documentDate')}>
          <DateInput />
        </Form.Item>
        <Form.Item name="fileId" label={t('ui.reports.documentFile')}>
          <Select
            allowClear
            options={r.files.filter((f) => f.author === 'staff').map((f) => ({ value: f.id, label: f.name }))}
          />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'forward'}
        title={t('ui.reports.forward')}
        form={forwardForm}
        onClose={onClose}
        onSubmit={(v) => post('/forward', v)}
      >
        <Typography.Paragraph>{t('ui.reports.forwardExplain')}</Typography.Paragraph>
        <Form.Item
          name="unitId"
          label={t('ui.reports.competentUnit')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(receiving.data ?? [])
              .filter((u) => u.id !== r.unitId)
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('ui.reports.internalNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'merge'}
        title={t('ui.reports.merge')}
        form={mergeForm}
        onClose={onClose}
        onSubmit={(v) => post('/merge', v)}
      >
        <Form.Item
          name="intoId"
          label={t('ui.reports.mergeInto')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <ReportPicker exclude={r.id} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'close'}
        title={t('ui.reports.close')}
        form={closeForm}
        onClose={onClose}
        onSubmit={(v) => post('/close', v)}
      >
        <Form.Item
          name="outcome"
          label={t('ui.reports.outcome')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            options={closeOutcomes.map((o) => ({
              value: o,
              label: t(`reportOutcome.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="measures"
          label={t('ui.reports.measures')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="publicSummary"
          label={t('ui.reports.publicSummary')}
          extra={t('ui.reports.publicSummaryHint')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'identity'}
        title={t('ui.reports.requestIdentity')}
        form={identityForm}
        onClose={onClose}
        onSubmit={(v) => post('/identity-requests', v)}
      >
        <Form.Item
          name="reason"
          label={t('ui.reports.reason')}
          rules={[{ required: true, min: 20, message: t('field.reason_short') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={dialog === 'task'}
        title={t('ui.reports.addTask')}
        form={taskForm}
        onClose={onClose}
        onSubmit={(v) => post('/tasks', v)}
      >
        <Form.Item
          name="title"
          label={t('ui.reports.taskTitle')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('ui.reports.assignee')}>
          <UserSelect withRole="intake_officer" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('ui.reports.due')}>
          <DateInput />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** Finds another report in the inbox by number or by words of its (decrypted) content. */
function ReportPicker({
  exclude,
  value,
  onChange,
}: {
  exclude: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['reports', 'pick', q],
    queryFn: () =>
      get<{ items: Array<{ id: string; number: string; title: string | null }> }>(
        `/reports${qs({ q: q || undefined, pageSize: 20 })}`,
      ),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('ui.common.searchPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? [])
        .filter((x) => x.id !== exclude)
        .map((x) => ({ value: x.id, label: `${x.number} — ${x.title ?? ''}` }))}
    />
  );
}
