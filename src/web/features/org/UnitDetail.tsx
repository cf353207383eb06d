import { useQuery } from '@tanstack/react-query';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { leadershipLevels, PositionCreate } from '#shared/org/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import type { Position, UnitDetailData } from './types.ts';
import { contactQuery, UnitContactCard } from './UnitContactCard.tsx';
import { UnitForm } from './UnitForm.tsx';

type Dialog = 'edit' | 'move' | 'merge' | 'split' | null;
type PositionValues = { name: string; isLeadership: boolean; declarationDuty: boolean; archived?: boolean };

export function UnitDetail({ unitId, onChanged }: { unitId: string; onChanged(): void }) {
  const { t } = useT();
  const { modal, message } = App.useApp();
  const { can } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unit = useQuery({
    queryKey: ['units', 'detail', unitId],
    queryFn: () => get<UnitDetailData>(`/units/${unitId}`),
  });
  const positions = useQuery({
    queryKey: ['units', 'positions', unitId],
    queryFn: () => get<Position[]>(`/units/${unitId}/positions`),
  });
  // The contact card's query, started with the unit's rather than once the card is drawn.
  useQuery(contactQuery(unitId));
  const [moveForm] = Form.useForm<{ parentId: string }>();
  const [mergeForm] = Form.useForm<{ successorId: string; effectiveDate: Dayjs }>();
  const [splitForm] = Form.useForm<{ successorIds: string[]; effectiveDate: Dayjs }>();
  const [positionForm] = Form.useForm<PositionValues>();
  /** The position being edited, 'new' when adding one. */
  const [position, setPosition] = useState<Position | 'new' | null>(null);

  const u = unit.data;
  const manage = !!u && u.status === 'active' && can('org.manage', u.path);
  const done = async () => {
    setDialog(null);
    message.success(t('ui.common.saved'));
    await Promise.all([unit.refetch(), positions.refetch()]);
    onChanged();
  };

  return (
    <QueryState isLoading={unit.isLoading} error={unit.error} onRetry={() => void unit.refetch()}>
      {u && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            title={
              <div>
                <Breadcrumb
                  items={u.ancestors.map((a) => ({ title: <Link to={`/units/${a.id}`}>{a.name}</Link> }))}
                />
                <h2 style={{ fontSize: 20, margin: '4px 0 0' }}>
                  {u.name}{' '}
                  {u.status !== 'active' && <StatusTag tone="warn">{t(`ui.status.${u.status}`)}</StatusTag>}
                </h2>
              </div>
            }
          >
            {manage && (
              <div className="toolbar">
                <Button onClick={() => setDialog('edit')}>{t('ui.common.edit')}</Button>
                <Button onClick={() => setDialog('move')}>{t('ui.units.move')}</Button>
                <Button onClick={() => setDialog('merge')}>{t('ui.units.merge')}</Button>
                <Button onClick={() => setDialog('split')}>{t('ui.units.split')}</Button>
                <Button
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('ui.units.archive'),
                      content: t('ui.units.archiveConfirm', { name: u.name }),
                      okText: t('ui.common.confirm'),
                      cancelText: t('ui.common.cancel'),
                      okButtonProps: { danger: true },
                      onOk: async () => {
                        try {
                          await api('POST', `/units/${u.id}/archive`, { version: u.version });
                          await done();
                        } catch (e) {
                          message.error(e instanceof Error ? e.message : String(e));
                        }
                      },
                    })
                  }
                >
                  {t('ui.units.archive')}
                </Button>
              </div>
            )}
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('ui.common.code')}>{u.code}</Descriptions.Item>
              <Descriptions.Item label={t('ui.units.type')}>
                {labelOf(t, 'unitType', u.type)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.units.shortName')}>{u.shortName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.status')}>
                {t(`ui.status.${u.status}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.units.validFrom')}>{formatDate(u.validFrom)}</Descriptions.Item>
              <Descriptions.Item label={t('ui.units.validTo')}>
                {formatDate(u.validTo) || '—'}
              </Descriptions.Item>
              {u.successors.length > 0 && (
                <Descriptions.Item label={t('ui.units.successors')} span={2}>
                  {u.successors.map((s) => (
                    <Tag key={s.id}>
                      <Link to={`/units/${s.id}`}>{s.name}</Link> · {formatDate(s.effectiveDate)}
                    </Tag>
                  ))}
                </Descriptions.Item>
              )}
              {u.predecessors.length > 0 && (
                <Descriptions.Item label={t('ui.units.predecessors')} span={2}>
                  {u.predecessors.map((s) => (
                    <Tag key={s.id}>
                      <Link to={`/units/${s.id}`}>{s.name}</Link> · {formatDate(s.effectiveDate)}
                    </Tag>
                  ))}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <UnitContactCard unit={u} />
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.units.positions')}</h2>}
            extra={manage && <Button onClick={() => setPosition('new')}>{t('ui.units.addPosition')}</Button>}
          >
            <Table<Position>
              size="small"
              rowKey="id"
              aria-label={t('ui.units.positions')}
              loading={positions.isLoading}
              dataSource={positions.data ?? []}
              pagination={false}
              locale={{ emptyText: t('ui.common.empty') }}
              columns={[
                { key: 'name', dataIndex: 'name', title: t('ui.common.name') },
                {
                  key: 'lead',
                  title: t('ui.units.leadership'),
                  render: (_, p) =>
                    p.leadershipLevel
                      ? t(`ui.units.level.${p.leadershipLevel}`)
                      : p.isLeadership
                        ? t('ui.common.yes')
                        : t('ui.common.no'),
                },
                {
                  key: 'decl',
                  title: t('ui.units.declarationDuty'),
                  // A leader declares by their level (the declaration parameters); this column's "yes" is
                  // the duty of the job itself (Decree 130/2020, Annex III): leaders read "no" (sec31 UX 9).
                  render: (_, p) =>
                    p.declarationDuty
                      ? t('ui.units.declaresByJob')
                      : p.leadershipLevel || p.isLeadership
                        ? t('ui.units.declaresByLevel')
                        : t('ui.common.no'),
                },
                {
                  key: 'state',
                  title: t('ui.common.status'),
                  render: (_, p) =>
                    p.archived ? (
                      <StatusTag tone="muted">{t('ui.status.archived')}</StatusTag>
                    ) : (
                      <StatusTag tone="ok">{t('ui.status.active')}</StatusTag>
                    ),
                },
                ...(manage
                  ? [
                      {
                        key: 'edit',
                        title: t('ui.common.actions'),
                        render: (_: unknown, p: Position) => (
                          <Button size="small" onClick={() => setPosition(p)}>
                            {t('ui.common.edit')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Space>
      )}
      {u && (
        <>
          <UnitForm
            open={dialog === 'edit'}
            unit={u}
            onClose={() => setDialog(null)}
            onSaved={() => void done()}
          />
          <FormModal
            open={dialog === 'move'}
            title={t('ui.units.move')}
            form={moveForm}
            onClose={() => setDialog(null)}
            onSubmit={async (v) => {
              const out = await api<{ move: unknown }>('POST', `/units/${u.id}/move`, {
                parentId: v.parentId,
                version: u.version,
              });
              // A person's move waits for a second administrator (ADR 0031).
              if (out.move) {
                setDialog(null);
                modal.info({ title: t('ui.unitMoves.requested'), okText: 'OK' });
              } else await done();
            }}
          >
            <Form.Item
              name="parentId"
              label={t('ui.units.parent')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <UnitSelect aria-label={t('ui.units.parent')} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'merge'}
            title={t('ui.units.merge')}
            form={mergeForm}
            onClose={() => setDialog(null)}
            onSubmit={async (v) => {
              await api('POST', '/units/merge', {
                predecessorIds: [u.id],
                successorId: v.successorId,
                effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
              });
              await done();
            }}
          >
            <Form.Item
              name="successorId"
              label={t('ui.units.successor')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <UnitSelect aria-label={t('ui.units.successor')} />
            </Form.Item>
            <Form.Item
              name="effectiveDate"
              label={t('ui.units.effectiveDate')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={dialog === 'split'}
            title={t('ui.units.split')}
            form={splitForm}
            onClose={() => setDialog(null)}
            onSubmit={async (v) => {
              await api('POST', `/units/${u.id}/split`, {
                successorIds: v.successorIds,
                effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
              });
              await done();
            }}
          >
            <Form.Item
              name="successorIds"
              label={t('ui.units.successors')}
              rules={[{ required: true, message: t('field.successors_required') }]}
              required
            >
              <UnitSelect multiple aria-label={t('ui.units.successors')} />
            </Form.Item>
            <Form.Item
              name="effectiveDate"
              label={t('ui.units.effectiveDate')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={!!position}
            title={t(position === 'new' ? 'ui.units.addPosition' : 'ui.common.edit')}
            form={positionForm}
            initialValues={
              position === 'new' ? { isLeadership: false, declarationDuty: false } : (position ?? undefined)
            }
            onClose={() => setPosition(null)}
            onSubmit={async (v) => {
              if (position === 'new') await api('POST', `/units/${u.id}/positions`, v);
              else await api('PATCH', `/positions/${position!.id}`, v);
              setPosition(null);
              await done();
            }}
          >
            <Form.Item
              name="name"
              label={t('ui.common.name')}
              rules={[zodRule(PositionCreate.shape.name, t)]}
              required
            >
              <Input />
            </Form.Item>
            <Form.Item name="isLeadership" valuePropName="checked">
              <Checkbox>{t('ui.units.leadership')}</Checkbox>
            </Form.Item>
            <Form.Item name="leadershipLevel" label={t('ui.units.leadershipLevel')}>
              <Select
                allowClear
                options={leadershipLevels.map((l) => ({
                  value: l,
                  label: t(`ui.units.level.${l}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="declarationDuty" valuePropName="checked">
              <Checkbox>{t('ui.units.declarationDuty')}</Checkbox>
            </Form.Item>
            {position !== 'new' && (
              <Form.Item name="archived" valuePropName="checked">
                <Checkbox>{t('ui.status.archived')}</Checkbox>
              </Form.Item>
            )}
          </FormModal>
        </>
      )}
    </QueryState>
  );
}
