import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List, Table } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { InspectionDialog } from './InspectionDialog.tsx';
import { type Inspection, inspectionTone, type PlanDetail } from './types.ts';

/** A yearly inspection plan: its inspections by quarter, its approval (by a second inspector), its changes. */
export default function PlanPage() {
  const { id } = useParams();
  const { t } = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [url, setUrl] = useUrlState<'dialog'>();
  const plan = useQuery({
    queryKey: ['inspection-plans', id],
    queryFn: () => get<PlanDetail>(`/inspection-plans/${id}`),
  });
  const [approveForm] = Form.useForm<{ decisionNo: string; decisionDate: string }>();
  const p = plan.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['inspection-plans'] });
  const close = () => setUrl({ dialog: undefined }, false);
  return (
    <QueryState isLoading={plan.isLoading} error={plan.error} onRetry={() => void plan.refetch()}>
      {p && (
        <>
          <PageHeader
            title={t('ui.insp.plan', { year: p.year })}
            extra={
              <>
                <Button onClick={() => setUrl({ dialog: 'inspection' }, false)}>{t('ui.insp.add')}</Button>
                {p.status === 'draft' && (
                  <Button type="primary" onClick={() => setUrl({ dialog: 'approve' }, false)}>
                    {t('ui.insp.approve')}
                  </Button>
                )}
              </>
            }
          />
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ui.insp.inspectorate')}>{p.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.common.status')}>
              <StatusTag tone={p.status === 'approved' ? 'ok' : 'warn'}>
                {t(`ui.insp.planStatus.${p.status}`)}
              </StatusTag>
              {p.late && <StatusTag tone="danger">{t('ui.insp.planLate')}</StatusTag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.planDue')}>{formatDate(p.dueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.decisionNo')}>{p.decisionNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ui.insp.decisionDate')}>
              {formatDate(p.decisionDate) || '—'}
            </Descriptions.Item>
            <Descriptions.Item
              label={t('ui.insp.planCount')}
            >{`${p.inspections} / ${p.done}`}</Descriptions.Item>
          </Descriptions>
          <Card
            styles={{ body: { padding: 0 } }}
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.tabInspections')}</h2>}
          >
            <Table<Inspection>
              aria-label={t('ui.insp.tabInspections')}
              rowKey="id"
              size="small"
              dataSource={p.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('ui.common.empty') }}
              columns={[
                {
                  key: 'q',
                  title: t('ui.insp.quarter'),
                  render: (_, i) => (i.quarter ? `Q${i.quarter}` : ''),
                },
                {
                  key: 'title',
                  title: t('ui.insp.titleField'),
                  render: (_, i) => <Link to={`/inspections/${i.id}`}>{i.title}</Link>,
                },
                { key: 'subject', title: t('ui.insp.subject'), render: (_, i) => i.subjectName ?? '' },
                { key: 'team', title: t('ui.insp.teamSize'), render: (_, i) => i.teamSize ?? '' },
                {
                  key: 'status',
                  title: t('ui.common.status'),
                  render: (_, i) => (
                    <StatusTag tone={inspectionTone[i.status]}>{t(`ui.insp.status.${i.status}`)}</StatusTag>
                  ),
                },
              ]}
            />
          </Card>
          {p.changes.length > 0 && (
            <Card
              style={{ marginTop: 16 }}
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.insp.changes')}</h2>}
            >
              <List
                size="small"
                dataSource={p.changes}
                renderItem={(c) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${t(`ui.insp.change.${c.kind}`)}: ${c.inspectionTitle}`}
                      description={`${c.reason} — ${c.byName ?? ''}, ${formatDateTime(c.at)}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
          <InspectionDialog
            open={url.dialog === 'inspection'}
            plan={{ id: p.id, unitId: p.unitId, status: p.status }}
            onClose={close}
            onSaved={refresh}
          />
          <FormModal
            open={url.dialog === 'approve'}
            name="approve"
            title={t('ui.insp.approve')}
            form={approveForm}
            onClose={close}
            onSubmit={async (v) => {
              await api('POST', `/inspection-plans/${p.id}/approve`, { ...v, version: p.version });
              close();
              await refresh();
            }}
          >
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.insp.approveHint')} />
            <Form.Item
              name="decisionNo"
              label={t('ui.insp.decisionNo')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <Input maxLength={60} placeholder="215/QĐ-TTr" />
            </Form.Item>
            <Form.Item
              name="decisionDate"
              label={t('ui.insp.decisionDate')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <DateInput />
            </Form.Item>
          </FormModal>
          <Button
            type="link"
            onClick={() => navigate('/inspections?tab=plans')}
            style={{ paddingLeft: 0, marginTop: 12 }}
          >
            ← {t('ui.insp.tabPlans')}
          </Button>
        </>
      )}
    </QueryState>
  );
}
