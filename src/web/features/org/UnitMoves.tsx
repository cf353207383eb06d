import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, get } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { ErrorAlert } from '#web/components/Page.tsx';

interface PendingMove {
  id: string;
  unitId: string;
  unitName: string;
  unitCode: string;
  unitType: string;
  toType: string | null;
  fromParentId: string | null;
  toParentId: string;
  fromName: string | null;
  toName: string;
  toCode: string;
  toLineage: string;
  unitLineage: string;
  changed: boolean;
  requestedByName: string;
  createdAt: string;
  mine: boolean;
  canDecide: boolean;
}

/**
 * Units' moves waiting for a second administrator (ADR 0031): where a unit sits decides who reads its
 * sealed reports and registers, so one administrator asks and another makes the move.
 */
export function UnitMovesSection() {
  const { t } = useT();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['unit-moves'],
    queryFn: () => get<{ items: PendingMove[] }>('/unit-moves'),
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const decide = async (m: PendingMove, decision: 'approve' | 'reject' | 'cancel') => {
    setBusy(m.id);
    setError(null);
    try {
      await api('POST', `/unit-moves/${m.id}/decision`, { decision });
      await qc.invalidateQueries({ queryKey: ['unit-moves'] });
      await qc.invalidateQueries({ queryKey: ['units'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const items = list.data?.items ?? [];
  if (items.length === 0 && !error) return null;
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="unit-moves-title">
      <Typography.Title level={2} id="unit-moves-title" style={{ fontSize: 18 }}>
        {t('ui.unitMoves.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
        {t('ui.unitMoves.intro')}
      </Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <Table<PendingMove>
        aria-label={t('ui.unitMoves.title')}
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={items}
        columns={[
          { key: 'unit', title: t('ui.common.unit'), render: (_, m) => `${m.unitName} (${m.unitCode})` },
          {
            key: 'from',
            title: t('ui.unitMoves.from'),
            render: (_, m) => (
              <>
                {m.fromName ?? '—'}
                <br />
                <Typography.Text type="secondary">{m.unitLineage}</Typography.Text>
              </>
            ),
          },
          {
            key: 'to',
            title: t('ui.unitMoves.to'),
            render: (_, m) => (
              <>
                {m.toType && m.fromParentId === m.toParentId ? (
                  <Typography.Text type="secondary">{t('ui.unitMoves.sameParent')}</Typography.Text>
                ) : (
                  <>
                    {m.toName} ({m.toCode})
                    <br />
                    <Typography.Text type="secondary">{m.toLineage}</Typography.Text>
                  </>
                )}
                {m.toType && (
                  <>
                    <br />
                    <Tag color="warning" style={{ whiteSpace: 'normal' }}>
                      {t('ui.unitMoves.retype', {
                        from: t(`unitType.${m.unitType}` as never),
                        to: t(`unitType.${m.toType}` as never),
                      })}
                    </Tag>
                  </>
                )}
              </>
            ),
          },
          { key: 'by', title: t('ui.unitMoves.by'), dataIndex: 'requestedByName' },
          { key: 'at', title: t('ui.grants.at'), render: (_, m) => formatDateTime(m.createdAt) },
          {
            key: 'action',
            title: '',
            fixed: 'right',
            render: (_, m) =>
              m.changed && !m.mine ? (
                <Space direction="vertical" size={4}>
                  <Tag color="error">{t('ui.unitMoves.changed')}</Tag>
                  {m.canDecide && (
                    <Button size="small" onClick={() => decide(m, 'reject')} disabled={busy === m.id}>
                      {t('ui.unitMoves.reject')}
                    </Button>
                  )}
                </Space>
              ) : m.canDecide ? (
                <Space>
                  <Popconfirm
                    title={t('ui.unitMoves.confirm', { unit: m.unitLineage, to: m.toLineage })}
                    okText={t('ui.grants.approve')}
                    cancelText={t('ui.common.cancel')}
                    onConfirm={() => decide(m, 'approve')}
                  >
                    <Button type="primary" size="small" loading={busy === m.id}>
                      {t('ui.grants.approve')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" onClick={() => decide(m, 'reject')} disabled={busy === m.id}>
                    {t('ui.unitMoves.reject')}
                  </Button>
                </Space>
              ) : m.mine ? (
                <Button size="small" onClick={() => decide(m, 'cancel')} loading={busy === m.id}>
                  {t('ui.unitMoves.cancel')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('ui.grants.notYours')}</Typography.Text>
              ),
          },
        ]}
      />
    </section>
  );
}
