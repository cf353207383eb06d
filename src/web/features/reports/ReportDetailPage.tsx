import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useParams } from 'react-router';
import type { ReportStepCode } from '#shared/reports/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { ReportCase } from '#web/features/cases/ReportCase.tsx';
import { KeysNotice } from './KeysPage.tsx';
import { type ReportDialog, ReportDialogs } from './ReportDialogs.tsx';
import { useCategories } from './ReportsPage.tsx';
import { ClocksTab, ConversationTab, FilesTab, IdentityTab, StepsTab, TasksTab } from './ReportTabs.tsx';
import { clockTone, type Report, statusTone } from './types.ts';

/**
 * One report as its officers handle it. The tab and the open dialog are in the address (`?tab=clocks`,
 * `?dialog=step&step=verification`): a colleague's link opens the same view, Back closes a dialog.
 */
export default function ReportDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useT();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => get<Report>(`/reports/${id}`) });
  const categories = useCategories();
  const [url, setUrl] = useUrlState<'tab' | 'dialog' | 'step'>();
  const show = (dialog: ReportDialog, step?: ReportStepCode) => setUrl({ dialog, step }, false);
  const close = () => setUrl({ dialog: undefined, step: undefined }, false);
  const r = report.data;
  const done = (next: Report) => {
    qc.setQueryData(['report', id], next);
    void qc.invalidateQueries({ queryKey: ['reports'] });
    if (url.dialog) close();
  };
  const post = async (path: string, body?: unknown) =>
    done(await api<Report>('POST', `/reports/${id}${path}`, body));
  const catName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (lang === 'vi' ? c.nameVi : c.nameEn) : code;
  };

  if (!r)
    return (
      <QueryState isLoading={report.isLoading} error={report.error} onRetry={() => void report.refetch()}>
        {null}
      </QueryState>
    );
  const tab = { r, done, post };
  const tabs = [
    { key: 'conversation', label: t('ui.reports.tabConversation'), children: <ConversationTab {...tab} /> },
    {
      key: 'files',
      label: `${t('ui.reports.tabFiles')} (${r.files.length})`,
      children: <FilesTab {...tab} />,
    },
    ...(r.steps.length + r.stepsOpen.length > 0
      ? [{ key: 'steps', label: t('ui.reports.tabSteps'), children: <StepsTab {...tab} onOpen={show} /> }]
      : []),
    { key: 'clocks', label: t('ui.reports.tabClocks'), children: <ClocksTab {...tab} /> },
    {
      key: 'tasks',
      label: `${t('ui.reports.tabTasks')} (${r.tasks.filter((x) => !x.doneAt).length})`,
      children: <TasksTab {...tab} onOpen={show} />,
    },
    { key: 'identity', label: t('ui.reports.tabIdentity'), children: <IdentityTab {...tab} onOpen={show} /> },
  ];
  const active = tabs.some((x) => x.key === url.tab) ? url.tab! : 'conversation';
  return (
    <>
      <PageHeader
        title={`${t('ui.reports.number')} ${r.number}`}
        extra={
          r.canHandle && (
            <Space wrap>
              {r.kind === 'unclassified' && (
                <Button type="primary" onClick={() => show('triage')}>
                  {t('ui.reports.triage')}
                </Button>
              )}
              <Button onClick={() => show('forward')}>{t('ui.reports.forward')}</Button>
              <Button onClick={() => show('merge')}>{t('ui.reports.merge')}</Button>
              {r.kind !== 'unclassified' && (
                <Button type="primary" onClick={() => show('close')}>
                  {t('ui.reports.close')}
                </Button>
              )}
            </Space>
          )
        }
      />
      <KeysNotice />
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag tone={statusTone[r.status as keyof typeof statusTone] ?? 'muted'}>
          {t(`reportStatus.${r.status}`)}
        </StatusTag>
        <StatusTag tone="info">{t(`reportKind.${r.kind}`)}</StatusTag>
        {r.outcome && <StatusTag tone="muted">{t(`reportOutcome.${r.outcome}`)}</StatusTag>}
        {r.clockState && (
          <StatusTag tone={clockTone[r.clockState]}>
            {t(`ui.clockState.${r.clockState}`)} · {formatDate(r.nextDueOn)}
          </StatusTag>
        )}
        {r.followUp && <StatusTag tone="muted">{t('ui.reports.followUp')}</StatusTag>}
        <StatusTag tone={r.named ? 'warn' : 'muted'}>
          {t(r.named ? 'ui.reports.namedTag' : 'ui.reports.anonymousTag')}
        </StatusTag>
        <ReportCase
          reportId={r.id}
          canHandle={r.canHandle && r.status !== 'closed'}
          open={url.dialog === 'case'}
          onOpen={() => setUrl({ dialog: 'case' }, false)}
          onClose={close}
        />
      </Space>
      {r.contentUnavailable && (
        <Alert
          type={r.contentUnavailable === 'purged' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(`ui.reports.unavailable.${r.contentUnavailable}`)}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('ui.reports.received')}>
            {formatDateTime(r.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.channelLabel')}>
            {t(`ui.reports.channel.${r.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.category')}>{catName(r.categoryCode)}</Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.concerned')}>
            {r.concernedUnitName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.receivedUnit')}>{r.receivedUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.handlingUnit')}>{r.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('ui.reports.handler')}>{r.handlerName ?? '—'}</Descriptions.Item>
          {r.mergedIntoNumber && (
            <Descriptions.Item label={t('ui.reports.mergedInto')}>{r.mergedIntoNumber}</Descriptions.Item>
          )}
          {r.firstDecision && (
            <Descriptions.Item label={t('ui.reports.firstDecision')}>
              {t('ui.reports.firstDecisionText', {
                number: r.firstDecision.documentNo,
                date: formatDate(r.firstDecision.documentDate),
              })}
              {r.firstDecision.issuedBy ? ` — ${r.firstDecision.issuedBy}` : ''}
            </Descriptions.Item>
          )}
          {r.publicSummary && (
            <Descriptions.Item label={t('ui.reports.publicSummary')}>{r.publicSummary}</Descriptions.Item>
          )}
        </Descriptions>
        {r.content && (
          <>
            <Typography.Title level={3} style={{ fontSize: 18, marginTop: 16 }}>
              {r.content.title}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {r.content.description}
            </Typography.Paragraph>
            <Descriptions column={1} size="small">
              {r.content.officials && (
                <Descriptions.Item label={t('ui.reports.officials')}>{r.content.officials}</Descriptions.Item>
              )}
              {r.content.when && (
                <Descriptions.Item label={t('ui.reports.when')}>{r.content.when}</Descriptions.Item>
              )}
              {r.content.where && (
                <Descriptions.Item label={t('ui.reports.where')}>{r.content.where}</Descriptions.Item>
              )}
              {r.content.amountVnd !== null && (
                <Descriptions.Item label={t('ui.reports.amount')}>
                  {r.content.amountVnd.toLocaleString('vi-VN')} đ
                </Descriptions.Item>
              )}
            </Descriptions>
          </>
        )}
      </Card>
      <Tabs
        activeKey={active}
        onChange={(next) => setUrl({ tab: next === 'conversation' ? undefined : next }, false)}
        items={tabs}
      />
      {r.canHandle && (
        <ReportDialogs
          {...tab}
          dialog={url.dialog as ReportDialog | undefined}
          stepCode={url.step as ReportStepCode | undefined}
          onClose={close}
        />
      )}
    </>
  );
}
