import { Button, Space, Upload } from 'antd';
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

/**
 * A record's files as a form field (value, onChange): each opens through the record, may be taken off
 * before saving, and more are uploaded to the record's unit.
 */
export function FileListField({
  unitId,
  value = [],
  onChange,
}: {
  unitId?: string | undefined;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((id, n) => (
        <Space key={id}>
          <a href={`/api/files/${id}`} style={{ textDecoration: 'underline' }}>
            {t('ui.plans.file', { n: n + 1 })}
          </a>
          <Button size="small" type="text" onClick={() => onChange?.(value.filter((v) => v !== id))}>
            {t('ui.common.delete')}
          </Button>
        </Space>
      ))}
      {unitId && <FileUpload unitId={unitId} multiple onUploaded={(id) => onChange?.([...value, id])} />}
    </Space>
  );
}
