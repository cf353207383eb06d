import { Button, Upload } from 'antd';
import { api } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';

/** Uploads each chosen file as evidence of a unit (POST /api/files) and reports its id. */
export function FileUpload({
  unitId,
  onUploaded,
  multiple = false,
  accept,
}: {
  unitId: string;
  onUploaded(id: string): void;
  multiple?: boolean;
  accept?: string;
}) {
  const { t } = useT();
  return (
    <Upload
      multiple={multiple}
      maxCount={multiple ? undefined : 1}
      accept={accept}
      customRequest={async ({ file, onSuccess, onError }) => {
        const fd = new FormData();
        fd.append('unitId', unitId);
        fd.append('file', file as File);
        try {
          const saved = await api<{ id: string }>('POST', '/files', fd);
          onUploaded(saved.id);
          onSuccess?.(saved);
        } catch (e) {
          onError?.(e as Error);
        }
      }}
    >
      <Button>{t('ui.plans.attach')}</Button>
    </Upload>
  );
}
