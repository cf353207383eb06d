import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Progress, Tabs } from 'antd';
import { lazy, Suspense, useDeferredValue } from 'react';
import { Link, useParams } from 'react-router';
import { api, get } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { Part } from '#web/components/Part.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { BasisDialog } from './BasisDialog.tsx';
import { ItemDialog } from './ItemDialog.tsx';
import { type ItemDialogKind, PlanItemsTab } from './PlanItemsTab.tsx';
import { planTone } from './PlansPage.tsx';
import { PlanUnitsTab } from './PlanUnitsTab.tsx';
import { ProgressDialog } from './ProgressDialog.tsx';
import { ReportsDrawer } from './ReportsDrawer.tsx';
import type { Item, Plan } from './types.ts';

// The import wizard (and its spreadsheet code) loads when someone opens it, not with every plan.
const ImportWizard = lazy(() =>
  import('#web/components/ImportWizard.tsx').then((m) => ({ default: m.ImportWizard })),
);

type Dialog = ItemDialogKind | 'import' | 'basis';

/**
 * A plan: its document, its tasks and, for a province plan, its units. The tab and any open dialog are
 * in the URL (`?tab=units`, `?dialog=progress&item=…`): a link opens the same view, Back closes a dialog.
 */
export default function PlanDetailPage() {
  const { id } = useParams();
  const { t } = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: ['plans', 'one', id], queryFn: () => get<Plan>(`/plans/${id}`) });
  const items = useQuery({
    queryKey: ['plans', 'items', id],
    queryFn: () => get<Item[]>(`/plans/${id}/items`),
  });
  // The task table is drawn in a transition React can pause, not in the query's own (blocking) render.
  const shownItems = useDeferredValue(items.data);
  // The plan this one implements, named by its title (read through this unit's own plan).
  const source = useQuery({
    queryKey: ['plans', 'one', plan.data?.sourcePlanId],
    queryFn: () => get<Plan>(`/plans/${plan.data!.sourcePlanId}`),
    enabled: !!plan.data?.sourcePlanId,
  });
  // Read through a unit's own plan (a department reading the province plan it implements): only its tasks.
  const assignedOnly = !!plan.data?.assignedOnly;
  const isProvince = !!plan.data && !plan.data.sourcePlanId && !assignedOnly;
  const [url, setUrl] = useUrlState<'tab' | 'dialog' | 'item'>();
  const tab = url.tab === 'units' && isProvince ? 'units' : 'items';
  const show = (dialog: Dialog, itemId?: string) => setUrl({ dialog, item: itemId }, false);
  const close = () => setUrl({ dialog: undefined, item: undefined }, false);
  const dialog = url.dialog as Dialog | undefined;
  const item = items.data?.find((i) => i.id === url.item) ?? null;
  const editing = dialog === 'edit' ? (url.item === 'new' ? 'new' : item) : null;

  const p = plan.data;
  // Decided by the server on the plan's unit (shared/plans/policy.ts), returned with the plan.
  const canWrite = !!p?.abilities?.write;
  const canReview = !!p?.abilities?.review;
  const draft = p?.status === 'draft';
  const refresh = () => qc.invalidateQueries({ queryKey: ['plans'] });
  const confirm = (title: string, content: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('ui.common.confirm'),
      cancelText: t('ui.common.cancel'),
      onOk: async () => {
        try {
          await run();
          await refresh();
          message.success(t('ui.common.saved'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  return (
    <QueryState isLoading={plan.isLoading} error={plan.error} onRetry={() => void plan.refetch()}>
      {p && (
        <>
          <PageHeader
            title={p.title}
            extra={
              !assignedOnly && (
                <>
                  <Button
                    icon={<DownloadOutlined />}
                    href={`/api/plans/${p.id}/export?format=docx&kind=plan`}
                  >
                    {t('ui.plans.exportDocx')}
                  </Button>
                  <Button icon={<DownloadOutlined />} href={`/api/plans/${p.id}/export?format=xlsx`}>
                    {t('ui.plans.exportXlsx')}
                  </Button>
                  {p.status !== 'draft' && (
                    <Button
                      icon={<DownloadOutlined />}
                      href={`/api/plans/${p.id}/export?format=docx&kind=progress`}
                    >
                      {t('ui.plans.exportProgress')}
                    </Button>
                  )}
                  {canWrite && (
                    <>
                      <Button onClick={() => show('basis')}>{t('ui.plans.basis')}</Button>
                      {draft && (
                        <Button
                          type="primary"
                          onClick={() =>
                            confirm(t('ui.plans.issue'), t('ui.plans.issueConfirm', { title: p.title }), () =>
                              api('POST', `/plans/${p.id}/issue`),
                            )
                          }
                        >
                          {t('ui.plans.issue')}
                        </Button>
                      )}
                      {p.status === 'issued' && (
                        <Button
                          onClick={() =>
                            confirm(t('ui.plans.reopen'), t('ui.plans.reopenConfirm'), () =>
                              api('POST', `/plans/${p.id}/reopen`),
                            )
                          }
                        >
                          {t('ui.plans.reopen')}
                        </Button>
                      )}
                    </>
                  )}
                </>
              )
            }
          />
          {assignedOnly && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('ui.plans.assignedOnly')} />
          )}
          <Part>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('ui.common.unit')}>{p.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.status')}>
                <StatusTag tone={planTone[p.status]}>{t(`ui.plans.status.${p.status}`)}</StatusTag>
                {p.issuedVersion > 0 && t('ui.plans.version', { n: p.issuedVersion })}
                {p.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.plans.progress')}>
                <Progress
                  percent={p.progress}
                  size="small"
                  aria-label={`${t('ui.plans.progress')} ${p.progress}%`}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.plans.docNumber')}>{p.docNumber || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ui.plans.docDate')}>
                {formatDate(p.docDate) || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.plans.due')}>{formatDate(p.dueDate) || '—'}</Descriptions.Item>
              {p.signedFileId && (
                <Descriptions.Item label={t('ui.plans.signedFile')}>
                  <a href={`/api/files/${p.signedFileId}`} style={{ textDecoration: 'underline' }}>
                    {p.docNumber ?? t('ui.plans.signedFile')}
                  </a>
                </Descriptions.Item>
              )}
              {p.sourcePlanId && (
                <Descriptions.Item label={t('ui.plans.source')}>
                  <Link to={`/plans/${p.sourcePlanId}`}>{source.data?.title ?? t('ui.plans.source')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Part>
          <Tabs
            activeKey={tab}
            onChange={(next) => setUrl({ tab: next === 'items' ? undefined : next }, false)}
            items={[
              {
                key: 'items',
                label: t('ui.plans.items'),
                children: (
                  <Part>
                    <PlanItemsTab
                      items={shownItems}
                      loading={items.isLoading || shownItems !== items.data}
                      canWrite={canWrite}
                      draft={draft}
                      onOpen={show}
                    />
                  </Part>
                ),
              },
              ...(isProvince
                ? [{ key: 'units', label: t('ui.plans.units'), children: <PlanUnitsTab planId={p.id} /> }]
                : []),
            ]}
          />
          {canWrite && draft && (
            <ItemDialog
              plan={p}
              items={items.data ?? []}
              editing={editing}
              onClose={close}
              onSaved={refresh}
            />
          )}
          {canWrite && !draft && (
            <ProgressDialog
              plan={p}
              item={dialog === 'progress' ? item : null}
              onClose={close}
              onSaved={refresh}
            />
          )}
          {canWrite && <BasisDialog plan={p} open={dialog === 'basis'} onClose={close} onSaved={refresh} />}
          {dialog === 'import' && canWrite && draft && (
            <Suspense fallback={null}>
              <ImportWizard
                entity="plan_items"
                planId={p.id}
                open
                onClose={close}
                onDone={() => void refresh()}
              />
            </Suspense>
          )}
          <ReportsDrawer
            item={dialog === 'reports' ? item : null}
            canReview={canReview}
            canComment={canWrite}
            onClose={close}
            onChanged={refresh}
          />
        </>
      )}
    </QueryState>
  );
}
