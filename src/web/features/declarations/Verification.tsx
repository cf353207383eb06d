import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type {
  Candidate,
  CaseStep,
  Plan,
  PlanDetail,
  RiskListItem,
  RiskPage,
  RiskRule,
  VerificationCase,
} from '#shared/declarations/schemas.ts';
import { sanctionOutcomes } from '#shared/declarations/schemas.ts';
import { ApiError, api, errorText, get, qs } from '#web/app/api.ts';
import { formatDate, formatDateTime, formatVnd } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';

type PlanT = z.infer<typeof Plan>;
type CandidateT = z.infer<typeof Candidate>;
type CaseT = z.infer<typeof VerificationCase>;
type RiskT = z.infer<typeof RiskListItem>;
type RuleT = z.infer<typeof RiskRule>;

/** The control agency's verification plans and their public lottery (Decree 130 Arts. 14–16). */
export function Plans() {
  const { t } = useT();
  const { currentUnitId } = useSession();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'plan'>();
  const plans = useQuery({
    queryKey: ['verification-plans'],
    queryFn: () => get<PlanT[]>('/verification-plans'),
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ unitId: string; year: number; issuedOn: string }>();
  const current = plans.data?.find((p) => p.id === url.plan) ?? plans.data?.[0];
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('ui.ver.plansIntro')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('ui.ver.howToCheck')}{' '}
        <a href="/lotteries" target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>
          {t('ui.ver.publicPage')}
        </a>
      </Typography.Paragraph>
      <div className="toolbar">
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('ui.ver.newPlan')}
        </Button>
      </div>
      <QueryState isLoading={plans.isLoading} error={plans.error} isEmpty={plans.data?.length === 0}>
        <Table<PlanT>
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: true }}
          dataSource={plans.data ?? []}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: current ? [current.id] : [],
            onChange: (keys) => setUrl({ plan: String(keys[0]) }),
          }}
          columns={[
            { dataIndex: 'year', title: t('ui.decl.year') },
            { dataIndex: 'unitName', title: t('ui.decl.controlScope') },
            { dataIndex: 'issuedOn', title: t('ui.ver.issuedOn'), render: (v: string) => formatDate(v) },
            { dataIndex: 'drawDueOn', title: t('ui.ver.drawDue'), render: (v: string) => formatDate(v) },
            {
              dataIndex: 'status',
              title: t('ui.common.status'),
              render: (s: PlanT['status']) => (
                <StatusTag tone={s === 'drawn' ? 'ok' : s === 'committed' ? 'warn' : 'muted'}>
                  {t(`ui.ver.planStatus.${s}`)}
                </StatusTag>
              ),
            },
            {
              key: 'counts',
              title: t('ui.ver.candidates'),
              render: (_, p) =>
                t('ui.ver.counts', { units: p.units, candidates: p.candidates, selected: p.selected }),
            },
          ]}
        />
        {current && <PlanPanel key={current.id} planId={current.id} />}
      </QueryState>
      <FormModal
        open={creating}
        name="plan"
        title={t('ui.ver.newPlan')}
        form={form}
        initialValues={{ unitId: currentUnitId, year: new Date().getFullYear() + 1, issuedOn: today }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const made = await api<PlanT>('POST', '/verification-plans', v);
          setCreating(false);
          setUrl({ plan: made.id });
          await qc.invalidateQueries({ queryKey: ['verification-plans'] });
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
          label={t('ui.ver.planYear')}
          extra={t('ui.ver.planYearHelp')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <NumberInput min={2021} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="issuedOn"
          label={t('ui.ver.issuedOn')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <DateInput />
        </Form.Item>
      </FormModal>
    </>
  );
}

function PlanPanel({ planId }: { planId: string }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState<string | undefined>();
  const [show, setShow] = useState<'selected' | 'excluded' | undefined>();
  const detail = useQuery({
    queryKey: ['verification-plans', planId, page, search, show],
    queryFn: () =>
      get<z.infer<typeof PlanDetail>>(
        `/verification-plans/${planId}${qs({ page, pageSize: 50, q: search, show })}`,
      ),
    placeholderData: (previous) => previous,
  });
  const [excluding, setExcluding] = useState<CandidateT | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [exForm] = Form.useForm<{ excludedReason: string; excludedNote?: string }>();
  const [drawForm] = Form.useForm<{
    witnesses: Array<{ name: string; organisation: string; value: string }>;
    minutesRef?: string;
  }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['verification-plans'] });
  const plan = detail.data?.plan;
  const selected = new Set(detail.data?.candidates.filter((c) => c.selected).map((c) => c.id));
  const include = async (c: CandidateT) => {
    try {
      await api('PATCH', `/verification-candidates/${c.id}`, { excludedReason: null });
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const commit = () =>
    modal.confirm({
      title: t('ui.ver.commitTitle'),
      content: t('ui.ver.commitHelp'),
      okText: t('ui.ver.commit'),
      cancelText: t('ui.common.cancel'),
      onOk: async () => {
        try {
          await api('POST', `/verification-plans/${planId}/commit`);
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  // A draft made with a wrong date or unit is withdrawn (nothing of it was published) and made again.
  const withdraw = () =>
    modal.confirm({
      title: t('ui.ver.withdrawTitle'),
      content: t('ui.ver.withdrawHelp'),
      okText: t('ui.ver.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('ui.common.cancel'),
      onOk: async () => {
        try {
          await api('DELETE', `/verification-plans/${planId}`);
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <QueryState isLoading={detail.isLoading} error={detail.error}>
      {plan && (
        <section style={{ marginTop: 24 }} aria-label={t('ui.ver.plan')}>
          <h2>{t('ui.ver.planOf', { year: plan.year, unit: plan.unitName })}</h2>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            bordered
            items={[
              {
                key: 's',
                label: t('ui.ver.shares'),
                children: t('ui.ver.sharesValue', {
                  units: plan.unitSharePercent,
                  persons: plan.personSharePercent,
                }),
              },
              { key: 'd', label: t('ui.ver.drawDue'), children: formatDate(plan.drawDueOn) },
              ...(plan.commitment
                ? [
                    {
                      key: 'c',
                      label: t('ui.ver.commitment'),
                      children: <code style={{ wordBreak: 'break-all' }}>{plan.commitment}</code>,
                    },
                    {
                      key: 'h',
                      label: t('ui.ver.seedHash'),
                      children: <code style={{ wordBreak: 'break-all' }}>{plan.seedHash}</code>,
                    },
                  ]
                : []),
              ...(plan.witnesses
                ? [
                    {
                      key: 'w',
                      label: t('ui.ver.witnesses'),
                      children: plan.witnesses
                        .map((w) => `${w.name} (${w.organisation}): ${w.value}`)
                        .join('; '),
                    },
                    { key: 'at', label: t('ui.ver.drawnAt'), children: formatDateTime(plan.drawnAt) },
                  ]
                : []),
            ]}
          />
          <div className="toolbar" style={{ marginTop: 16 }}>
            {plan.status === 'draft' && (
              <Button type="primary" onClick={commit}>
                {t('ui.ver.commit')}
              </Button>
            )}
            {plan.status === 'draft' && (
              <Button danger onClick={withdraw}>
                {t('ui.ver.withdraw')}
              </Button>
            )}
            {plan.status === 'committed' && (
              <Button type="primary" onClick={() => setDrawing(true)}>
                {t('ui.ver.draw')}
              </Button>
            )}
            {plan.status !== 'draft' && (
              <a href={`/api/verification-plans/${planId}/record?download=1`} download>
                {t(plan.status === 'drawn' ? 'ui.ver.downloadRecord' : 'ui.ver.downloadInputs')}
              </a>
            )}
            {plan.status === 'drawn' && (
              <a href={`/api/verification-plans/${planId}/minutes`} download>
                {t('ui.ver.downloadMinutes')}
              </a>
            )}
          </div>
          {plan.status === 'drawn' && (
            <Alert
              type="success"
              showIcon
              style={{ margin: '12px 0' }}
              message={t('ui.ver.drawnNote', { n: plan.selected })}
            />
          )}
          {(detail.data?.withoutLeader.length ?? 0) > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              message={t(plan.status === 'drawn' ? 'ui.ver.noLeaderDrawn' : 'ui.ver.noLeader', {
                units: detail.data!.withoutLeader.join(', '),
              })}
            />
          )}
          <div className="toolbar" style={{ marginTop: 16 }}>
            <Input.Search
              allowClear
              style={{ maxWidth: 280 }}
              placeholder={t('ui.ver.searchCandidate')}
              aria-label={t('ui.ver.searchCandidate')}
              onSearch={(v) => {
                setSearch(v || undefined);
                setPage(1);
              }}
            />
            <Select
              allowClear
              style={{ minWidth: 200 }}
              placeholder={t('ui.common.status')}
              aria-label={t('ui.common.status')}
              value={show}
              onChange={(v) => {
                setShow(v);
                setPage(1);
              }}
              options={[
                { value: 'selected', label: t('ui.ver.selected') },
                { value: 'excluded', label: t('ui.ver.excludedAll') },
              ]}
            />
          </div>
          <Table<CandidateT>
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            pagination={{
              current: page,
              pageSize: 50,
              total: detail.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: setPage,
            }}
            dataSource={detail.data?.candidates ?? []}
            rowClassName={(c) => (selected.has(c.id) ? 'row-selected' : '')}
            columns={[
              { dataIndex: 'unitName', title: t('ui.decl.unit') },
              {
                dataIndex: 'fullName',
                title: t('ui.decl.declarant'),
                render: (v: string, c) => (
                  <>
                    {v} {c.leader && <Tag>{t('ui.ver.leader')}</Tag>}
                  </>
                ),
              },
              { dataIndex: 'positionName', title: t('ui.decl.position') },
              {
                key: 'state',
                title: t('ui.common.status'),
                render: (_, c) =>
                  c.selected ? (
                    <StatusTag tone="danger">{t('ui.ver.selected')}</StatusTag>
                  ) : c.excludedReason ? (
                    <span>
                      {t(`ui.ver.excluded.${c.excludedReason}`)}
                      {c.excludedNote ? ` — ${c.excludedNote}` : ''}
                    </span>
                  ) : (
                    t('ui.ver.inDraw')
                  ),
              },
              {
                key: 'act',
                title: '',
                render: (_, c) =>
                  plan.status === 'draft' &&
                  !['no_declaration', 'verified_recently'].includes(c.excludedReason ?? '') &&
                  (c.excludedReason ? (
                    <Button size="small" onClick={() => include(c)}>
                      {t('ui.ver.putBack')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => setExcluding(c)}>
                      {t('ui.ver.exclude')}
                    </Button>
                  )),
              },
            ]}
          />
          <FormModal
            open={!!excluding}
            name="exclude"
            title={t('ui.ver.excludeTitle', { name: excluding?.fullName ?? '' })}
            form={exForm}
            onClose={() => setExcluding(null)}
            onSubmit={async (v) => {
              await api('PATCH', `/verification-candidates/${excluding!.id}`, v);
              setExcluding(null);
              await refresh();
            }}
          >
            <Form.Item
              name="excludedReason"
              label={t('ui.ver.reason')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                options={(['investigation', 'illness', 'abroad', 'other'] as const).map((r) => ({
                  value: r,
                  label: t(`ui.ver.excluded.${r}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="excludedNote" label={t('ui.ver.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={drawing}
            name="draw"
            title={t('ui.ver.draw')}
            okText={t('ui.ver.draw')}
            form={drawForm}
            initialValues={{
              witnesses: [
                { name: '', organisation: t('ui.ver.partyCommission'), value: '' },
                { name: '', organisation: t('ui.ver.fatherlandFront'), value: '' },
              ],
            }}
            onClose={() => setDrawing(false)}
            onSubmit={async (v) => {
              await api('POST', `/verification-plans/${planId}/draw`, v);
              setDrawing(false);
              await refresh();
              await qc.invalidateQueries({ queryKey: ['verification-cases'] });
            }}
          >
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('ui.ver.drawHelp')} />
            <Form.List name="witnesses">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <fieldset key={f.key} style={{ border: '1px solid #eee', padding: 8, marginBottom: 8 }}>
                      <legend>{t('ui.ver.witness', { n: i + 1 })}</legend>
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t('ui.ver.witnessName')}
                        rules={[{ required: true, message: t('field.required') }]}
                      >
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'organisation']}
                        label={t('ui.ver.witnessOrg')}
                        rules={[{ required: true, message: t('field.required') }]}
                      >
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'value']}
                        label={t('ui.ver.witnessValue')}
                        rules={[{ required: true, pattern: /^\d{1,12}$/, message: t('field.digits') }]}
                      >
                        <Input inputMode="numeric" maxLength={12} />
                      </Form.Item>
                      {fields.length > 2 && (
                        <Button onClick={() => remove(f.name)}>{t('ui.ver.removeWitness')}</Button>
                      )}
                    </fieldset>
                  ))}
                  <Button onClick={() => add({ name: '', organisation: '', value: '' })}>
                    {t('ui.ver.addWitness')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="minutesRef" label={t('ui.ver.minutesRef')} style={{ marginTop: 12 }}>
              <Input maxLength={100} />
            </Form.Item>
          </FormModal>
        </section>
      )}
    </QueryState>
  );
}

const caseTone = {
  opened: 'warn',
  decided: 'warn',
  reported: 'warn',
  concluded: 'ok',
  published: 'ok',
} as const;

/** The step a verification waits for, and when it is due. */
function nextDue(c: CaseT): string | null {
  return c.status === 'opened'
    ? c.decisionDueOn
    : c.status === 'decided'
      ? c.reportDueOn
      : c.status === 'reported'
        ? c.conclusionDueOn
        : c.status === 'concluded'
          ? c.publicationDueOn
          : null;
}

/** Verifications with their clocks: each step in the law's order (Law Arts. 44–50). */
export function Cases() {
  const { t } = useT();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'status'>();
  const cases = useQuery({
    queryKey: ['verification-cases', url.status],
    queryFn: () => get<CaseT[]>(`/verification-cases${qs({ status: url.status })}`),
  });
  const [acting, setActing] = useState<{ c: CaseT; step: CaseStep['step'] } | null>(null);
  const [asking, setAsking] = useState<CaseT | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [askForm] = Form.useForm<Record<string, unknown>>();
  const askKind = Form.useWatch('kind', askForm);
  const today = dayjs().format('YYYY-MM-DD');
  const nextSteps: Record<CaseT['status'], CaseStep['step'][]> = {
    opened: ['decide'],
    decided: ['report', 'extend_report'],
    reported: ['conclude', 'extend_conclusion'],
    concluded: ['publish'],
    published: [],
  };
  return (
    <>
      <div className="toolbar">
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('ui.common.status')}
          aria-label={t('ui.common.status')}
          value={url.status}
          onChange={(v) => setUrl({ status: v })}
          options={(['opened', 'decided', 'reported', 'concluded', 'published'] as const).map((s) => ({
            value: s,
            label: t(`ui.ver.caseStatus.${s}`),
          }))}
        />
      </div>
      <QueryState isLoading={cases.isLoading} error={cases.error} isEmpty={cases.data?.length === 0}>
        <Table<CaseT>
          rowKey="id"
          size="middle"
          scroll={{ x: true }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={cases.data ?? []}
          // Every verification opens on its record: each step's date and document, the team, the
          // conclusion and where it was published (issue-18 review: only the clocks were shown).
          expandable={{
            expandedRowRender: (c) => (
              <>
                <CaseRecord c={c} />
                {c.requests.length > 0 && <CaseRequests c={c} />}
              </>
            ),
          }}
          columns={[
            {
              dataIndex: 'fullName',
              title: t('ui.decl.declarant'),
              render: (v: string, c) => <Link to={`/declarants/${c.userId}/history`}>{v}</Link>,
            },
            { dataIndex: 'unitName', title: t('ui.decl.unit') },
            { dataIndex: 'declarationYear', title: t('ui.decl.year') },
            {
              dataIndex: 'ground',
              title: t('ui.ver.ground'),
              render: (_, c) => t(`ui.ver.groundCode.${c.ground}`),
            },
            {
              dataIndex: 'status',
              title: t('ui.common.status'),
              render: (s: CaseT['status'], c) => (
                <Space size={4} wrap>
                  <StatusTag tone={caseTone[s]}>{t(`ui.ver.caseStatus.${s}`)}</StatusTag>
                  {c.conclusion && c.conclusion !== 'honest' && (
                    <StatusTag tone={c.sanctionOutcome ? 'info' : 'warn'}>
                      {c.sanctionOutcome
                        ? t(`ui.ver.sanctionOutcome.${c.sanctionOutcome}`)
                        : t('ui.ver.sanctionPending')}
                    </StatusTag>
                  )}
                </Space>
              ),
            },
            {
              key: 'due',
              title: t('ui.ver.nextDue'),
              render: (_, c) => {
                const due = nextDue(c);
                if (!due) return '—';
                return <span style={{ color: due < today ? '#b42318' : undefined }}>{formatDate(due)}</span>;
              },
            },
            {
              key: 'act',
              title: '',
              render: (_, c) => (
                <Space wrap>
                  {nextSteps[c.status]
                    .filter(
                      (s) =>
                        !(s === 'extend_report' && c.reportExtended) &&
                        !(s === 'extend_conclusion' && c.conclusionExtended),
                    )
                    .map((s) => (
                      <Button
                        key={s}
                        size="small"
                        type={s.startsWith('extend') ? 'default' : 'primary'}
                        onClick={() => setActing({ c, step: s })}
                      >
                        {t(`ui.ver.step.${s}`)}
                      </Button>
                    ))}
                  {(c.status === 'concluded' || c.status === 'published') &&
                    c.conclusion !== 'honest' &&
                    !c.sanctionOutcome && (
                      <Button size="small" onClick={() => setActing({ c, step: 'sanction' })}>
                        {t('ui.ver.step.sanction')}
                      </Button>
                    )}
                  {c.status === 'decided' && (
                    <Button size="small" onClick={() => setAsking(c)}>
                      {t('ui.ver.request.new')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <FormModal
        open={!!acting}
        name="step"
        title={acting ? t(`ui.ver.step.${acting.step}`) : ''}
        form={form}
        initialValues={{ on: today, team: [] }}
        onClose={() => setActing(null)}
        onSubmit={async (v) => {
          const { c, step } = acting!;
          const body: Record<string, unknown> = { ...v, step, version: c.version };
          if (step === 'decide') {
            const ids = (v.team as string[] | undefined) ?? [];
            body.team = ids.map((userId) => ({ userId, lead: userId === v.lead }));
            delete body.lead;
          }
          await api('POST', `/verification-cases/${c.id}/steps`, body);
          setActing(null);
          await qc.invalidateQueries({ queryKey: ['verification-cases'] });
        }}
      >
        {acting && !acting.step.startsWith('extend') && (
          <Form.Item
            name="on"
            label={t('ui.ver.stepDate')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <DateInput max={today} />
          </Form.Item>
        )}
        {acting?.step === 'decide' && (
          <>
            <Form.Item
              name="decisionRef"
              label={t('ui.ver.decisionRef')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="team"
              label={t('ui.ver.team')}
              extra={t('ui.ver.teamHelp')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <UserSelect mode="multiple" />
            </Form.Item>
            <Form.Item
              name="lead"
              label={t('ui.ver.teamLead')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <UserSelect />
            </Form.Item>
          </>
        )}
        {acting?.step.startsWith('extend') && (
          <Form.Item
            name="reason"
            label={t('ui.ver.extendReason')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {acting?.step === 'conclude' && (
          <>
            <Form.Item
              name="conclusion"
              label={t('ui.ver.conclusion')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                options={(['honest', 'dishonest', 'explanation_unreasonable'] as const).map((k) => ({
                  value: k,
                  label: t(`ui.ver.conclusionCode.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('ui.ver.conclusionNote')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="sanction" label={t('ui.ver.sanction')}>
              <Input maxLength={1000} />
            </Form.Item>
          </>
        )}
        {acting?.step === 'sanction' && (
          <>
            <Form.Item
              name="outcome"
              label={t('ui.ver.sanctionOutcome')}
              extra={acting.c.sanction ? `${t('ui.ver.sanction')}: ${acting.c.sanction}` : undefined}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <Select
                options={sanctionOutcomes.map((k) => ({
                  value: k,
                  label: t(`ui.ver.sanctionOutcome.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="decisionRef"
              label={t('ui.ver.sanctionDecision')}
              extra={t('ui.ver.sanctionDecisionHelp')}
            >
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {acting?.step === 'publish' && (
          <Form.Item
            name="where"
            label={t('ui.ver.publishedWhere')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        )}
      </FormModal>
      <FormModal
        open={!!asking}
        name="request"
        title={t('ui.ver.request.new')}
        form={askForm}
        initialValues={{ kind: 'information', sentOn: today, complex: false }}
        onClose={() => setAsking(null)}
        onSubmit={async (v) => {
          await api('POST', `/verification-cases/${asking!.id}/requests`, {
            ...v,
            dueOn: v.kind === 'explanation' ? v.dueOn : null,
            complex: v.kind === 'information' && !!v.complex,
          });
          setAsking(null);
          await qc.invalidateQueries({ queryKey: ['verification-cases'] });
        }}
      >
        <Form.Item name="kind" label={t('ui.ver.request.kind')}>
          <Select
            options={(['information', 'explanation'] as const).map((k) => ({
              value: k,
              label: t(`ui.ver.request.kindCode.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="addressee"
          label={t('ui.ver.request.addressee')}
          extra={askKind === 'information' ? t('ui.ver.request.addresseeHelp') : undefined}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('ui.ver.request.subject')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="documentRef" label={t('ui.ver.request.documentRef')}>
            <Input maxLength={100} placeholder="16/TTr-XM" />
          </Form.Item>
          <Form.Item
            name="sentOn"
            label={t('ui.ver.request.sentOn')}
            rules={[{ required: true, message: t('field.required') }]}
          >
            <DateInput max={today} />
          </Form.Item>
          {askKind === 'explanation' && (
            <Form.Item
              name="dueOn"
              label={t('ui.ver.request.dueOn')}
              rules={[{ required: true, message: t('field.required') }]}
            >
              <DateInput />
            </Form.Item>
          )}
        </Space>
        {askKind === 'information' && (
          <Form.Item name="complex" valuePropName="checked" extra={t('ui.ver.request.complexHelp')}>
            <Checkbox>{t('ui.ver.request.complex')}</Checkbox>
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

/** What a verification's team asked and what came back, with the answer recorded here. */
/** What a verification decided, found and published, step by step (the record the law keeps). */
function CaseRecord({ c }: { c: CaseT }) {
  const { t } = useT();
  const dated = (on: string | null, ref?: string | null) =>
    on ? [formatDate(on), ref].filter(Boolean).join(' — ') : '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      style={{ marginBottom: 12 }}
      items={[
        {
          key: 'ground',
          label: t('ui.ver.ground'),
          children: `${t(`ui.ver.groundCode.${c.ground}`)} (${formatDate(c.groundKnownOn)})${c.groundNote ? ` — ${c.groundNote}` : ''}`,
        },
        {
          key: 'decide',
          label: t('ui.ver.step.decide'),
          children: (
            <>
              {dated(c.decidedOn, c.decisionRef)}
              {c.decidedOn && (
                <>
                  {' · '}
                  <a href={`/api/verification-cases/${c.id}/document?kind=decision`}>{t('ui.ver.docWord')}</a>
                </>
              )}
            </>
          ),
        },
        {
          key: 'team',
          label: t('ui.ver.team'),
          children: c.team.length
            ? c.team.map((m) => (m.lead ? `${m.fullName} (${t('ui.ver.teamLead')})` : m.fullName)).join(', ')
            : '—',
        },
        { key: 'report', label: t('ui.ver.step.report'), children: dated(c.reportedOn) },
        {
          key: 'conclude',
          label: t('ui.ver.step.conclude'),
          children: c.concludedOn ? (
            <>
              {`${formatDate(c.concludedOn)} — ${c.conclusion ? t(`ui.ver.conclusionCode.${c.conclusion}`) : ''}`}
              {' · '}
              <a href={`/api/verification-cases/${c.id}/document?kind=conclusion`}>{t('ui.ver.docWord')}</a>
            </>
          ) : (
            '—'
          ),
        },
        ...(c.conclusionNote
          ? [{ key: 'note', label: t('ui.ver.conclusionNote'), children: c.conclusionNote, span: 2 }]
          : []),
        ...(c.sanction ? [{ key: 'sanction', label: t('ui.ver.sanction'), children: c.sanction }] : []),
        {
          key: 'publish',
          label: t('ui.ver.step.publish'),
          children: c.publishedOn ? `${formatDate(c.publishedOn)} — ${c.publishedWhere ?? ''}` : '—',
        },
      ]}
    />
  );
}

function CaseRequests({ c }: { c: CaseT }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [answering, setAnswering] = useState<CaseT['requests'][number] | null>(null);
  const [form] = Form.useForm<{ answeredOn: string; note: string }>();
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <>
      <Table<CaseT['requests'][number]>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={c.requests}
        columns={[
          {
            dataIndex: 'kind',
            title: t('ui.ver.request.kind'),
            render: (k: string) => t(`ui.ver.request.kindCode.${k as 'information' | 'explanation'}`),
          },
          { dataIndex: 'addressee', title: t('ui.ver.request.addressee') },
          { dataIndex: 'subject', title: t('ui.ver.request.subject') },
          { dataIndex: 'sentOn', title: t('ui.ver.request.sentOn'), render: (d: string) => formatDate(d) },
          {
            dataIndex: 'dueOn',
            title: t('ui.ver.request.dueOn'),
            render: (d: string, r) => (
              <span style={{ color: !r.answeredOn && d < today ? '#b42318' : undefined }}>
                {formatDate(d)}
              </span>
            ),
          },
          {
            key: 'answer',
            title: t('ui.ver.request.answer'),
            render: (_, r) =>
              r.answeredOn ? (
                `${formatDate(r.answeredOn)} — ${r.answerNote ?? ''}`
              ) : (
                <Button size="small" onClick={() => setAnswering(r)}>
                  {t('ui.ver.request.record')}
                </Button>
              ),
          },
        ]}
      />
      <FormModal
        open={!!answering}
        name="answer"
        title={t('ui.ver.request.record')}
        form={form}
        initialValues={{ answeredOn: today }}
        onClose={() => setAnswering(null)}
        onSubmit={async (v) => {
          await api('POST', `/verification-requests/${answering!.id}/answer`, {
            ...v,
            version: answering!.version,
          });
          setAnswering(null);
          await qc.invalidateQueries({ queryKey: ['verification-cases'] });
        }}
      >
        <Form.Item
          name="answeredOn"
          label={t('ui.ver.request.answeredOn')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <DateInput max={today} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('ui.ver.request.note')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </FormModal>
    </>
  );
}

const AMOUNTS = new Set(['increase', 'threshold', 'income', 'money', 'gifts', 'family', 'own', 'value']);

/** A hit in plain words: the rule's explanation with its numbers (amounts in VND). */
export function HitText({
  hit,
  rules,
}: {
  hit: { rule: string; values: Record<string, number> };
  rules: RuleT[];
}) {
  const { lang } = useT();
  const rule = rules.find((r) => r.code === hit.rule);
  if (!rule) return <>{hit.rule}</>;
  const text = (lang === 'vi' ? rule.explanationVi : rule.explanationEn).replace(
    /\{(\w+)\}/g,
    (_, k: string) => {
      const v = hit.values[k];
      if (v === undefined) return `{${k}}`;
      return AMOUNTS.has(k) ? formatVnd(v, lang) : v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
    },
  );
  return <>{text}</>;
}

export const useRiskRules = () =>
  useQuery({ queryKey: ['risk-rules'], queryFn: () => get<RuleT[]>('/risk-rules'), staleTime: 60_000 });

/** The risk list: a year's declarations by score, each with the rules it triggered and why. */
export function Risks() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'year' | 'rule' | 'q' | 'page'>();
  const year = Number(url.year ?? new Date().getFullYear());
  const page = Number(url.page ?? 1);
  const rules = useRiskRules();
  const list = useQuery({
    queryKey: ['declaration-risks', year, url.rule, url.q, page],
    queryFn: () =>
      get<z.infer<typeof RiskPage>>(
        `/declaration-risks${qs({ year, rule: url.rule, q: url.q, page, pageSize: 50 })}`,
      ),
  });
  const [busy, setBusy] = useState(false);
  const name = (r: RuleT) => (lang === 'vi' ? r.nameVi : r.nameEn);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('ui.ver.riskIntro')}
      </Typography.Paragraph>
      <div className="toolbar">
        <NumberInput
          aria-label={t('ui.decl.year')}
          min={2020}
          precision={0}
          max={2100}
          value={year}
          onChange={(v) => setUrl({ year: v ? String(v) : undefined, page: undefined })}
        />
        <Select
          allowClear
          style={{ minWidth: 260 }}
          placeholder={t('ui.ver.rule')}
          aria-label={t('ui.ver.rule')}
          value={url.rule}
          onChange={(v) => setUrl({ rule: v, page: undefined })}
          options={(rules.data ?? []).map((r) => ({ value: r.code, label: name(r) }))}
        />
        <Input.Search
          allowClear
          style={{ maxWidth: 260 }}
          placeholder={t('ui.ver.searchName')}
          aria-label={t('ui.ver.searchName')}
          defaultValue={url.q}
          onSearch={(v) => setUrl({ q: v || undefined, page: undefined })}
        />
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const r = await api<{ ranked: number }>('POST', '/declaration-risks/rank', { year });
              message.success(t('ui.ver.ranked', { n: r.ranked }));
              await qc.invalidateQueries({ queryKey: ['declaration-risks'] });
            } catch (e) {
              message.error(errorText(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('ui.ver.rankAgain')}
        </Button>
      </div>
      <QueryState isLoading={list.isLoading} error={list.error} isEmpty={list.data?.total === 0}>
        <Table<RiskT>
          rowKey="declarationId"
          size="middle"
          // On a phone the reasons keep a readable width and the table scrolls inside its card.
          scroll={{ x: 760 }}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 50,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => setUrl({ page: String(p) }),
          }}
          columns={[
            {
              dataIndex: 'score',
              title: t('ui.ver.score'),
              width: 80,
              render: (v: number) => <strong>{v}</strong>,
            },
            {
              dataIndex: 'fullName',
              title: t('ui.decl.declarant'),
              render: (v: string, r) => (
                <>
                  <Link to={`/declarants/${r.userId}/history`}>{v}</Link>
                  <div style={{ color: '#667085' }}>{r.unitName}</div>
                </>
              ),
            },
            {
              dataIndex: 'increaseVnd',
              title: t('ui.ver.increase'),
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : formatVnd(v, lang)),
            },
            {
              key: 'hits',
              title: t('ui.ver.reasons'),
              width: 440,
              render: (_, r) =>
                r.hits.length === 0 ? (
                  t('ui.ver.noHits')
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {r.hits.map((h) => (
                      <li key={h.rule}>
                        <Tag>+{h.weight}</Tag> <HitText hit={h} rules={rules.data ?? []} />
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </QueryState>
      <RulesPanel rules={rules.data ?? []} />
    </>
  );
}

/** The rules with their weights and sources; the top control agency tunes them (others read). */
function RulesPanel({ rules }: { rules: RuleT[] }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = async (r: RuleT, change: Partial<RuleT>) => {
    try {
      await api('PUT', `/risk-rules/${r.code}`, {
        weight: change.weight ?? r.weight,
        threshold: change.threshold === undefined ? r.threshold : change.threshold,
        active: change.active ?? r.active,
        version: r.version,
      });
      message.success(t('ui.ver.ruleSaved'));
    } catch (e) {
      message.error(
        e instanceof ApiError && e.code === 'forbidden' ? t('ui.ver.rulesTopOnly') : errorText(e),
      );
    }
    await qc.invalidateQueries({ queryKey: ['risk-rules'] });
  };
  return (
    <section style={{ marginTop: 32 }} aria-label={t('ui.ver.rules')}>
      <h2>{t('ui.ver.rules')}</h2>
      <Typography.Paragraph type="secondary">{t('ui.ver.rulesHelp')}</Typography.Paragraph>
      <Table<RuleT>
        rowKey="code"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rules}
        columns={[
          {
            dataIndex: 'nameVi',
            title: t('ui.ver.rule'),
            render: (_, r) => (
              <>
                <strong>{lang === 'vi' ? r.nameVi : r.nameEn}</strong>
                <div style={{ color: '#667085', fontSize: 12 }}>{r.source}</div>
              </>
            ),
          },
          {
            dataIndex: 'weight',
            title: t('ui.ver.weight'),
            width: 110,
            render: (v: number, r) => (
              <NumberInput
                aria-label={t('ui.ver.weight')}
                min={0}
                max={100}
                defaultValue={v}
                onBlur={(e) => Number(e.target.value) !== v && save(r, { weight: Number(e.target.value) })}
              />
            ),
          },
          {
            dataIndex: 'threshold',
            title: t('ui.ver.threshold'),
            width: 140,
            render: (v: number | null, r) =>
              v === null ? (
                '—'
              ) : (
                <NumberInput
                  aria-label={t('ui.ver.threshold')}
                  min={0}
                  suffix={r.thresholdUnit ? labelOf(t, 'ui.ver.unit', r.thresholdUnit) : undefined}
                  style={{ width: 120 }}
                  defaultValue={v}
                  onBlur={(e) =>
                    Number(e.target.value) !== v && save(r, { threshold: Number(e.target.value) })
                  }
                />
              ),
          },
          {
            dataIndex: 'active',
            title: t('ui.ver.active'),
            width: 90,
            render: (v: boolean, r) => (
              <Switch
                aria-label={t('ui.ver.active')}
                checked={v}
                onChange={(on) => save(r, { active: on })}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
