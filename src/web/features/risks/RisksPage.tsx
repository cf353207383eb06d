import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Select, Space } from 'antd';
import type { z } from 'zod';
import type { MessageKey } from '#shared/i18n/index.ts';
import { canAtRoot } from '#shared/permissions.ts';
import { type HeatMap, type Risk, type RiskLevel, riskLevels, riskStatuses } from '#shared/risks/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FileListField } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { UnitFilter } from '#web/components/ListFilters.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';

type Row = z.infer<typeof Risk>;
type Heat = z.infer<typeof HeatMap>;
const tone = { low: 'ok', medium: 'info', high: 'warn', critical: 'danger' } as const;
/** Cell colours by level, dark enough under white figures (WCAG AA). */
const colour: Record<RiskLevel, string> = {
  low: '#1b7a3a',
  medium: '#8a6d00',
  high: '#b45309',
  critical: '#b42318',
};
const levelOf = (score: number, t: Heat['thresholds']): RiskLevel =>
  score >= t.critical ? 'critical' : score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';

/** The unit's corruption risks: a 5 × 5 heat map whose cells filter the register below it. */
export default function RisksPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId, actor } = useSession();
  // The method's thresholds are the province's, set by the keeper of the registers at the top of the tree.
  const setsMethod = canAtRoot(actor, 'integrity.handle');
  const [url, setUrl] = useUrlState<
    'level' | 'status' | 'reviewDue' | 'q' | 'l' | 'i' | 'dialog' | 'risk' | 'unitId'
  >();
  const handler = canAnywhere('integrity.handle');
  const [form] = Form.useForm();
  const [thresholdsForm] = Form.useForm();
  const unitInForm = Form.useWatch('unitId', form) as string | undefined;
  // One department's register and heat map out of the province's (rev20 P11).
  const heat = useQuery({
    queryKey: ['risks', 'heat', url.unitId],
    queryFn: () => get<Heat>(`/risks/heat-map${qs({ unitId: url.unitId })}`),
  });
  const editing = useQuery({
    queryKey: ['risks', 'one', url.risk],
    queryFn: () => get<Row>(`/risks/${url.risk}`),
    enabled: !!url.risk,
  });
  const filters = {
    level: url.level,
    status: url.status,
    reviewDue: url.reviewDue,
    q: url.q,
    likelihood: url.l,
    impact: url.i,
    unitId: url.unitId,
  };
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, risk: undefined }, false);
  const count = (l: number, i: number) =>
    heat.data?.cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0;
  const th = heat.data?.thresholds;
  return (
    <>
      <PageHeader
        title={t('ui.risk.title')}
        extra={
          handler && (
            <>
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.risk.import')}</Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'risk' }, false)}>
                {t('ui.risk.add')}
              </Button>
            </>
          )
        }
      />
      {th && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ui.risk.method', th)}
          action={
            setsMethod && (
              <Button size="small" onClick={() => setUrl({ dialog: 'thresholds' }, false)}>
                {t('ui.risk.thresholds')}
              </Button>
            )
          }
        />
      )}
      {th && (
        <Section title={t('ui.risk.heatMap')}>
          <table className="heat-map" style={{ borderCollapse: 'collapse', margin: '0 auto' }}>
            <caption style={{ captionSide: 'bottom', paddingTop: 8 }}>
              {t('ui.risk.likelihoodShort')} ↑ · {t('ui.risk.impactShort')} →
            </caption>
            <tbody>
              {[5, 4, 3, 2, 1].map((l) => (
                <tr key={l}>
                  <th scope="row" style={{ padding: '0 8px', fontWeight: 400, whiteSpace: 'nowrap' }}>
                    {l}
                  </th>
                  {[1, 2, 3, 4, 5].map((i) => {
                    const n = count(l, i);
                    const level = levelOf(l * i, th);
                    const chosen = url.l === String(l) && url.i === String(i);
                    return (
                      <td key={i} style={{ padding: 2 }}>
                        <button
                          type="button"
                          aria-label={`${t('ui.risk.likelihoodShort')} ${l}, ${t('ui.risk.impactShort')} ${i}: ${n} — ${t(`ui.risk.level.${level}`)}`}
                          aria-pressed={chosen}
                          onClick={() =>
                            setUrl(chosen ? { l: undefined, i: undefined } : { l: String(l), i: String(i) })
                          }
                          style={{
                            // Five cells and the axis fit a 390-pixel phone.
                            width: 'min(56px, 14vw)',
                            height: 44,
                            border: chosen ? '3px solid #111' : '1px solid #fff',
                            background: colour[level],
                            opacity: n ? 1 : 0.55,
                            color: '#fff',
                            fontWeight: 600,
                            fontSize: 16,
                            cursor: 'pointer',
                          }}
                        >
                          {n || ''}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th />
                {[1, 2, 3, 4, 5].map((i) => (
                  <th key={i} scope="col" style={{ fontWeight: 400 }}>
                    {i}
                  </th>
                ))}
              </tr>
            </tbody>
          </table>
          <Space wrap style={{ marginTop: 8, justifyContent: 'center', width: '100%' }}>
            {riskLevels.map((l) => (
              <span key={l} className="nowrap">
                <span
                  aria-hidden
                  style={{
                    display: 'inline-block',
                    width: 12,
                    height: 12,
                    background: colour[l],
                    marginInlineEnd: 4,
                  }}
                />
                {t(`ui.risk.level.${l}`)}
              </span>
            ))}
            {url.l && url.i && (
              <Button size="small" onClick={() => setUrl({ l: undefined, i: undefined })}>
                {t('ui.risk.clearCell')} ({t('ui.risk.cellFilter', { l: url.l, i: url.i })})
              </Button>
            )}
          </Space>
        </Section>
      )}
      <DataTable<Row>
        ariaLabel={t('ui.risk.title')}
        queryKey={['risks', filters]}
        rowKey="id"
        exportName="so-rui-ro-tham-nhung"
        fetchPage={(p) => get<PageOf<Row>>(`/risks${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)}
        onRowClick={(r) => setUrl({ dialog: 'risk', risk: r.id }, false)}
        toolbar={
          <Input.Search
            aria-label={t('ui.common.search')}
            placeholder={t('ui.common.search')}
            defaultValue={url.q}
            allowClear
            onSearch={(v) => setUrl({ q: v || undefined })}
            style={{ width: 220 }}
          />
        }
        filters={
          <>
            <UnitFilter value={url.unitId} onChange={(unitId) => setUrl({ unitId })} />
            <Select
              aria-label={t('ui.risk.level')}
              placeholder={t('ui.risk.level')}
              allowClear
              value={url.level}
              onChange={(v) => setUrl({ level: v })}
              options={riskLevels.map((l) => ({ value: l, label: t(`ui.risk.level.${l}`) }))}
              style={{ width: 160 }}
            />
            <Select
              aria-label={t('ui.risk.status')}
              placeholder={t('ui.risk.status')}
              allowClear
              value={url.status}
              onChange={(v) => setUrl({ status: v })}
              options={riskStatuses.map((s) => ({ value: s, label: t(`ui.risk.status.${s}`) }))}
              style={{ width: 180 }}
            />
            <Checkbox
              checked={url.reviewDue === '1'}
              onChange={(e) => setUrl({ reviewDue: e.target.checked ? '1' : undefined })}
            >
              {t('ui.risk.reviewDue')}
            </Checkbox>
          </>
        }
        columns={[
          {
            key: 'process',
            title: t('ui.risk.process'),
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 300, whiteSpace: 'normal' }}>
                <strong>{r.process}</strong>
                <div>{r.description}</div>
              </span>
            ),
            value: (r) => `${r.process}: ${r.description}`,
          },
          { key: 'unitName', title: t('ui.common.unit'), optional: 'hidden', render: (r) => r.unitName },
          {
            key: 'score',
            title: t('ui.risk.level'),
            value: (r) => `${r.score} (${t(`ui.risk.level.${r.level}`)})`,
            render: (r) => (
              <span className="nowrap">
                <StatusTag tone={tone[r.level]}>{t(`ui.risk.level.${r.level}`)}</StatusTag> {r.likelihood}×
                {r.impact}={r.score}
              </span>
            ),
          },
          {
            key: 'controls',
            title: t('ui.risk.controls'),
            optional: 'shown',
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 280, whiteSpace: 'normal' }}>
                {r.controls}
              </span>
            ),
          },
          {
            key: 'reviewBy',
            title: t('ui.risk.reviewBy'),
            value: (r) => r.reviewBy,
            render: (r) => (
              <>
                {formatDate(r.reviewBy)}{' '}
                {r.reviewDue && <StatusTag tone="danger">{t('ui.risk.reviewDue')}</StatusTag>}
              </>
            ),
          },
          {
            key: 'status',
            title: t('ui.risk.status'),
            optional: 'hidden',
            value: (r) => t(`ui.risk.status.${r.status}`),
            render: (r) => t(`ui.risk.status.${r.status}`),
          },
        ]}
      />
      <FormModal
        open={url.dialog === 'risk' && (!url.risk || !!editing.data)}
        name="risk"
        title={t(url.risk ? 'ui.risk.edit' : 'ui.risk.add')}
        form={form}
        initialValues={
          url.risk && editing.data
            ? editing.data
            : { unitId: currentUnitId, likelihood: 3, impact: 3, status: 'open', evidenceFileIds: [] }
        }
        onClose={close}
        onSubmit={async (v: Record<string, unknown>) => {
          if (!handler) return close();
          if (url.risk) await api('PUT', `/risks/${url.risk}`, { ...v, version: editing.data!.version });
          else await api('POST', '/risks', v);
          await qc.invalidateQueries({ queryKey: ['risks'] });
          close();
        }}
      >
        <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item name="process" label={t('ui.risk.process')} {...req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('ui.risk.description')} {...req}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Space wrap>
          {(['likelihood', 'impact'] as const).map((scale) => (
            // Named levels, not a number box that silently clamps a 6 to 5 (rev20 P16).
            <Form.Item key={scale} name={scale} label={t(`ui.risk.${scale}`)} {...req}>
              <Select
                style={{ width: 220 }}
                options={[1, 2, 3, 4, 5].map((n) => ({
                  value: n,
                  label: `${n} — ${t(`ui.risk.${scale}.${n}` as MessageKey)}`,
                }))}
              />
            </Form.Item>
          ))}
          <Form.Item name="reviewBy" label={t('ui.risk.reviewBy')} {...req}>
            <DateInput aria-label={t('ui.risk.reviewBy')} />
          </Form.Item>
          <Form.Item name="status" label={t('ui.risk.status')} {...req}>
            <Select
              style={{ width: 180 }}
              options={riskStatuses.map((s) => ({ value: s, label: t(`ui.risk.status.${s}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="owner" label={t('ui.risk.owner')} {...req}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="controls" label={t('ui.risk.controls')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="controlOwner" label={t('ui.risk.controlOwner')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="evidenceFileIds" label={t('ui.risk.evidence')}>
          <FileListField unitId={unitInForm ?? currentUnitId} />
        </Form.Item>
        {url.risk && (
          <Form.Item name="note" label={t('ui.risk.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </FormModal>
      {setsMethod && th && (
        <FormModal
          open={url.dialog === 'thresholds'}
          name="thresholds"
          title={t('ui.risk.thresholds')}
          form={thresholdsForm}
          initialValues={th}
          onClose={close}
          onSubmit={async (v: Record<string, unknown>) => {
            await api('PUT', '/risks/thresholds', v);
            await qc.invalidateQueries({ queryKey: ['risks'] });
            close();
          }}
        >
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ui.risk.thresholdsNote')} />
          <Space wrap>
            {(['medium', 'high', 'critical'] as const).map((l) => (
              <Form.Item key={l} name={l} label={t(`ui.risk.level.${l}`)} {...req}>
                <NumberInput min={2} max={25} precision={0} />
              </Form.Item>
            ))}
          </Space>
        </FormModal>
      )}
      {handler && (
        <ImportWizard
          entity="corruption_risks"
          open={url.dialog === 'import'}
          onClose={close}
          onDone={() => void qc.invalidateQueries({ queryKey: ['risks'] })}
        />
      )}
    </>
  );
}
