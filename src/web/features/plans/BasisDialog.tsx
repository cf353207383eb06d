import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PlanBasisFields } from './PlansPage.tsx';
import type { Plan } from './types.ts';

/** The plan's title and the document that issued it (number, date, signer, the signed PDF). */
export function BasisDialog({
  plan,
  open,
  onClose,
  onSaved,
}: {
  plan: Plan;
  open: boolean;
  onClose(): void;
  onSaved(): Promise<unknown>;
}) {
  const { t } = useT();
  const [form] = Form.useForm<{
    title: string;
    docNumber?: string;
    docDate?: Dayjs | null;
    signer?: string;
  }>();
  const [signedFileId, setSignedFileId] = useState<string | null>(null);
  return (
    <FormModal
      open={open}
      title={t('ui.plans.basis')}
      form={form}
      initialValues={{
        title: plan.title,
        docNumber: plan.docNumber ?? undefined,
        docDate: plan.docDate ? dayjs(plan.docDate) : null,
        signer: plan.signer ?? undefined,
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api('PATCH', `/plans/${plan.id}`, {
          title: v.title,
          docNumber: v.docNumber || null,
          docDate: v.docDate ? v.docDate.format('YYYY-MM-DD') : null,
          signer: v.signer || null,
          ...(signedFileId ? { signedFileId } : {}),
          version: plan.version,
        });
        setSignedFileId(null);
        onClose();
        await onSaved();
      }}
    >
      <PlanBasisFields />
      <Form.Item name="docDate" label={t('ui.plans.docDate')}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('ui.plans.signedFile')}>
        <FileUpload unitId={plan.unitId} accept=".pdf" onUploaded={setSignedFileId} />
      </Form.Item>
    </FormModal>
  );
}
