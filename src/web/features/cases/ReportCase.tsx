import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { caseKinds } from '#shared/cases/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';

interface ReportCaseLink {
  case: { number: string; joinedOn: string } | null;
}

/**
 * On a report's page: the case it belongs to (its number only), or, for its handler, the button that
 * turns it into a case at the inspectorate or joins it to an open one (issue 19).
 */
export function ReportCase({
  reportId,
  canHandle,
  open,
  onOpen,
  onClose,
}: {
  reportId: string;
  canHandle: boolean;
  open: boolean;
  onOpen(): void;
  onClose(): void;
}) {
  const { t } = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const required = { required: true, rules: [{ required: true, message: t('field.required') }] };
  const q = useQuery({
    queryKey: ['report', reportId, 'case'],
    queryFn: () => get<ReportCaseLink>(`/reports/${reportId}/case`),
  });
  const linked = q.data?.case;
  return (
    <>
      {linked && (
        <StatusTag tone="info">
          {t('ui.case.inCase', { number: linked.number, date: formatDate(linked.joinedOn) })}
        </StatusTag>
      )}
      {!linked && canHandle && q.data && <Button onClick={onOpen}>{t('ui.case.fromReport')}</Button>}
      <FormModal
        open={open && !linked}
        name="report-case"
        title={t('ui.case.fromReport')}
        form={form}
        initialValues={{ mode: 'new', kind: 'corruption' }}
        onClose={onClose}
        onSubmit={async (v: Record<string, unknown>) => {
          const body =
            v.mode === 'join'
              ? { caseNumber: v.caseNumber, kind: v.kind }
              : { unitId: v.unitId ?? null, title: v.title || null, kind: v.kind };
          qc.setQueryData(
            ['report', reportId, 'case'],
            await api<ReportCaseLink>('POST', `/reports/${reportId}/case`, body),
          );
          onClose();
        }}
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.case.fromReportHint')} />
        <Form.Item name="mode" label={t('ui.case.fromReportMode')} required>
          <Radio.Group
            options={(['new', 'join'] as const).map((m) => ({
              value: m,
              label: t(`ui.case.fromReportMode.${m}`),
            }))}
          />
        </Form.Item>
        {mode === 'join' ? (
          <Form.Item name="caseNumber" label={t('ui.case.joinNumber')} {...required}>
            <Input maxLength={20} placeholder="VV-2026-00012" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="unitId" label={t('ui.case.handler')} {...required}>
              <UnitSelect aria-label={t('ui.case.handler')} />
            </Form.Item>
            <Form.Item name="title" label={t('ui.case.titleField')} {...required}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        <Form.Item name="kind" label={t('ui.case.kind')} required>
          <Select options={caseKinds.map((k) => ({ value: k, label: t(`ui.case.kind.${k}`) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}
