import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { unitsPaging } from '#web/components/DataTable.tsx';
import { Meter } from '#web/components/Meter.tsx';
import { QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import type { HeatData } from './Heatmap.tsx';
import { planTone } from './PlansPage.tsx';
import type { Plan } from './types.ts';

const Heatmap = lazy(() => import('./Heatmap.tsx'));

/**
 * The province plan's units: the heat map and each unit's plan. Read when the tab is opened — a
 * province's thousand unit plans would otherwise be summed before its own tasks could be shown (one
 * embedded database answers one query at a time).
 */
export function PlanUnitsTab({ planId }: { planId: string }) {
  const { t } = useT();
  const cascade = useQuery({
    queryKey: ['plans', 'cascade', planId],
    queryFn: () => get<Plan[]>(`/plans/${planId}/cascade`),
  });
  const heat = useQuery({
    queryKey: ['plans', 'heat', planId],
    queryFn: () => get<HeatData>(`/plans/${planId}/heatmap`),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <QueryState isLoading={heat.isLoading} error={heat.error} isEmpty={!heat.data?.units.length}>
          {heat.data && (
            <Suspense fallback={null}>
              <Heatmap data={heat.data} />
            </Suspense>
          )}
        </QueryState>
      </Card>
      <Table<Plan>
        aria-label={t('ui.plans.units')}
        rowKey="id"
        size="small"
        dataSource={cascade.data ?? []}
        loading={cascade.isLoading}
        pagination={unitsPaging(t)}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'unit',
            title: t('ui.common.unit'),
            render: (_, u) => <Link to={`/plans/${u.id}`}>{u.unitName}</Link>,
          },
          {
            key: 'status',
            title: t('ui.common.status'),
            render: (_, u) => (
              <>
                <StatusTag tone={planTone[u.status]}>{t(`ui.plans.status.${u.status}`)}</StatusTag>
                {u.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
              </>
            ),
          },
          { key: 'due', title: t('ui.plans.due'), render: (_, u) => formatDate(u.dueDate) },
          {
            key: 'progress',
            title: t('ui.plans.progress'),
            render: (_, u) => (
              <Meter percent={u.progress} width={140} label={`${t('ui.plans.progress')} ${u.progress}%`} />
            ),
          },
        ]}
      />
    </Space>
  );
}
