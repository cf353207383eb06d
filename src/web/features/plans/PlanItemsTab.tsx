import { Button, Card, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { Meter } from '#web/components/Meter.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { useRevealed } from '#web/components/useRevealed.ts';
import type { Item } from './types.ts';

type ItemNode = Item & { children?: ItemNode[] };

function tree(items: Item[]): ItemNode[] {
  const byParent = new Map<string | null, ItemNode[]>();
  for (const i of items) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), { ...i }]);
  const attach = (list: ItemNode[]): ItemNode[] =>
    list.map((n) => {
      const kids = byParent.get(n.id);
      return kids ? { ...n, children: attach(kids) } : n;
    });
  return attach(byParent.get(null) ?? []);
}

export type ItemDialogKind = 'edit' | 'progress' | 'reports';

/** The plan's tasks as a tree under their groups, with what each user may do on each. */
export function PlanItemsTab({
  items,
  loading,
  canWrite,
  draft,
  onOpen,
}: {
  items: Item[] | undefined;
  loading: boolean;
  canWrite: boolean;
  draft: boolean;
  onOpen(dialog: ItemDialogKind | 'import', itemId?: string): void;
}) {
  const { t } = useT();
  const data = useMemo(() => tree(items ?? []), [items]);
  // A group of tasks at a time (about six rows each).
  const shown = useRevealed(data, 2);
  const parents = useMemo(
    () => [...new Set((items ?? []).flatMap((i) => (i.parentId ? [i.parentId] : [])))],
    [items],
  );
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.plans.items')}</h2>}
      extra={
        canWrite &&
        draft && (
          <Space>
            <Button onClick={() => onOpen('import')}>{t('ui.units.import')}</Button>
            <Button onClick={() => onOpen('edit', 'new')}>{t('ui.plans.addItem')}</Button>
          </Space>
        )
      }
    >
      <Table<ItemNode>
        key={items ? 'loaded' : 'loading'}
        aria-label={t('ui.plans.items')}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={shown as ItemNode[]}
        pagination={false}
        className={`wide-table ${PHONE_CARDS}`}
        // Every group open, as the plan reads, unless the user closes it (groups arrive a few at a time,
        // which antd's defaultExpandAllRows would leave closed).
        expandable={{
          expandedRowKeys: parents.filter((id) => !closed.has(id)),
          onExpand: (open, row) =>
            setClosed((c) => {
              const next = new Set(c);
              if (open) next.delete(row.id);
              else next.add(row.id);
              return next;
            }),
        }}
        locale={{ emptyText: t('ui.plans.noItems') }}
        // On a phone each task is a card headed by its content (what it is), the rest beside their names.
        columns={labelCells<ItemNode>(
          [
            {
              key: 'content',
              title: t('ui.plans.content'),
              render: (_, i) => (
                <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>
                  {i.content}
                </span>
              ),
            },
            // No group column: items sit under their group's row. What a task needs (lead, deadline,
            // progress, actions) fits at 1280 px; the actions stay pinned on the right.
            {
              key: 'lead',
              title: t('ui.plans.lead'),
              render: (_, i) =>
                i.leadUnitName && (
                  <span style={{ display: 'inline-block', maxWidth: 180, whiteSpace: 'normal' }}>
                    {i.leadUnitName}
                  </span>
                ),
            },
            {
              key: 'deadline',
              title: t('ui.plans.deadline'),
              className: 'nowrap',
              render: (_, i) =>
                i.deadline ? formatDate(i.deadline) : i.recurrence ? t(`ui.plans.rec.${i.recurrence}`) : '',
            },
            {
              key: 'progress',
              title: t('ui.plans.progress'),
              render: (_, i) => (
                <Meter percent={i.progress} label={`${t('ui.plans.progress')} ${i.progress}%`} />
              ),
            },
            {
              key: 'actions',
              title: t('ui.common.actions'),
              className: 'pin-right',
              // Nothing for a group of a plan in force: its card on a phone has no empty foot.
              render: (_, i) =>
                (draft ? canWrite : !i.children) && (
                  <Space size="small">
                    {canWrite && draft && (
                      <Button size="small" onClick={() => onOpen('edit', i.id)}>
                        {t('ui.common.edit')}
                      </Button>
                    )}
                    {canWrite && !draft && !i.children && (
                      <Button size="small" onClick={() => onOpen('progress', i.id)}>
                        {t('ui.plans.report')}
                      </Button>
                    )}
                    {!draft && !i.children && (
                      <Button size="small" type="link" onClick={() => onOpen('reports', i.id)}>
                        {t('ui.plans.reports')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ],
          'content',
        )}
      />
    </Card>
  );
}
