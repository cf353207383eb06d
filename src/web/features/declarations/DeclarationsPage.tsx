import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type {
  DeclarationListItem,
  MyDeclarations,
  Roster,
  RosterEntry,
  Round,
} from '#shared/declarations/schemas.ts';
import type { MessageKey } from '#shared/i18n/index.ts';
import { ApiError, api, errorText, get, qs } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { PaperImport } from './PaperImport.tsx';
import { Publications, PublishModal } from './Publication.tsx';
import { Cases, Plans, Risks } from './Verification.tsx';

type Item = z.infer<typeof DeclarationListItem>;
type RoundT = z.infer<typeof Round>;
type Entry = z.infer<typeof RosterEntry>;

export const statusTone = {
  draft: 'muted',
  submitted: 'warn',
  returned: 'danger',
  accepted: 'ok',
  handed_over: 'ok',
} as const;

export function DeclarationStatus({ status }: { status: Item['status'] }) {
  const { t } = useT();
  return <StatusTag tone={statusTone[status]}>{t(`ui.decl.status.${status}`)}</StatusTag>;
}

/** Starts a declaration and opens it; a second one of the same kind and year opens the first. */
function useStart() {
  const navigate = useNavigate();
  return async (kind: string, year: number) => {
    try {
      const made = await api<{ id: string }>('POST', '/declarations', { kind, year });
      navigate(`/declarations/${made.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict' && e.link) navigate(e.link.replace(/^\/app/, ''));
      else throw e;
    }
  };
}

function Mine() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const mine = useQuery({
    queryKey: ['declarations', 'mine'],
    queryFn: () => get<z.infer<typeof MyDeclarations>>('/declarations/mine'),
  });
  const start = useStart();
  const [other, setOther] = useState(false);
  const [form] = Form.useForm<{ kind: string; year: number }>();
  const thisYear = new Date().getFullYear();
  return (
    <QueryState isLoading={mine.isLoading} error={mine.error}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {mine.data?.owed.map((o) => (
          <Alert
            key={o.roundId}
            type="warning"
            showIcon
            message={t('ui.decl.owed', { year: o.year, due: formatDate(o.dueOn) })}
            action={
              <Button
                type="primary"
                onClick={() => start('annual', o.year).catch((e) => message.error((e as Error).message))}
              >
                {t('ui.decl.start')}
              </Button>
            }
          />
        ))}
        <div className="toolbar">
          <Button
            onClick={() => setOther(true)}
            style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left', maxWidth: '100%' }}
          >
            {t('ui.decl.startOther')}
          </Button>
        </div>
        <Table<Item>
          className={PHONE_CARDS}
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: true }}
          dataSource={mine.data?.declarations ?? []}
          locale={{ emptyText: t('ui.decl.noneYet') }}
          columns={labelCells<Item>([
            {
              dataIndex: 'year',
              title: t('ui.decl.year'),
              render: (_, d) => <Link to={`/declarations/${d.id}`}>{d.year}</Link>,
            },
            {
              dataIndex: 'kind',
              title: t('ui.decl.kind'),
              render: (_, d) => t(`ui.decl.kind.${d.kind}`),
            },
            {
              dataIndex: 'status',
              title: t('ui.common.status'),
              render: (_, d) => <DeclarationStatus status={d.status} />,
            },
            {
              dataIndex: 'assetsVnd',
              title: t('ui.decl.assets'),
              align: 'right',
              render: (v: number) => `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ₫`,
            },
            {
              dataIndex: 'submittedAt',
              title: t('ui.decl.submittedAt'),
              render: (v: string | null) => formatDateTime(v),
            },
            {
              dataIndex: 'correctionDueOn',
              title: t('ui.decl.correctionDue'),
              render: (v: string | null, d) => (d.status === 'returned' && v ? formatDate(v) : ''),
            },
          ])}
        />
      </Space>
      <FormModal
        open={other}
        title={t('ui.decl.startOther')}
        form={form}
        initialValues={{ kind: 'supplementary', year: thisYear }}
        onClose={() => setOther(false)}
        onSubmit={async (v) => {
          await start(v.kind, v.year);
          setOther(false);
        }}
      >
        <Form.Item
          name="kind"
          label={t('ui.decl.kind')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            options={(['first_time', 'supplementary', 'personnel', 'annual'] as const).map((k) => ({
              value: k,
              label: t(`ui.decl.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('ui.decl.year')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <NumberInput min={2020} precision={0} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </QueryState>
  );
}

/** The register of declarations given and received (officer), or handed over (control agency). */
function Register() {
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'status' | 'year'>();
  const list = useQuery({
    queryKey: ['declarations', 'register', url.status, url.year],
    queryFn: () => get<Item[]>(`/declarations${qs({ status: url.status, year: url.year })}`),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [entering, setEntering] = useState(false);
  const officer = canAnywhere('declarations.receive');
  const controller = canAnywhere('declarations.control');
  const rows = list.data ?? [];
  const act = async (path: string, ok: MessageKey) => {
    try {
      const res = await api<Record<string, number>>('POST', path, { ids: selected });
      message.success(t(ok, res));
      setSelected([]);
      await qc.invalidateQueries({ queryKey: ['declarations'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const chosen = rows.filter((r) => selected.includes(r.id));
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <>
      <div className="toolbar">
        <Select
          aria-label={t('ui.common.status')}
          allowClear
          placeholder={t('ui.common.status')}
          value={url.status}
          onChange={(v) => setUrl({ status: v })}
          style={{ width: 220 }}
          options={(['submitted', 'returned', 'accepted', 'handed_over'] as const).map((s) => ({
            value: s,
            label: t(`ui.decl.status.${s}`),
          }))}
        />
        <NumberInput
          aria-label={t('ui.decl.year')}
          placeholder={t('ui.decl.year')}
          min={2020}
          precision={0}
          max={2100}
          value={url.year ? Number(url.year) : null}
          onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
        />
        {officer && (
          <Button
            type="primary"
            disabled={chosen.length === 0 || chosen.some((r) => r.status !== 'accepted')}
            onClick={() =>
              // A state change with a legal clock (publication in 5 days) and no way back: confirmed first.
              modal.confirm({
                title: t('ui.decl.handOverConfirm', { n: chosen.length }),
                content: t('ui.decl.handOverConfirmText'),
                okText: t('ui.decl.handOver', { n: chosen.length }),
                cancelText: t('ui.common.cancel'),
                onOk: () => act('/declarations/hand-over', 'ui.decl.handedOver'),
              })
            }
          >
            {t('ui.decl.handOver', { n: chosen.length })}
          </Button>
        )}
        {officer && (
          <Button
            disabled={
              chosen.length === 0 ||
              chosen.some((r) => !['accepted', 'handed_over'].includes(r.status) || r.publicationId)
            }
            onClick={() => setPublishing(true)}
          >
            {t('ui.pub.publish', { n: chosen.length })}
          </Button>
        )}
        {officer && <Button onClick={() => setEntering(true)}>{t('ui.decl.paper.open')}</Button>}
        {controller && (
          <Button
            disabled={
              chosen.length === 0 || chosen.some((r) => r.status !== 'handed_over' || r.receivedByControlAt)
            }
            onClick={() => act('/declarations/acknowledge', 'ui.decl.acknowledged')}
          >
            {t('ui.decl.acknowledge', { n: chosen.length })}
          </Button>
        )}
      </div>
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<Item>
          className={PHONE_CARDS}
          rowKey="id"
          size="middle"
          scroll={{ x: true }}
          dataSource={rows}
          pagination={{ pageSize: 50, showTotal: (total) => t('ui.common.total', { total }) }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          locale={{ emptyText: t(url.status || url.year ? 'ui.common.noMatch' : 'ui.decl.registerEmpty') }}
          columns={labelCells<Item>([
            {
              dataIndex: 'fullName',
              title: t('ui.decl.declarant'),
              render: (_, d) => <Link to={`/declarations/${d.id}`}>{d.fullName}</Link>,
            },
            { dataIndex: 'unitName', title: t('ui.common.unit') },
            {
              dataIndex: 'kind',
              title: t('ui.decl.kind'),
              render: (_, d) => `${t(`ui.decl.kind.${d.kind}`)} ${d.year}`,
            },
            {
              dataIndex: 'status',
              title: t('ui.common.status'),
              render: (_, d) => (
                <Space size={4} wrap>
                  <DeclarationStatus status={d.status} />
                  {d.channel === 'paper' && <Tag>{t('ui.decl.paper.tag')}</Tag>}
                  {d.receivedByControlAt && <Tag>{t('ui.decl.receivedByControl')}</Tag>}
                </Space>
              ),
            },
            {
              dataIndex: 'submittedAt',
              title: t('ui.decl.submittedAt'),
              render: (v: string | null) => formatDateTime(v),
            },
            {
              key: 'due',
              title: t('ui.decl.nextDue'),
              render: (_, d) => {
                // A date passed is marked, not only printed (issue-18 review: 2025's "publish by
                // 10/01/2026" read the same in December 2026).
                const due = (key: MessageKey, on: string | null) =>
                  on && on < today ? (
                    <StatusTag tone="danger">{`${t(key, { date: formatDate(on) })} · ${t('ui.clockState.overdue')}`}</StatusTag>
                  ) : (
                    t(key, { date: formatDate(on) })
                  );
                return d.status === 'accepted'
                  ? due('ui.decl.handoverBy', d.handoverDueOn)
                  : d.status === 'handed_over'
                    ? d.publicationId
                      ? t('ui.decl.published')
                      : d.publicationDueOn
                        ? due('ui.decl.publishBy', d.publicationDueOn)
                        : t('ui.decl.toPublish')
                    : d.status === 'returned'
                      ? due('ui.decl.correctBy', d.correctionDueOn)
                      : '';
              },
            },
            {
              dataIndex: 'increaseVnd',
              title: t('ui.decl.increase'),
              align: 'right',
              render: (v: number | null) =>
                v == null ? '' : `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ₫`,
            },
          ])}
        />
      </QueryState>
      <PaperImport open={entering} onClose={() => setEntering(false)} />
      <PublishModal
        ids={selected}
        open={publishing}
        onClose={() => {
          setPublishing(false);
          setSelected([]);
        }}
      />
      <Publications />
    </>
  );
}

const reasonTone = { position_duty: 'blue', leadership_level: 'purple', added: 'gold' } as const;

/** A round's roster for one unit: who declares and why, who is late, the reminders, sending it up. */
function RosterPanel({ round }: { round: RoundT }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [unitId, setUnitId] = useState<string>(currentUnitId);
  const roster = useQuery({
    queryKey: ['declaration-roster', round.id, unitId],
    queryFn: () => get<z.infer<typeof Roster>>(`/declaration-rounds/${round.id}/roster${qs({ unitId })}`),
    retry: false,
  });
  const officer = canAnywhere('declarations.receive');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Entry | null>(null);
  const [reminding, setReminding] = useState<Entry | null>(null);
  const [addForm] = Form.useForm<{ userId: string; note: string }>();
  const [removeForm] = Form.useForm<{ removedReason: string }>();
  const [remindForm] = Form.useForm<{ on: string; ref: string }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['declaration-roster', round.id] });
  const post = async (path: string, body: unknown, ok: MessageKey) => {
    try {
      const res = await api<Record<string, number | string>>('POST', path, body);
      message.success(t(ok, res as Record<string, string | number>));
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const entries = roster.data?.entries ?? [];
  const active = entries.filter((e) => !e.removedReason);
  return (
    <>
      <div className="toolbar">
        <div style={{ width: 320 }}>
          <UnitSelect
            value={unitId}
            onChange={(v) => setUnitId(v as string)}
            aria-label={t('ui.common.unit')}
          />
        </div>
        {officer && roster.data && (
          <>
            <Button
              onClick={() =>
                post(`/declaration-rounds/${round.id}/roster/refresh`, { unitId }, 'ui.decl.refreshed')
              }
            >
              {t('ui.decl.refresh')}
            </Button>
            <Button onClick={() => setAdding(true)}>{t('ui.decl.addPerson')}</Button>
            <Button
              type="primary"
              onClick={() => post(`/declaration-rounds/${round.id}/roster/send`, { unitId }, 'ui.decl.sent')}
            >
              {t('ui.decl.send')}
            </Button>
          </>
        )}
      </div>
      {roster.data && (
        <p>
          {t('ui.decl.rosterSummary', {
            n: active.length,
            done: active.filter((e) => e.declarationId).length,
            late: active.filter((e) => e.late).length,
          })}{' '}
          {roster.data.sentAt
            ? t('ui.decl.sentAt', { at: formatDateTime(roster.data.sentAt) })
            : t('ui.decl.notSent')}
        </p>
      )}
      <QueryState isLoading={roster.isLoading} error={roster.error}>
        <Table<Entry>
          className={PHONE_CARDS}
          rowKey="id"
          size="middle"
          scroll={{ x: true }}
          dataSource={entries}
          pagination={{ pageSize: 50, showTotal: (total) => t('ui.common.total', { total }) }}
          locale={{ emptyText: t('ui.decl.rosterEmpty') }}
          rowClassName={(e) => (e.removedReason ? 'row-muted' : '')}
          columns={labelCells<Entry>([
            { dataIndex: 'fullName', title: t('ui.decl.declarant') },
            { dataIndex: 'unitName', title: t('ui.common.unit') },
            { dataIndex: 'positionName', title: t('ui.decl.position') },
            {
              dataIndex: 'reason',
              title: t('ui.decl.why'),
              render: (_, e) => (
                <Tooltip title={e.note ?? undefined}>
                  <Tag color={reasonTone[e.reason]}>{t(`ui.decl.reason.${e.reason}`)}</Tag>
                </Tooltip>
              ),
            },
            {
              key: 'state',
              title: t('ui.common.status'),
              render: (_, e) =>
                e.removedReason ? (
                  <Tooltip title={e.removedReason}>
                    <StatusTag tone="muted">{t('ui.decl.removed')}</StatusTag>
                  </Tooltip>
                ) : e.declarationStatus ? (
                  <DeclarationStatus status={e.declarationStatus as Item['status']} />
                ) : e.late ? (
                  <StatusTag tone="danger">{t('ui.decl.late')}</StatusTag>
                ) : (
                  <StatusTag tone="muted">{t('ui.decl.notYet')}</StatusTag>
                ),
            },
            {
              key: 'reminders',
              title: t('ui.decl.reminders'),
              render: (_, e) =>
                [
                  e.firstReminderOn && `${formatDate(e.firstReminderOn)} (${e.firstReminderRef})`,
                  e.secondReminderOn && `${formatDate(e.secondReminderOn)} (${e.secondReminderRef})`,
                ]
                  .filter(Boolean)
                  .join('; '),
            },
            ...(officer
              ? [
                  {
                    key: 'actions',
                    title: t('ui.common.actions'),
                    render: (_: unknown, e: Entry) => (
                      <Space size={4} wrap>
                        {e.removedReason ? (
                          <Button
                            size="small"
                            onClick={async () => {
                              await api('PATCH', `/declaration-roster/${e.id}`, { removedReason: null });
                              await refresh();
                            }}
                          >
                            {t('ui.decl.restore')}
                          </Button>
                        ) : (
                          <>
                            {!e.declarationId && !e.secondReminderOn && (
                              <Button size="small" onClick={() => setReminding(e)}>
                                {t('ui.decl.remind')}
                              </Button>
                            )}
                            <Button size="small" danger onClick={() => setRemoving(e)}>
                              {t('ui.decl.remove')}
                            </Button>
                          </>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ])}
        />
      </QueryState>
      <FormModal
        open={adding}
        title={t('ui.decl.addPerson')}
        form={addForm}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await api('POST', `/declaration-rounds/${round.id}/roster`, v);
          setAdding(false);
          await refresh();
        }}
      >
        <Form.Item
          name="userId"
          label={t('ui.decl.declarant')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <UserSelect />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('ui.decl.addReason')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!removing}
        title={`${t('ui.decl.remove')} — ${removing?.fullName ?? ''}`}
        form={removeForm}
        onClose={() => setRemoving(null)}
        onSubmit={async (v) => {
          await api('PATCH', `/declaration-roster/${removing!.id}`, v);
          setRemoving(null);
          await refresh();
        }}
      >
        <Form.Item
          name="removedReason"
          label={t('ui.decl.removeReason')}
          rules={[{ required: true, min: 10, message: t('field.too_short', { min: 10 }) }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!reminding}
        title={`${t('ui.decl.remind')} — ${reminding?.fullName ?? ''}`}
        form={remindForm}
        onClose={() => setReminding(null)}
        onSubmit={async (v) => {
          await api('PATCH', `/declaration-roster/${reminding!.id}`, { reminder: v });
          setReminding(null);
          await refresh();
        }}
      >
        <Form.Item
          name={['on']}
          label={t('ui.decl.remindedOn')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item
          name={['ref']}
          label={t('ui.decl.documentNumber')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input placeholder="12/TB-TTr" />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Rounds() {
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const rounds = useQuery({
    queryKey: ['declaration-rounds'],
    queryFn: () => get<RoundT[]>('/declaration-rounds'),
  });
  const [url, setUrl] = useUrlState<'round'>();
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm<{
    unitId: string;
    year: number;
    rosterDueOn: string;
    declareDueOn: string;
    handoverDueOn: string;
  }>();
  const current = rounds.data?.find((r) => r.id === url.round) ?? rounds.data?.[0];
  const year = new Date().getFullYear();
  return (
    <>
      {canAnywhere('declarations.control') && (
        <div className="toolbar">
          <Button type="primary" onClick={() => setOpening(true)}>
            {t('ui.decl.openRound')}
          </Button>
        </div>
      )}
      <QueryState isLoading={rounds.isLoading} error={rounds.error} isEmpty={rounds.data?.length === 0}>
        <Table<RoundT>
          className={PHONE_CARDS}
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rounds.data ?? []}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: current ? [current.id] : [],
            onChange: (keys) => setUrl({ round: String(keys[0]) }),
          }}
          columns={labelCells<RoundT>([
            { dataIndex: 'year', title: t('ui.decl.year') },
            { dataIndex: 'unitName', title: t('ui.decl.controlScope') },
            { dataIndex: 'rosterDueOn', title: t('ui.decl.rosterDue'), render: (v: string) => formatDate(v) },
            {
              dataIndex: 'declareDueOn',
              title: t('ui.decl.declareDue'),
              render: (v: string) => formatDate(v),
            },
            {
              dataIndex: 'handoverDueOn',
              title: t('ui.decl.handoverDue'),
              render: (v: string) => formatDate(v),
            },
            {
              key: 'progress',
              title: t('ui.decl.progress'),
              render: (_, r) => t('ui.decl.progressValue', { done: r.submitted, n: r.declarants }),
            },
          ])}
        />
        {current && (
          <section style={{ marginTop: 24 }} aria-label={t('ui.decl.roster')}>
            <h2>{t('ui.decl.rosterOf', { year: current.year })}</h2>
            <RosterPanel key={current.id} round={current} />
          </section>
        )}
      </QueryState>
      <FormModal
        open={opening}
        title={t('ui.decl.openRound')}
        form={form}
        initialValues={{
          unitId: currentUnitId,
          year,
          rosterDueOn: `${year}-12-09`,
          declareDueOn: `${year}-12-31`,
          handoverDueOn: `${year + 1}-01-16`,
        }}
        onClose={() => setOpening(false)}
        onSubmit={async (v) => {
          const made = await api<RoundT>('POST', '/declaration-rounds', v);
          setOpening(false);
          setUrl({ round: made.id });
          await qc.invalidateQueries({ queryKey: ['declaration-rounds'] });
        }}
      >
        <Form.Item
          name="unitId"
          label={t('ui.decl.controlScope')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <UnitSelect />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('ui.decl.year')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <NumberInput min={2020} precision={0} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        {(['rosterDueOn', 'declareDueOn', 'handoverDueOn'] as const).map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={t(
              f === 'rosterDueOn'
                ? 'ui.decl.rosterDue'
                : f === 'declareDueOn'
                  ? 'ui.decl.declareDue'
                  : 'ui.decl.handoverDue',
            )}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <DateInput />
          </Form.Item>
        ))}
      </FormModal>
    </>
  );
}

export default function DeclarationsPage() {
  const { t } = useT();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'tab'>();
  const staff = canAnywhere('declarations.receive') || canAnywhere('declarations.control');
  const control = canAnywhere('declarations.control');
  const items = [
    canAnywhere('declarations.declare') && { key: 'mine', label: t('ui.decl.tab.mine'), children: <Mine /> },
    staff && { key: 'register', label: t('ui.decl.tab.register'), children: <Register /> },
    staff && { key: 'rounds', label: t('ui.decl.tab.rounds'), children: <Rounds /> },
    control && { key: 'lottery', label: t('ui.decl.tab.lottery'), children: <Plans /> },
    control && { key: 'verifications', label: t('ui.decl.tab.verifications'), children: <Cases /> },
    control && { key: 'risk', label: t('ui.decl.tab.risk'), children: <Risks /> },
  ].filter((x) => !!x);
  return (
    <>
      <PageHeader title={t('ui.nav.declarations')} />
      <Tabs
        activeKey={url.tab ?? (staff ? 'register' : 'mine')}
        onChange={(k) => setUrl({ tab: k })}
        items={items}
      />
    </>
  );
}
