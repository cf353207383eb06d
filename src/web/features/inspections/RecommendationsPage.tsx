import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Select } from 'antd';
import { useNavigate } from 'react-router';
import { canAnywhere } from '#shared/permissions.ts';
import { get, qs } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';
import { IssueRecommendationsDialog } from './IssueRecommendationsDialog.tsx';
import { RecommendationTags } from './RecommendationTags.tsx';
import type { Recommendation } from './types.ts';

/** What my units owe to whom, or what my inspectorate asked of others: late and long-open ones flagged. */
export default function RecommendationsPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { actor } = useSession();
  const owes = canAnywhere(actor, 'inspections.respond');
  const issues = canAnywhere(actor, 'inspections.manage') || canAnywhere(actor, 'declarations.control');
  const [url, setUrl] = useUrlState<'view' | 'status' | 'dialog'>();
  const view = url.view === 'issued' || (url.view !== 'owed' && !owes) ? 'issued' : 'owed';
  const filters = { view, status: url.status };
  return (
    <>
      <PageHeader
        title={t('ui.rec.title')}
        extra={
          issues && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setUrl({ dialog: 'issue' }, false)}>
              {t('ui.rec.issueOther')}
            </Button>
          )
        }
      />
      {issues && (
        <IssueRecommendationsDialog
          open={url.dialog === 'issue'}
          onClose={() => setUrl({ dialog: undefined }, false)}
        />
      )}
      <DataTable<Recommendation>
        ariaLabel={t('ui.rec.title')}
        queryKey={['recommendations', filters]}
        rowKey="id"
        exportName="kien-nghi"
        fetchPage={(p) =>
          get<PageOf<Recommendation>>(
            `/recommendations${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`,
          )
        }
        onRowClick={(r) => navigate(`/recommendations/${r.id}`)}
        toolbar={
          owes &&
          issues && (
            <Segmented
              aria-label={t('ui.rec.title')}
              value={view}
              onChange={(v) => setUrl({ view: String(v) })}
              options={(['owed', 'issued'] as const).map((v) => ({
                value: v,
                label: t(`ui.rec.view.${v}`),
              }))}
            />
          )
        }
        filters={
          <Select
            aria-label={t('ui.common.status')}
            placeholder={t('ui.common.status')}
            allowClear
            value={url.status}
            onChange={(v) => setUrl({ status: v })}
            options={(['open', 'past_due', 'too_long', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`ui.rec.filter.${s}`),
            }))}
            style={{ width: 170 }}
          />
        }
        // What each follow-up needs (its status and date) before who and where from: in sight at 1280 px.
        columns={[
          {
            key: 'content',
            title: t('ui.rec.content'),
            render: (r) => <Wrap width={280}>{r.content}</Wrap>,
          },
          {
            key: 'dueOn',
            title: t('ui.rec.dueOn'),
            value: (r) => r.dueOn,
            render: (r) => formatDate(r.dueOn),
          },
          {
            key: 'status',
            title: t('ui.common.status'),
            value: (r) => t(`ui.rec.status.${r.status}`),
            render: (r) => <RecommendationTags r={r} />,
          },
          {
            key: 'owner',
            title: view === 'owed' ? t('ui.rec.issuer') : t('ui.rec.owner'),
            value: (r) => (view === 'owed' ? r.issuerUnitName : (r.ownerUnitName ?? r.ownerOutside)),
            render: (r) => (
              <Wrap width={160}>
                {view === 'owed' ? r.issuerUnitName : (r.ownerUnitName ?? r.ownerOutside ?? '')}
              </Wrap>
            ),
          },
          {
            key: 'source',
            title: t('ui.rec.sourceKind'),
            optional: 'shown',
            value: (r) => `${t(`ui.rec.sourceKind.${r.sourceKind}`)} ${r.sourceRef ?? ''}`.trim(),
            render: (r) => (
              <Wrap width={170}>
                {t(`ui.rec.sourceKind.${r.sourceKind}`)}
                {r.sourceRef && <div style={{ color: '#57606a', fontSize: 12 }}>{r.sourceRef}</div>}
              </Wrap>
            ),
          },
          {
            key: 'kind',
            title: t('ui.rec.kind'),
            optional: 'hidden',
            value: (r) => t(`ui.rec.kind.${r.kind}`),
            render: (r) => t(`ui.rec.kind.${r.kind}`),
          },
          {
            key: 'amountVnd',
            title: t('ui.rec.amount'),
            optional: 'hidden',
            value: (r) => r.amountVnd,
            render: (r) => (r.amountVnd ? formatVnd(r.amountVnd, lang) : ''),
          },
        ]}
      />
    </>
  );
}
