import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Descriptions, Form, Input, Select, Space } from 'antd';
import type { z } from 'zod';
import {
  documentKinds,
  issuerLevels,
  proposalStatuses,
  type Review,
  type ReviewPage,
  reviewResults,
} from '#shared/regulations/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';

type Row = z.infer<typeof Review>;
type PageData = z.infer<typeof ReviewPage>;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
const resultTone = { consistent: 'ok', gap_found: 'warn', outdated: 'danger' } as const;
const statusTone = {
  none: 'muted',
  proposed: 'info',
  accepted: 'ok',
  amended: 'ok',
  rejected: 'danger',
} as const;

/** Documents reviewed, the gaps found and the proposals to amend them, with their outcome. */
export default function RegulationsPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'result' | 'status' | 'q' | 'dialog' | 'review' | 'unitId'>();
  const handler = canAnywhere('integrity.handle');
  const [form] = Form.useForm();
  const [outcomeForm] = Form.useForm();
  const result = Form.useWatch('result', form);
  const filters = { year: url.year, result: url.result, status: url.status, q: url.q, unitId: url.unitId };
  const summary = useQuery({
    queryKey: ['regulations', 'summary', filters],
    queryFn: () => get<PageData>(`/regulation-reviews${qs({ ...filters, pageSize: 1 })}`),
  });
  const editing = useQuery({
    queryKey: ['regulations', 'one', url.review],
    queryFn: () => get<Row>(`/regulation-reviews/${url.review}`),
    enabled: !!url.review,
  });
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, review: undefined }, false);
  const r = editing.data;
  const saved = async () => {
    await qc.invalidateQueries({ queryKey: ['regulations'] });
    close();
  };
  return (
    <>
      <PageHeader
        title={t('ui.reg.title')}
        extra={
          handler && (
            <Space wrap>
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.reg.import')}</Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'review' }, false)}>
                {t('ui.reg.add')}
              </Button>
            </Space>
          )
        }
      />
      {summary.data && <p style={{ marginTop: 0 }}>{t('ui.reg.summary', summary.data.summary)}</p>}
      <DataTable<Row>
        ariaLabel={t('ui.reg.title')}
        queryKey={['regulations', filters]}
        rowKey="id"
        exportName="ra-soat-van-ban"
        fetchPage={(p) =>
          get<PageData>(`/regulation-reviews${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(x) => setUrl({ dialog: 'view', review: x.id }, false)}
        toolbar={<ListSearch url={url} setUrl={setUrl} />}
        filters={
          <ListFilters
            unit
            url={url}
            setUrl={setUrl}
            year={t('ui.detect.year')}
            choices={[
              {
                key: 'result',
                label: t('ui.reg.result'),
                options: reviewResults.map((x) => ({ value: x, label: t(`ui.reg.result.${x}`) })),
                width: 220,
              },
              {
                key: 'status',
                label: t('ui.reg.status'),
                options: proposalStatuses.map((x) => ({ value: x, label: t(`ui.reg.status.${x}`) })),
                width: 190,
              },
            ]}
          />
        }
        columns={[
          {
            key: 'documentNo',
            title: t('ui.reg.documentNo'),
            render: (x) => <span className="nowrap">{x.documentNo}</span>,
          },
          {
            key: 'title',
            title: t('ui.reg.titleField'),
            render: (x) => (
              <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>{x.title}</span>
            ),
          },
          { key: 'unitName', title: t('ui.common.unit'), optional: 'hidden', render: (x) => x.unitName },
          {
            key: 'reviewedOn',
            title: t('ui.reg.reviewedOn'),
            value: (x) => x.reviewedOn,
            render: (x) => formatDate(x.reviewedOn),
          },
          {
            key: 'result',
            title: t('ui.reg.result'),
            value: (x) => t(`ui.reg.result.${x.result}`),
            render: (x) => (
              <StatusTag tone={resultTone[x.result]}>{t(`ui.reg.result.${x.result}`)}</StatusTag>
            ),
          },
          {
            key: 'status',
            title: t('ui.reg.status'),
            value: (x) => t(`ui.reg.status.${x.status}`),
            render: (x) => (
              <StatusTag tone={statusTone[x.status]}>{t(`ui.reg.status.${x.status}`)}</StatusTag>
            ),
          },
        ]}
      />
      <FormModal
        open={url.dialog === 'view' && !!r}
        name="view"
        title={r ? `${r.documentNo} — ${r.title}` : ''}
        form={outcomeForm}
        readOnly={!(r && handler && (r.status === 'proposed' || r.status === 'accepted'))}
        initialValues={{ on: today(), status: 'accepted' }}
        okText={
          r && handler && (r.status === 'proposed' || r.status === 'accepted')
            ? t('ui.reg.outcome')
            : undefined
        }
        onClose={close}
        onSubmit={async (v) => {
          if (!(handler && r && (r.status === 'proposed' || r.status === 'accepted'))) return close();
          await api('POST', `/regulation-reviews/${r.id}/outcome`, { ...v, version: r.version });
          await saved();
        }}
      >
        {r && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('ui.reg.issuer')}>
                {r.issuer} ({t(`ui.reg.level.${r.issuerLevel}`)}) {formatDate(r.issuedOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.reg.result')}>
                {t(`ui.reg.result.${r.result}`)}
              </Descriptions.Item>
              {r.gap && <Descriptions.Item label={t('ui.reg.gap')}>{r.gap}</Descriptions.Item>}
              {r.proposal && (
                <Descriptions.Item label={t('ui.reg.proposal')}>
                  {r.proposal} — {r.proposedTo}, {formatDate(r.proposedOn)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('ui.reg.status')}>
                {t(`ui.reg.status.${r.status}`)}
                {r.outcomeOn ? ` ${formatDate(r.outcomeOn)}` : ''}
                {r.outcomeNote ? ` — ${r.outcomeNote}` : ''}
              </Descriptions.Item>
            </Descriptions>
            {handler && (
              <Button
                style={{ marginBottom: 12 }}
                onClick={() => setUrl({ dialog: 'review', review: r.id }, false)}
              >
                {t('ui.reg.edit')}
              </Button>
            )}
            {handler && (r.status === 'proposed' || r.status === 'accepted') && (
              <Space wrap>
                <Form.Item name="status" label={t('ui.reg.status')} {...req}>
                  <Select
                    style={{ width: 200 }}
                    options={(['accepted', 'amended', 'rejected'] as const).map((x) => ({
                      value: x,
                      label: t(`ui.reg.status.${x}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="on" label={t('ui.reg.outcomeOn')} {...req}>
                  <DateInput max={today()} aria-label={t('ui.reg.outcomeOn')} />
                </Form.Item>
                <Form.Item name="note" label={t('ui.reg.note')}>
                  <Input maxLength={2000} style={{ width: 320 }} />
                </Form.Item>
              </Space>
            )}
          </>
        )}
      </FormModal>
      <ImportWizard
        entity="regulation_reviews"
        open={url.dialog === 'import'}
        onClose={close}
        onDone={() => void qc.invalidateQueries({ queryKey: ['regulations'] })}
      />
      <FormModal
        // A new review, or one corrected (`review` in the address): the same fields (rev29: no edit existed).
        open={url.dialog === 'review' && (!url.review || !!r)}
        name="review"
        title={t(url.review ? 'ui.reg.edit' : 'ui.reg.add')}
        form={form}
        initialValues={
          url.review && r
            ? {
                unitId: r.unitId,
                documentNo: r.documentNo,
                documentKind: r.documentKind,
                title: r.title,
                issuer: r.issuer,
                issuerLevel: r.issuerLevel,
                issuedOn: r.issuedOn,
                reviewedOn: r.reviewedOn,
                result: r.result,
                gap: r.gap,
                proposal: r.proposal,
                proposedTo: r.proposedTo,
                proposedOn: r.proposedOn,
                systematised: r.systematised,
              }
            : {
                unitId: currentUnitId,
                documentKind: 'provincial_document',
                issuerLevel: 'provincial',
                result: 'consistent',
                reviewedOn: today(),
                systematised: false,
              }
        }
        onClose={close}
        onSubmit={async (v: Record<string, unknown>) => {
          const body = { ...v, issuedOn: v.issuedOn ?? null, proposedOn: v.proposedOn ?? null };
          if (url.review && r)
            await api('PUT', `/regulation-reviews/${r.id}`, { ...body, version: r.version });
          else await api('POST', '/regulation-reviews', body);
          await saved();
        }}
      >
        <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="documentNo" label={t('ui.reg.documentNo')} {...req}>
            <Input maxLength={80} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="documentKind" label={t('ui.reg.kind')} {...req}>
            <Select
              style={{ width: 220 }}
              options={documentKinds.map((k) => ({ value: k, label: t(`ui.reg.kind.${k}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('ui.reg.titleField')} {...req}>
          <Input maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="issuer" label={t('ui.reg.issuer')} {...req}>
            <Input maxLength={300} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="issuerLevel" label={t('ui.reg.level')} {...req}>
            <Select
              style={{ width: 160 }}
              options={issuerLevels.map((k) => ({ value: k, label: t(`ui.reg.level.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('ui.reg.issuedOn')}>
            <DateInput aria-label={t('ui.reg.issuedOn')} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="reviewedOn" label={t('ui.reg.reviewedOn')} {...req}>
            <DateInput max={today()} aria-label={t('ui.reg.reviewedOn')} />
          </Form.Item>
          <Form.Item name="result" label={t('ui.reg.result')} {...req}>
            <Select
              style={{ width: 240 }}
              options={reviewResults.map((k) => ({ value: k, label: t(`ui.reg.result.${k}`) }))}
            />
          </Form.Item>
        </Space>
        {result && result !== 'consistent' && (
          <>
            <Form.Item name="gap" label={t('ui.reg.gap')} {...req}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Form.Item name="proposal" label={t('ui.reg.proposal')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="proposedTo" label={t('ui.reg.proposedTo')}>
                <Input maxLength={300} style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name="proposedOn" label={t('ui.reg.proposedOn')}>
                <DateInput max={today()} aria-label={t('ui.reg.proposedOn')} />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="systematised" valuePropName="checked">
          <Checkbox>{t('ui.reg.systematised')}</Checkbox>
        </Form.Item>
      </FormModal>
    </>
  );
}
