import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { canAnywhere } from '#shared/permissions.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { RecommendationFields, recommendationBodies } from './RecommendationFields.tsx';

interface ConcludedVerification {
  id: string;
  controlUnitId: string;
  fullName: string;
  unitName: string;
  declarationYear: number;
  concludedOn: string | null;
}

type Source = 'audit' | 'report' | 'verification';

/**
 * Recommendations from a state audit, a denunciation's conclusion or a verification of declarations,
 * followed to closure like an inspection's (issue 19). The inspectorate records the first two naming the
 * document; the control agency the third, from a verification it concluded (its own unit issues them).
 */
export function IssueRecommendationsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const { actor } = useSession();
  const [form] = Form.useForm();
  const sources: Source[] = [
    ...(canAnywhere(actor, 'inspections.manage') ? (['audit', 'report'] as const) : []),
    ...(canAnywhere(actor, 'declarations.control') ? (['verification'] as const) : []),
  ];
  const source = (Form.useWatch('sourceKind', form) as Source | undefined) ?? sources[0];
  const verifications = useQuery({
    queryKey: ['verification-cases', 'concluded'],
    queryFn: async () => [
      ...(await get<ConcludedVerification[]>('/verification-cases?status=concluded')),
      ...(await get<ConcludedVerification[]>('/verification-cases?status=published')),
    ],
    enabled: open && source === 'verification',
  });
  return (
    <FormModal
      open={open}
      name="issue-recommendations"
      title={t('ui.rec.issueOther')}
      form={form}
      initialValues={{ sourceKind: sources[0], recommendations: [{}] }}
      onClose={onClose}
      onSubmit={async (
        v: Record<string, unknown> & {
          sourceKind: Source;
          sourceId?: string;
          issuerUnitId?: string;
          recommendations?: Array<Record<string, unknown>>;
        },
      ) => {
        const verification = verifications.data?.find((c) => c.id === v.sourceId);
        await api('POST', '/recommendations', {
          sourceKind: v.sourceKind,
          // A verification's recommendations are its control agency's.
          issuerUnitId: v.sourceKind === 'verification' ? verification?.controlUnitId : v.issuerUnitId,
          sourceId: v.sourceKind === 'verification' ? (v.sourceId ?? null) : null,
          sourceRef: v.sourceRef || null,
          issuedOn: v.issuedOn,
          recommendations: recommendationBodies(v.recommendations),
        });
        await qc.invalidateQueries({ queryKey: ['recommendations'] });
        form.resetFields();
        onClose();
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.rec.issueOtherHint')} />
      <Form.Item name="sourceKind" label={t('ui.rec.sourceKind')} required>
        <Select options={sources.map((s) => ({ value: s, label: t(`ui.rec.sourceKind.${s}`) }))} />
      </Form.Item>
      {source === 'verification' ? (
        <Form.Item
          name="sourceId"
          label={t('ui.rec.sourceId')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <Select
            loading={verifications.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(verifications.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} — ${c.unitName} (${c.declarationYear}), ${formatDate(c.concludedOn)}`,
            }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="issuerUnitId"
            label={t('ui.rec.issuerUnit')}
            rules={[{ required: true, message: t('field.required') }]}
            required
          >
            <UnitSelect aria-label={t('ui.rec.issuerUnit')} />
          </Form.Item>
          {source === 'report' && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ui.rec.reportHint')} />
          )}
        </>
      )}
      <Form.Item
        name="sourceRef"
        label={t('ui.rec.sourceRef')}
        rules={source === 'verification' ? [] : [{ required: true, message: t('field.required') }]}
        required={source !== 'verification'}
      >
        <Input maxLength={300} placeholder="45/BC-KTNN, 10/06/2026" />
      </Form.Item>
      <Form.Item
        name="issuedOn"
        label={t('ui.rec.issuedOn')}
        rules={[{ required: true, message: t('field.required') }]}
        required
      >
        <DateInput />
      </Form.Item>
      <RecommendationFields />
    </FormModal>
  );
}
