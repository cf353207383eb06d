import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import { CalendarDayBody, type Regime as RegimeSchema } from '#shared/clocks/schemas.ts';
import type { DeclarationParameter } from '#shared/declarations/schemas.ts';
import { leadershipLevels } from '#shared/org/schemas.ts';
import { canAtRoot } from '#shared/permissions.ts';
import type { DuePeriod } from '#shared/plans/periods.ts';
import { dayNameIn, legalSourceIn } from '#shared/referenceText.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatNumber, periodLabel } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';

type Regime = z.infer<typeof RegimeSchema>;
type Parameter = z.infer<typeof DeclarationParameter>;

interface Rule {
  id: string;
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  legalSource: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  length: number;
  unit: string;
  startEvent: string;
  confirmed: boolean;
  extensions: Array<{ code: string; times: number; length: number; unit: string }>;
}
interface Day {
  date: string;
  kind: 'holiday' | 'day_off' | 'working_day';
  name: string;
  source: string;
  noticeNo: string | null;
  noticeDate: string | null;
}

const kindTone = { holiday: 'danger', day_off: 'warn', working_day: 'info' } as const;

export default function ClocksPage() {
  const { t, lang } = useT();
  const { actor } = useSession();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const manage = canAtRoot(actor, 'clocks.manage');
  const [url, setUrl] = useUrlState<'tab' | 'year'>();
  const year = Number(url.year ?? new Date().getFullYear());
  const [editing, setEditing] = useState<Rule | null>(null);
  const [editingRegime, setEditingRegime] = useState<Regime | null>(null);
  const [newVersion, setNewVersion] = useState(false);
  const [versionForm] = Form.useForm<{
    code: string;
    amountVnd?: number;
    value?: string;
    effectiveFrom: string;
    legalSource: string;
    evidence: 'primary' | 'secondary';
  }>();
  const versionCode = Form.useWatch('code', versionForm);
  const [regimeForm] = Form.useForm<{
    unitDueDay: number | null;
    provinceDueDay: number | null;
    effectiveTo: string | null;
    legalSource: string;
  }>();
  // The day being added ('new') or corrected (its notice's number, say).
  const [editingDay, setEditingDay] = useState<Day | 'new' | null>(null);
  const [ruleForm] = Form.useForm<{ length: number; legalSource: string }>();
  const [dayForm] = Form.useForm<{
    date: Dayjs;
    kind: Day['kind'];
    name: string;
    source: string;
    noticeNo?: string;
    noticeDate?: string | null;
  }>();

  const rules = useQuery({ queryKey: ['clocks', 'rules'], queryFn: () => get<Rule[]>('/clocks/rules') });
  const calendars = useQuery({
    queryKey: ['clocks', 'calendars'],
    queryFn: () => get<Array<{ id: string; name: string }>>('/clocks/calendars'),
  });
  const calendarId = calendars.data?.[0]?.id;
  const days = useQuery({
    queryKey: ['clocks', 'days', calendarId, year],
    queryFn: () => get<Day[]>(`/clocks/calendars/${calendarId}/days?year=${year}`),
    enabled: !!calendarId,
  });
  const periods = useQuery({
    queryKey: ['clocks', 'periods', year],
    queryFn: () => get<Array<DuePeriod & { calendarKnown: boolean }>>(`/clocks/periods?year=${year}`),
    enabled: url.tab === 'periods',
  });
  const regimes = useQuery({
    queryKey: ['clocks', 'regimes'],
    queryFn: () => get<Regime[]>('/clocks/regimes'),
    enabled: url.tab === 'periods',
  });
  const parameters = useQuery({
    queryKey: ['declarations', 'parameters'],
    queryFn: () => get<Parameter[]>('/declarations/parameters?history=true'),
    enabled: url.tab === 'parameters',
  });
  const unitLabel = (u: string) => labelOf(t, 'clockUnit', u);
  // Rules and regimes both name their legal source.
  const legalSourceField = (
    <Form.Item
      name="legalSource"
      label={t('ui.clocks.legalSource')}
      rules={[{ required: true, message: t('field.required') }]}
      required
    >
      <Input.TextArea rows={2} />
    </Form.Item>
  );
  const thisYear = new Date().getFullYear();
  const yearSelect = (
    <Select
      aria-label={t('ui.clocks.year')}
      value={year}
      onChange={(y) => setUrl({ year: String(y) }, false)}
      options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
        value: y,
        label: String(y),
      }))}
      style={{ width: 120 }}
    />
  );
  // A year without a holiday is a year nobody entered: its working days are counted as if it had none.
  const noHolidays = days.data && !days.data.some((d) => d.kind === 'holiday');

  return (
    <>
      <PageHeader title={t('ui.clocks.title')} />
      <Tabs
        activeKey={url.tab ?? 'rules'}
        onChange={(tab) => setUrl({ tab }, false)}
        items={[
          {
            key: 'rules',
            label: t('ui.clocks.rules'),
            children: (
              <QueryState
                isLoading={rules.isLoading}
                error={rules.error}
                onRetry={() => void rules.refetch()}
              >
                <Table<Rule>
                  aria-label={t('ui.clocks.rules')}
                  size="middle"
                  rowKey="id"
                  dataSource={rules.data ?? []}
                  pagination={false}
                  className={`wide-table ${PHONE_CARDS}`}
                  columns={labelCells<Rule>(
                    [
                      {
                        key: 'name',
                        title: t('ui.common.name'),
                        // Wraps: the rule's length, start, extensions and basis stay in sight at 1280 px.
                        render: (_, r) => <Wrap width={240}>{lang === 'en' ? r.nameEn : r.nameVi}</Wrap>,
                      },
                      {
                        key: 'length',
                        // The period and how it may be extended, one under the other: side by side they
                        // pushed the legal basis and its dates past 1,280 px (issue 17 §11).
                        title: `${t('ui.clocks.length')} · ${t('ui.clocks.extensions')}`,
                        render: (_, r) => (
                          <Wrap width={190}>
                            <div className="nowrap">{`${r.length} ${unitLabel(r.unit)}`}</div>
                            {r.extensions.length > 0 && (
                              <Space
                                orientation="vertical"
                                size={4}
                                className="tags-wrap"
                                style={{ marginTop: 4 }}
                              >
                                {r.extensions.map((e) => (
                                  <Tag key={e.code}>
                                    {`+ ${labelOf(t, 'ui.reports.extension', e.code)}: ${e.times} × ${e.length} ${unitLabel(e.unit)}`}
                                  </Tag>
                                ))}
                              </Space>
                            )}
                          </Wrap>
                        ),
                      },
                      {
                        key: 'start',
                        title: t('ui.clocks.startEvent'),
                        render: (_, r) => <Wrap width={160}>{labelOf(t, 'clockEvent', r.startEvent)}</Wrap>,
                      },
                      {
                        key: 'source',
                        title: `${t('ui.clocks.legalSource')} · ${t('ui.clocks.effective')}`,
                        // Wraps, as the other tabs' bases do: at full length it pushed the rule's dates and
                        // its edit button past 2,000 px (sec31 UX 6). The dates it is in force come under it.
                        render: (_, r) => (
                          <Wrap width={210}>
                            {!r.confirmed && <StatusTag tone="warn">{t('ui.insp.unconfirmed')}</StatusTag>}{' '}
                            {legalSourceIn(r.legalSource, lang)}
                            <div className="nowrap muted">
                              {r.effectiveTo
                                ? `${formatDate(r.effectiveFrom)} – ${formatDate(r.effectiveTo)}`
                                : t('ui.clocks.since', { date: formatDate(r.effectiveFrom) })}
                            </div>
                          </Wrap>
                        ),
                      },
                      ...(manage
                        ? [
                            {
                              key: 'edit',
                              title: t('ui.common.actions'),
                              className: 'pin-right',
                              render: (_: unknown, r: Rule) => (
                                <Button size="small" onClick={() => setEditing(r)}>
                                  {t('ui.common.edit')}
                                </Button>
                              ),
                            },
                          ]
                        : []),
                    ],
                    'name',
                  )}
                />
              </QueryState>
            ),
          },
          {
            key: 'periods',
            label: t('ui.clocks.periods'),
            children: (
              <>
                <div className="toolbar">{yearSelect}</div>
                <QueryState
                  isLoading={periods.isLoading}
                  error={periods.error}
                  onRetry={() => void periods.refetch()}
                >
                  <Table<DuePeriod & { calendarKnown: boolean }>
                    aria-label={t('ui.clocks.periods')}
                    size="middle"
                    rowKey="code"
                    dataSource={periods.data ?? []}
                    pagination={false}
                    locale={{ emptyText: t('ui.clocks.noRegime') }}
                    scroll={{ x: 'max-content' }}
                    className={PHONE_CARDS}
                    columns={labelCells<DuePeriod & { calendarKnown: boolean }>([
                      {
                        key: 'code',
                        title: t('ui.plans.period'),
                        render: (_, p) => periodLabel(t, p.code, lang),
                      },
                      {
                        key: 'range',
                        title: t('ui.clocks.periodRange'),
                        render: (_, p) => (
                          <span style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(p.from)} – {formatDate(p.to)}
                          </span>
                        ),
                      },
                      {
                        key: 'unit',
                        title: t('ui.clocks.unitDue'),
                        render: (_, p) => (p.unitDueOn ? formatDate(p.unitDueOn) : t('ui.clocks.dueUnknown')),
                      },
                      {
                        key: 'province',
                        cardLabel: t('ui.clocks.provinceDue'),
                        // The header wraps (in English it is long); the dates below do not.
                        title: (
                          <span style={{ display: 'inline-block', maxWidth: 170 }}>
                            {t('ui.clocks.provinceDue')}
                          </span>
                        ),
                        render: (_, p) => (
                          <Space wrap>
                            {p.provinceDueOn ? formatDate(p.provinceDueOn) : t('ui.clocks.dueUnknown')}
                            {!p.calendarKnown && (
                              <StatusTag tone="warn">
                                {t('ui.home.calendarUnknown', {
                                  year: (p.provinceDueOn ?? p.to).slice(0, 4),
                                })}
                              </StatusTag>
                            )}
                          </Space>
                        ),
                      },
                      {
                        key: 'source',
                        title: t('ui.clocks.legalSource'),
                        // Wraps: the due dates stay in sight at 1280 px.
                        render: (_, p) => (
                          <span style={{ display: 'inline-block', maxWidth: 180 }}>
                            {legalSourceIn(p.legalSource, lang)}
                          </span>
                        ),
                      },
                    ])}
                  />
                </QueryState>
                <Typography.Title level={5} style={{ marginTop: 24 }}>
                  {t('ui.clocks.regimes')}
                </Typography.Title>
                <Table<Regime>
                  aria-label={t('ui.clocks.regimes')}
                  size="middle"
                  rowKey="id"
                  loading={regimes.isLoading}
                  dataSource={regimes.data ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  className={PHONE_CARDS}
                  columns={labelCells<Regime>([
                    {
                      key: 'name',
                      title: t('ui.common.name'),
                      render: (_, r) => (
                        <span style={{ display: 'inline-block', maxWidth: 220 }}>
                          {lang === 'vi' ? r.nameVi : r.nameEn}
                        </span>
                      ),
                    },
                    {
                      key: 'effective',
                      title: t('ui.clocks.effective'),
                      render: (_, r) => (
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {formatDate(r.effectiveFrom)} – {r.effectiveTo ? formatDate(r.effectiveTo) : '…'}
                        </span>
                      ),
                    },
                    {
                      key: 'days',
                      title: t('ui.clocks.regimeDays'),
                      render: (_, r) =>
                        r.unitDueDay || r.provinceDueDay
                          ? t('ui.clocks.regimeDaysValue', {
                              unit: r.unitDueDay ?? '—',
                              province: r.provinceDueDay ?? '—',
                            })
                          : t('ui.clocks.dueUnknown'),
                    },
                    {
                      key: 'source',
                      title: t('ui.clocks.legalSource'),
                      render: (_, r) => (
                        <span style={{ display: 'inline-block', maxWidth: 200 }}>
                          {legalSourceIn(r.legalSource, lang)}
                        </span>
                      ),
                    },
                    ...(manage
                      ? [
                          {
                            key: 'actions',
                            title: t('ui.common.actions'),
                            fixed: 'right' as const,
                            render: (_: unknown, r: Regime) => (
                              <Button size="small" onClick={() => setEditingRegime(r)}>
                                {t('ui.common.edit')}
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ])}
                />
              </>
            ),
          },
          {
            key: 'holidays',
            label: t('ui.clocks.holidays'),
            children: (
              <>
                <div className="toolbar">
                  {yearSelect}
                  {manage && <Button onClick={() => setEditingDay('new')}>{t('ui.clocks.addDay')}</Button>}
                </div>
                {noHolidays && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t('ui.clocks.noCalendar', { year })}
                  />
                )}
                <QueryState isLoading={days.isLoading} error={days.error} onRetry={() => void days.refetch()}>
                  <Table<Day>
                    aria-label={t('ui.clocks.holidays')}
                    size="middle"
                    rowKey="date"
                    dataSource={days.data ?? []}
                    pagination={false}
                    locale={{ emptyText: t('ui.common.empty') }}
                    scroll={{ x: 'max-content' }}
                    className={PHONE_CARDS}
                    columns={labelCells<Day>([
                      { key: 'date', title: t('ui.common.date'), render: (_, d) => formatDate(d.date) },
                      {
                        key: 'kind',
                        title: t('ui.clocks.kind'),
                        render: (_, d) => (
                          <StatusTag tone={kindTone[d.kind]}>{t(`ui.clocks.kind.${d.kind}`)}</StatusTag>
                        ),
                      },
                      { key: 'name', title: t('ui.common.name'), render: (_, d) => dayNameIn(d.name, lang) },
                      {
                        key: 'source',
                        title: t('ui.clocks.source'),
                        render: (_, d) => (
                          <span style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}>
                            {d.noticeNo
                              ? t('ui.clocks.notice', {
                                  number: d.noticeNo,
                                  date: d.noticeDate ? formatDate(d.noticeDate) : '—',
                                })
                              : manage && (
                                  <StatusTag tone="warn">{t('ui.clocks.noticeMissing')}</StatusTag>
                                )}{' '}
                            {legalSourceIn(d.source, lang)}
                          </span>
                        ),
                      },
                      ...(manage
                        ? [
                            {
                              key: 'rm',
                              title: t('ui.common.actions'),
                              render: (_: unknown, d: Day) => (
                                <Space size="small">
                                  <Button size="small" onClick={() => setEditingDay(d)}>
                                    {t('ui.common.edit')}
                                  </Button>
                                  <Button
                                    size="small"
                                    danger
                                    onClick={() =>
                                      modal.confirm({
                                        title: t('ui.common.delete'),
                                        content: t('ui.clocks.removeDayConfirm', {
                                          date: formatDate(d.date),
                                        }),
                                        okButtonProps: { danger: true },
                                        okText: t('ui.common.confirm'),
                                        cancelText: t('ui.common.cancel'),
                                        onOk: async () => {
                                          try {
                                            await api(
                                              'DELETE',
                                              `/clocks/calendars/${calendarId}/days/${d.date}`,
                                            );
                                            await qc.invalidateQueries({ queryKey: ['clocks', 'days'] });
                                          } catch (e) {
                                            message.error(e instanceof Error ? e.message : String(e));
                                          }
                                        },
                                      })
                                    }
                                  >
                                    {t('ui.common.delete')}
                                  </Button>
                                </Space>
                              ),
                            },
                          ]
                        : []),
                    ])}
                  />
                </QueryState>
              </>
            ),
          },
          {
            key: 'parameters',
            label: t('ui.clocks.parameters'),
            children: (
              <>
                <div className="toolbar">
                  <Typography.Text type="secondary">{t('ui.clocks.parametersExplain')}</Typography.Text>
                  {manage && <Button onClick={() => setNewVersion(true)}>{t('ui.clocks.newVersion')}</Button>}
                </div>
                <Table<Parameter>
                  aria-label={t('ui.clocks.parameters')}
                  size="middle"
                  rowKey={(p) => `${p.code}-${p.effectiveFrom}`}
                  loading={parameters.isLoading}
                  dataSource={parameters.data ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  className={PHONE_CARDS}
                  columns={labelCells<Parameter>([
                    {
                      key: 'name',
                      title: t('ui.common.name'),
                      render: (_, p) => (
                        <span style={{ display: 'inline-block', maxWidth: 280 }}>
                          {lang === 'vi' ? p.nameVi : p.nameEn}
                        </span>
                      ),
                    },
                    {
                      key: 'value',
                      title: t('ui.clocks.parameterValue'),
                      render: (_, p) =>
                        p.amountVnd !== null ? (
                          <span className="nowrap">{formatNumber(p.amountVnd, lang)} ₫</span>
                        ) : (
                          <span style={{ display: 'inline-block', maxWidth: 200 }}>
                            {labelOf(t, 'ui.clocks.parameterCode', p.value ?? '')}
                          </span>
                        ),
                    },
                    {
                      key: 'effective',
                      title: t('ui.clocks.effective'),
                      className: 'nowrap',
                      render: (_, p) =>
                        `${formatDate(p.effectiveFrom)} – ${p.effectiveTo ? formatDate(p.effectiveTo) : '…'}`,
                    },
                    {
                      key: 'source',
                      title: t('ui.clocks.legalSource'),
                      render: (_, p) => (
                        <div className="tags-wrap" style={{ maxWidth: 260 }}>
                          {legalSourceIn(p.legalSource, lang)}
                          {p.evidence === 'secondary' && (
                            <div>
                              <StatusTag tone="warn">{t('ui.clocks.secondarySource')}</StatusTag>
                            </div>
                          )}
                        </div>
                      ),
                    },
                  ])}
                />
              </>
            ),
          },
        ]}
      />
      <FormModal
        open={!!editing}
        title={t('ui.clocks.editRule')}
        form={ruleForm}
        initialValues={editing ? { length: editing.length, legalSource: editing.legalSource } : undefined}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await api('PATCH', `/clocks/rules/${editing!.id}`, { ...v, version: editing!.version });
          setEditing(null);
          await qc.invalidateQueries({ queryKey: ['clocks', 'rules'] });
        }}
      >
        <Form.Item
          name="length"
          label={t('ui.clocks.length')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <NumberInput min={1} max={3650} style={{ width: '100%' }} />
        </Form.Item>
        {legalSourceField}
      </FormModal>
      <FormModal
        open={!!editingRegime}
        title={t('ui.clocks.editRegime')}
        form={regimeForm}
        initialValues={
          editingRegime
            ? {
                unitDueDay: editingRegime.unitDueDay,
                provinceDueDay: editingRegime.provinceDueDay,
                effectiveTo: editingRegime.effectiveTo,
                legalSource: editingRegime.legalSource,
              }
            : undefined
        }
        onClose={() => setEditingRegime(null)}
        onSubmit={async (v) => {
          await api('PATCH', `/clocks/regimes/${editingRegime!.id}`, {
            unitDueDay: v.unitDueDay ?? null,
            provinceDueDay: v.provinceDueDay ?? null,
            effectiveTo: v.effectiveTo || null,
            legalSource: v.legalSource,
            version: editingRegime!.version,
          });
          setEditingRegime(null);
          await qc.invalidateQueries({ queryKey: ['clocks'] });
        }}
      >
        <Typography.Paragraph type="secondary">{t('ui.clocks.regimeExplain')}</Typography.Paragraph>
        <Form.Item name="unitDueDay" label={t('ui.clocks.unitDueDay')}>
          <NumberInput min={1} max={28} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="provinceDueDay" label={t('ui.clocks.provinceDueDay')}>
          <NumberInput min={1} max={28} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="effectiveTo" label={t('ui.clocks.effectiveTo')}>
          <DateInput />
        </Form.Item>
        {legalSourceField}
      </FormModal>
      <FormModal
        open={newVersion}
        title={t('ui.clocks.newVersion')}
        form={versionForm}
        initialValues={{ evidence: 'primary' }}
        onClose={() => setNewVersion(false)}
        onSubmit={async (v) => {
          await api('POST', '/declarations/parameters', v);
          setNewVersion(false);
          await qc.invalidateQueries({ queryKey: ['declarations'] });
        }}
      >
        <Form.Item
          name="code"
          label={t('ui.common.name')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            options={[...new Map((parameters.data ?? []).map((p) => [p.code, p])).values()].map((p) => ({
              value: p.code,
              label: lang === 'vi' ? p.nameVi : p.nameEn,
            }))}
          />
        </Form.Item>
        {parameters.data?.find((p) => p.code === versionCode)?.amountVnd !== null ? (
          <Form.Item name="amountVnd" label={t('ui.clocks.parameterValue')}>
            <NumberInput min={0} step={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="value" label={t('ui.clocks.parameterValue')}>
            <Select
              options={leadershipLevels.map((l) => ({
                value: l,
                label: t(`ui.clocks.parameterCode.${l}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="effectiveFrom"
          label={t('ui.clocks.effectiveFrom')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <DateInput />
        </Form.Item>
        {legalSourceField}
        <Form.Item name="evidence" label={t('ui.clocks.evidence')}>
          <Select
            options={(['primary', 'secondary'] as const).map((e) => ({
              value: e,
              label: t(`ui.clocks.evidenceCode.${e}`),
            }))}
          />
        </Form.Item>
      </FormModal>
      <FormModal
        open={!!editingDay}
        title={t(editingDay === 'new' ? 'ui.clocks.addDay' : 'ui.clocks.editDay')}
        form={dayForm}
        initialValues={
          editingDay && editingDay !== 'new'
            ? {
                ...editingDay,
                date: dayjs(editingDay.date),
                noticeNo: editingDay.noticeNo ?? undefined,
              }
            : { kind: 'holiday' }
        }
        onClose={() => setEditingDay(null)}
        onSubmit={async (v) => {
          await api('PUT', `/clocks/calendars/${calendarId}/days`, {
            ...v,
            date: v.date.format('YYYY-MM-DD'),
            noticeNo: v.noticeNo || null,
            noticeDate: v.noticeDate || null,
          });
          setEditingDay(null);
          await qc.invalidateQueries({ queryKey: ['clocks', 'days'] });
        }}
      >
        <Form.Item
          name="date"
          label={t('ui.common.date')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabled={editingDay !== 'new'} />
        </Form.Item>
        <Form.Item name="kind" label={t('ui.clocks.kind')} required>
          <Select
            options={(['holiday', 'day_off', 'working_day'] as const).map((k) => ({
              value: k,
              label: t(`ui.clocks.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('ui.common.name')}
          rules={[zodRule(CalendarDayBody.shape.name, t)]}
          required
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('ui.clocks.source')}
          rules={[zodRule(CalendarDayBody.shape.source, t)]}
          required
        >
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="noticeNo"
            label={t('ui.clocks.noticeNo')}
            rules={[zodRule(CalendarDayBody.shape.noticeNo, t)]}
          >
            <Input placeholder="6150/TB-BLĐTBXH" maxLength={60} />
          </Form.Item>
          <Form.Item name="noticeDate" label={t('ui.clocks.noticeDate')}>
            <DateInput />
          </Form.Item>
        </Space>
      </FormModal>
    </>
  );
}
