import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Table } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { z } from 'zod';
import {
  type AttendeeList as AttendeeListSchema,
  audiences,
  type Coverage,
  type OutreachEvent,
  outreachKinds,
} from '#shared/outreach/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate, formatNumber, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FileListField } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, Section } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Event = z.infer<typeof OutreachEvent>;
type AttendeeList = z.infer<typeof AttendeeListSchema>;
type CoverageData = z.infer<typeof Coverage>;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The year's events and campaigns, and the share of each unit's staff trained, as a chart. */
export default function OutreachPage() {
  const { t, lang } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'kind' | 'audience' | 'q' | 'dialog' | 'event' | 'unitId'>();
  const year = Number(url.year ?? today().slice(0, 4));
  const handler = canAnywhere('integrity.handle');
  const [form] = Form.useForm();
  // Files are uploaded to the unit the event is for.
  const unitInForm = Form.useWatch('unitId', form) as string | undefined;
  const coverage = useQuery({
    queryKey: ['outreach', 'coverage', year, url.unitId],
    queryFn: () => get<CoverageData>(`/outreach/coverage${qs({ year, unitId: url.unitId })}`),
  });
  const editing = useQuery({
    queryKey: ['outreach', 'one', url.event],
    queryFn: () => get<Event>(`/outreach/${url.event}`),
    enabled: !!url.event,
  });
  const filters = { year, kind: url.kind, audience: url.audience, q: url.q, unitId: url.unitId };
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, event: undefined }, false);
  const units = coverage.data?.units ?? [];
  const stated = units.filter((u) => u.share !== null);
  // The unit whose figures are being stated (kept in the address like an event being edited).
  const stating = url.dialog === 'staff' ? units.find((u) => u.unitId === url.event && !u.own) : undefined;
  const [staffForm] = Form.useForm();
  // Counted from its attendance list once one is imported: not typed over it (rev28).
  const fromList = !!url.event && (editing.data?.attendees ?? 0) > 0;
  return (
    <>
      <PageHeader
        title={t('ui.out.title')}
        extra={
          handler && (
            <Space wrap>
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.out.import')}</Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'event' }, false)}>
                {t('ui.out.add')}
              </Button>
            </Space>
          )
        }
      />
      {units.length > 0 && (
        <Section title={t('ui.out.coverage', { year })}>
          {stated.length > 0 && (
            <ReactEChartsCore
              echarts={echarts}
              style={{ height: Math.max(160, 28 * Math.min(stated.length, 20) + 60) }}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: {
                  type: 'category',
                  inverse: true,
                  data: stated.slice(0, 20).map((u) => u.unitName),
                  axisLabel: { width: 220, overflow: 'truncate' },
                },
                series: [
                  {
                    name: t('ui.out.share'),
                    type: 'bar',
                    color: '#0b5cad',
                    data: stated.slice(0, 20).map((u) => Math.round((u.share ?? 0) * 100)),
                  },
                ],
              }}
            />
          )}
          <Table
            size="small"
            rowKey={(u) => `${u.unitId}-${u.own}`}
            aria-label={t('ui.out.coverage', { year })}
            pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            dataSource={units}
            scroll={{ x: true }}
            footer={() => t('ui.out.staffNote')}
            className={PHONE_CARDS}
            columns={labelCells<(typeof units)[number]>([
              {
                title: t('ui.common.unit'),
                width: 220,
                render: (_, u) => (u.own ? t('ui.out.ownLevel', { unit: u.unitName }) : u.unitName),
              },
              {
                title: t('ui.out.staff'),
                align: 'right',
                render: (_, u) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {u.own ? '' : u.staff === null ? t('ui.out.notStated') : formatNumber(u.staff, lang)}
                  </span>
                ),
              },
              {
                title: t('ui.out.trained'),
                align: 'right',
                render: (_, u) => (u.trained === null ? '' : formatNumber(u.trained, lang)),
              },
              {
                title: t('ui.out.share'),
                align: 'right',
                render: (_, u) => (u.share === null ? '' : `${Math.round(u.share * 100)}%`),
              },
              { title: t('ui.out.events'), align: 'right', render: (_, u) => formatNumber(u.events, lang) },
              {
                title: t('ui.out.attendances'),
                align: 'right',
                render: (_, u) => formatNumber(u.attendances, lang),
              },
              {
                title: '',
                render: (_, u) =>
                  u.canState && !u.own ? (
                    <Button size="small" onClick={() => setUrl({ dialog: 'staff', event: u.unitId }, false)}>
                      {t('ui.out.state')}
                    </Button>
                  ) : null,
              },
            ])}
          />
        </Section>
      )}
      {(coverage.data?.audiences.length ?? 0) > 0 && (
        <Section title={t('ui.out.byAudience', { year })}>
          <Table
            size="small"
            rowKey="audience"
            aria-label={t('ui.out.byAudience', { year })}
            pagination={false}
            dataSource={coverage.data?.audiences}
            footer={() => t('ui.out.audienceNote')}
            columns={[
              { title: t('ui.out.audiences'), render: (_, a) => t(`ui.out.audience.${a.audience}`) },
              { title: t('ui.out.events'), align: 'right', render: (_, a) => formatNumber(a.events, lang) },
              {
                title: t('ui.out.participants'),
                align: 'right',
                render: (_, a) => formatNumber(a.participants, lang),
              },
            ]}
          />
        </Section>
      )}
      <FormModal
        open={url.dialog === 'staff' && !!stating}
        name="staff"
        title={t('ui.out.stateTitle', { year, unit: stating?.unitName ?? '' })}
        form={staffForm}
        initialValues={{ staff: stating?.staff ?? undefined, staffTrained: stating?.trained ?? undefined }}
        onClose={close}
        onSubmit={async (v: { staff: number; staffTrained: number }) => {
          await api('PUT', '/outreach/staff', { ...v, unitId: stating?.unitId, year });
          await qc.invalidateQueries({ queryKey: ['outreach', 'coverage'] });
          close();
        }}
      >
        <p className="muted">{t('ui.out.stateHint')}</p>
        <Space wrap>
          <Form.Item name="staff" label={t('ui.out.staff')} {...req}>
            <NumberInput min={1} max={1_000_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="staffTrained" label={t('ui.out.trained')} {...req}>
            <NumberInput min={0} max={1_000_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </FormModal>
      <DataTable<Event>
        ariaLabel={t('ui.out.title')}
        queryKey={['outreach', filters]}
        rowKey="id"
        exportName="tuyen-truyen"
        fetchPage={(p) =>
          get<PageOf<Event>>(`/outreach${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={handler ? (e) => setUrl({ dialog: 'event', event: e.id }, false) : undefined}
        toolbar={<ListSearch url={url} setUrl={setUrl} />}
        filters={
          <>
            <ListFilters url={url} setUrl={setUrl} unit />
            <NumberInput
              aria-label={t('ui.detect.year')}
              value={year}
              min={2000}
              precision={0}
              max={2100}
              onChange={(v) => v && setUrl({ year: String(v) })}
              style={{ width: 110 }}
            />
            <Select
              aria-label={t('ui.out.kind')}
              placeholder={t('ui.out.kind')}
              allowClear
              value={url.kind}
              onChange={(v) => setUrl({ kind: v })}
              options={outreachKinds.map((k) => ({ value: k, label: t(`ui.out.kind.${k}`) }))}
              style={{ width: 220 }}
              popupMatchSelectWidth={false}
            />
            <Select
              aria-label={t('ui.out.audiences')}
              placeholder={t('ui.out.audiences')}
              allowClear
              value={url.audience}
              onChange={(v) => setUrl({ audience: v })}
              options={audiences.map((a) => ({ value: a, label: t(`ui.out.audience.${a}`) }))}
              style={{ width: 220 }}
              popupMatchSelectWidth={false}
            />
          </>
        }
        columns={[
          {
            key: 'title',
            title: t('ui.out.titleField'),
            render: (e) => (
              <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>{e.title}</span>
            ),
          },
          { key: 'unitName', title: t('ui.common.unit'), optional: 'shown', render: (e) => e.unitName },
          {
            key: 'kind',
            title: t('ui.out.kind'),
            value: (e) => t(`ui.out.kind.${e.kind}`),
            render: (e) => t(`ui.out.kind.${e.kind}`),
          },
          {
            key: 'startedOn',
            title: t('ui.out.startedOn'),
            value: (e) => e.startedOn,
            render: (e) => formatDate(e.startedOn),
          },
          {
            key: 'audiences',
            title: t('ui.out.audiences'),
            optional: 'hidden',
            value: (e) => e.audiences.map((a) => t(`ui.out.audience.${a}`)).join('; '),
            render: (e) => e.audiences.map((a) => t(`ui.out.audience.${a}`)).join('; '),
          },
          {
            key: 'participants',
            title: t('ui.out.participantsShort'),
            render: (e) => e.participants.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
          },
          {
            key: 'staffTrained',
            title: t('ui.out.attendances'),
            // By unit in the coverage table above; here on demand, so 1280 px keeps the rest (rev28).
            optional: 'hidden',
            render: (e) => e.staffTrained,
          },
          {
            key: 'costVnd',
            title: t('ui.out.cost'),
            optional: 'hidden',
            value: (e) => e.costVnd,
            render: (e) => formatVnd(e.costVnd, lang),
          },
        ]}
      />
      <FormModal
        open={url.dialog === 'event' && (!url.event || !!editing.data)}
        name="event"
        title={t(url.event ? 'ui.out.edit' : 'ui.out.add')}
        form={form}
        initialValues={
          url.event && editing.data
            ? editing.data
            : {
                unitId: currentUnitId,
                kind: 'training',
                audiences: ['officials'],
                staffTrained: 0,
                costVnd: 0,
              }
        }
        onClose={close}
        onSubmit={async (v: Record<string, unknown>) => {
          const body = { ...v, endedOn: v.endedOn ?? null };
          if (url.event)
            await api('PUT', `/outreach/${url.event}`, { ...body, version: editing.data!.version });
          else await api('POST', '/outreach', body);
          await qc.invalidateQueries({ queryKey: ['outreach'] });
          close();
        }}
      >
        <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item name="title" label={t('ui.out.titleField')} {...req}>
          <Input maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('ui.out.kind')} {...req}>
            <Select
              style={{ width: 260 }}
              options={outreachKinds.map((k) => ({ value: k, label: t(`ui.out.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="startedOn" label={t('ui.out.startedOn')} {...req}>
            <DateInput max={today()} aria-label={t('ui.out.startedOn')} />
          </Form.Item>
          <Form.Item name="endedOn" label={t('ui.out.endedOn')}>
            <DateInput aria-label={t('ui.out.endedOn')} />
          </Form.Item>
        </Space>
        <Form.Item name="audiences" label={t('ui.out.audiences')} {...req}>
          <Select
            mode="multiple"
            options={audiences.map((a) => ({ value: a, label: t(`ui.out.audience.${a}`) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="participants"
            label={t('ui.out.participants')}
            {...req}
            extra={fromList ? t('ui.out.countedFromList') : undefined}
          >
            <NumberInput min={0} precision={0} style={{ width: 200 }} disabled={fromList} />
          </Form.Item>
          <Form.Item name="staffTrained" label={t('ui.out.staffTrained')}>
            <NumberInput min={0} precision={0} style={{ width: 200 }} disabled={fromList} />
          </Form.Item>
          <Form.Item name="costVnd" label={t('ui.out.cost')}>
            <NumberInput min={0} precision={0} step={1_000_000} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="materials" label={t('ui.out.materials')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="materialFileIds" label={t('ui.out.materialFiles')}>
          <FileListField unitId={unitInForm ?? currentUnitId} />
        </Form.Item>
        <Form.Item name="note" label={t('ui.out.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {url.event && (
          <Attendees
            eventId={url.event}
            onImport={handler ? () => setUrl({ dialog: 'attendees' }, false) : undefined}
          />
        )}
      </FormModal>
      {handler && url.event && (
        <ImportWizard
          entity="outreach_attendees"
          eventId={url.event}
          open={url.dialog === 'attendees'}
          onClose={() => setUrl({ dialog: 'event' }, false)}
          onDone={() => void qc.invalidateQueries({ queryKey: ['outreach'] })}
        />
      )}
      {handler && (
        <ImportWizard
          entity="outreach_events"
          open={url.dialog === 'import'}
          onClose={close}
          onDone={() => void qc.invalidateQueries({ queryKey: ['outreach'] })}
        />
      )}
    </>
  );
}

/**
 * An event's attendance list, as imported from its sheet: the counts it gives the event and the names;
 * its keeper brings a sheet in (issue 20: participants "imported from a sheet or counted").
 */
function Attendees({ eventId, onImport }: { eventId: string; onImport?: () => void }) {
  const { t } = useT();
  const q = useQuery({
    queryKey: ['outreach', 'attendees', eventId],
    queryFn: () => get<AttendeeList>(`/outreach/${eventId}/attendees`),
  });
  const list = q.data;
  const staff = list?.items.filter((a) => a.staff).length ?? 0;
  return (
    <Section
      title={t('ui.out.attendees')}
      extra={onImport && <Button onClick={onImport}>{t('ui.out.importAttendees')}</Button>}
    >
      {list && list.total === 0 && <p className="muted">{t('ui.out.noAttendees')}</p>}
      {list && list.total > 0 && (
        <>
          <p>{t('ui.out.attendeesCount', { n: list.total, staff })}</p>
          <Table
            size="small"
            rowKey="id"
            aria-label={t('ui.out.attendees')}
            dataSource={list.items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('ui.rot.person'), dataIndex: 'fullName' },
              { title: t('ui.common.unit'), render: (_, a) => a.agency ?? '' },
              { title: t('ui.out.position'), render: (_, a) => a.position ?? '' },
              {
                title: t('ui.out.attendee.staff'),
                render: (_, a) => (a.staff ? '✓' : ''),
              },
            ]}
          />
        </>
      )}
    </Section>
  );
}
