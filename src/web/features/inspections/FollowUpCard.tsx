import { Alert, Button, Card, Form, Input, Select, Table } from 'antd';
import { Link } from 'react-router';
import { recheckResults } from '#shared/inspections/schemas.ts';
import { api } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { FormModal } from '#web/components/FormModal.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { RecommendationTags } from './RecommendationTags.tsx';
import type { InspectionDetail } from './types.ts';

type ToRecheck = InspectionDetail['toRecheck'][number];

/**
 * A follow-up inspection's card (issue 19): the recommendations of the inspection it follows up, each
 * with its state and whether this team has re-checked it; the finding is recorded while the team is at
 * work. The dialog lives in the address (`?dialog=recheck&rec=…`).
 */
export function FollowUpCard({
  inspection: i,
  onSaved,
}: {
  inspection: InspectionDetail;
  onSaved(next: InspectionDetail): Promise<void>;
}) {
  const { t } = useT();
  const [url, setUrl] = useUrlState<'dialog' | 'rec'>();
  const [form] = Form.useForm();
  if (!i.followUp) return null;
  const atWork = i.status === 'decided' || i.status === 'reported';
  const chosen = i.toRecheck.find((r) => r.id === url.rec);
  const close = () => setUrl({ dialog: undefined, rec: undefined }, false);
  return (
    <Card
      style={{ marginTop: 16 }}
      styles={{ body: { padding: 0 } }}
      title={
        <h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {t('ui.insp.followUp', { title: i.followUp.title })}{' '}
          <Link to={`/inspections/${i.followUp.id}`} style={{ fontWeight: 'normal', fontSize: 14 }}>
            {i.followUp.conclusionNo}
          </Link>
        </h2>
      }
    >
      {atWork && <Alert type="info" showIcon style={{ margin: 12 }} title={t('ui.insp.recheckHint')} />}
      <Table<ToRecheck>
        aria-label={t('ui.insp.toRecheck')}
        rowKey="id"
        size="small"
        dataSource={i.toRecheck}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ui.rec.none') }}
        columns={[
          {
            key: 'content',
            title: t('ui.rec.content'),
            render: (_, r) => (
              <div style={{ maxWidth: 340, whiteSpace: 'normal' }}>
                <Link to={`/recommendations/${r.id}`}>{r.content}</Link>
                <div style={{ color: '#57606a', fontSize: 12 }}>
                  {r.ownerUnitName ?? r.ownerOutside} · {formatDate(r.dueOn)}
                </div>
              </div>
            ),
          },
          {
            key: 'status',
            title: t('ui.common.status'),
            render: (_, r) => (
              <>
                <RecommendationTags r={r} />
                {r.recheckedHere && <StatusTag tone="ok">{t('ui.insp.rechecked')}</StatusTag>}
              </>
            ),
          },
          // Only while the team is at work is there something to do.
          ...(atWork
            ? [
                {
                  key: 'action',
                  title: t('ui.common.actions'),
                  render: (_: unknown, r: ToRecheck) => (
                    <Button size="small" onClick={() => setUrl({ dialog: 'recheck', rec: r.id }, false)}>
                      {t('ui.insp.recheck')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<{ result: (typeof recheckResults)[number]; note: string }>
        open={url.dialog === 'recheck' && !!chosen && atWork}
        name="recheck"
        title={t('ui.insp.recheck')}
        form={form}
        initialValues={{ result: 'done' }}
        onClose={close}
        onSubmit={async (v) => {
          const next = await api<InspectionDetail>('POST', `/inspections/${i.id}/rechecks`, {
            ...v,
            recommendationId: chosen!.id,
            version: chosen!.version,
          });
          form.resetFields();
          close();
          await onSaved(next);
        }}
      >
        <p style={{ whiteSpace: 'pre-wrap' }}>{chosen?.content}</p>
        <Form.Item name="result" label={t('ui.insp.recheckResult')} required>
          <Select options={recheckResults.map((r) => ({ value: r, label: t(`ui.insp.recheck.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('ui.rec.note')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
