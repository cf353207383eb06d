import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import type { MessageKey } from '#shared/i18n/index.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import type { PageOf } from '#web/components/DataTable.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';

interface Notification {
  id: string;
  message: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}
interface Deadline {
  id: string;
  planId: string;
  unitName: string;
  content: string;
  deadline: string;
  progress: number;
  state: string;
}
const stateTone: Record<string, 'danger' | 'warn' | 'ok'> = {
  overdue: 'danger',
  at_risk: 'warn',
  on_time: 'ok',
};

const reportTone: Record<string, 'danger' | 'warn' | 'ok'> = {
  overdue: 'danger',
  due_soon: 'warn',
  on_time: 'ok',
};

interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  entityType: string;
  unitName: string | null;
}

export default function HomePage() {
  const { t } = useT();
  const { session, canAnywhere } = useSession();
  const qc = useQueryClient();
  const notes = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => get<PageOf<Notification> & { unread: number }>('/notifications?unread=true&pageSize=10'),
  });
  const readAll = useMutation({
    mutationFn: () => api('POST', '/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const deadlines = useQuery({
    queryKey: ['plans', 'deadlines', 'mine'],
    queryFn: () => get<PageOf<Deadline>>('/plan-items/deadlines?mine=true&pageSize=10'),
  });
  const myReports = useQuery({
    queryKey: ['reports', 'mine'],
    queryFn: () =>
      get<
        PageOf<{
          id: string;
          number: string;
          title: string | null;
          nextDueOn: string | null;
          clockState: string | null;
        }>
      >('/reports?mine=true&sort=nextDueOn&pageSize=10'),
    enabled: canAnywhere('reports.handle'),
  });
  const activity = useQuery({
    queryKey: ['audit', 'recent'],
    queryFn: () => get<PageOf<AuditEvent>>('/audit/events?pageSize=8'),
    enabled: canAnywhere('audit.read'),
  });

  return (
    <>
      <PageHeader title={t('ui.home.greeting', { name: session.user.fullName })} />
      {session.grants.some((g) => g.awaitingKeys) && (
        // A new intake officer or custodian sees why their reports are not there yet, and what happens next.
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ui.home.awaitingKeys', {
            roles: session.grants
              .filter((g) => g.awaitingKeys)
              .map((g) => `${t(`role.${g.role}` as MessageKey)} (${g.unitName})`)
              .join(', '),
          })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.home.deadlines')}</h2>}>
            <QueryState
              isLoading={deadlines.isLoading}
              error={deadlines.error}
              onRetry={() => void deadlines.refetch()}
            >
              {deadlines.data?.items.length ? (
                <List
                  size="small"
                  dataSource={deadlines.data.items}
                  renderItem={(d) => (
                    <List.Item
                      extra={
                        <StatusTag tone={stateTone[d.state] ?? 'muted'}>
                          {t(`ui.clockState.${d.state}` as MessageKey)}
                        </StatusTag>
                      }
                    >
                      <List.Item.Meta
                        title={<Link to={`/plans/${d.planId}`}>{d.content}</Link>}
                        description={`${d.unitName} · ${t('ui.plans.deadline')}: ${formatDate(d.deadline)} · ${d.progress}%`}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.home.noDeadlines')} />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.home.notifications')}</h2>}
            extra={
              (notes.data?.unread ?? 0) > 0 && (
                <Button size="small" onClick={() => readAll.mutate()} loading={readAll.isPending}>
                  {t('ui.home.markAllRead')}
                </Button>
              )
            }
          >
            <QueryState isLoading={notes.isLoading} error={notes.error} onRetry={() => void notes.refetch()}>
              {notes.data?.items.length ? (
                <List
                  size="small"
                  dataSource={notes.data.items}
                  renderItem={(n) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          n.link?.startsWith('/app/') ? (
                            <Link to={n.link.slice(4)}>{n.message}</Link>
                          ) : (
                            n.message
                          )
                        }
                        description={formatDateTime(n.createdAt)}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">{t('ui.home.noNotifications')}</Typography.Text>
              )}
            </QueryState>
          </Card>
        </Col>
        {canAnywhere('reports.handle') && (
          <Col xs={24} xl={14}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.home.myReports')}</h2>}>
              <QueryState
                isLoading={myReports.isLoading}
                error={myReports.error}
                onRetry={() => void myReports.refetch()}
              >
                {myReports.data?.items.length ? (
                  <List
                    size="small"
                    dataSource={myReports.data.items}
                    renderItem={(r) => (
                      <List.Item
                        extra={
                          r.clockState && (
                            <StatusTag tone={reportTone[r.clockState] ?? 'muted'}>
                              {t(`ui.reports.clockState.${r.clockState}` as MessageKey)}
                            </StatusTag>
                          )
                        }
                      >
                        <List.Item.Meta
                          title={<Link to={`/reports/${r.id}`}>{`${r.number} — ${r.title ?? ''}`}</Link>}
                          description={
                            r.nextDueOn ? `${t('ui.reports.due')}: ${formatDate(r.nextDueOn)}` : undefined
                          }
                        />
                      </List.Item>
                    )}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('ui.home.noReports')}</Typography.Text>
                )}
              </QueryState>
            </Card>
          </Col>
        )}
        {canAnywhere('audit.read') && (
          <Col xs={24} xl={14}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.home.activity')}</h2>}>
              <QueryState
                isLoading={activity.isLoading}
                error={activity.error}
                onRetry={() => void activity.refetch()}
              >
                {activity.data?.items.length ? (
                  <List
                    size="small"
                    dataSource={activity.data.items}
                    renderItem={(e) => (
                      <List.Item>
                        <List.Item.Meta
                          title={`${labelOf(t, 'audit', e.action)} — ${e.unitName ?? t('ui.audit.system')}`}
                          description={formatDateTime(e.at)}
                        />
                      </List.Item>
                    )}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('ui.home.noActivity')}</Typography.Text>
                )}
              </QueryState>
            </Card>
          </Col>
        )}
        <Col xs={24} xl={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.home.roles')}</h2>}>
            <List
              size="small"
              dataSource={session.grants}
              renderItem={(g) => (
                <List.Item>
                  <StatusTag tone="info">{t(`role.${g.role}` as MessageKey)}</StatusTag> {g.unitName}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
