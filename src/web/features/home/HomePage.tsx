import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { auditActionLabel } from '#shared/audit/catalogue.ts';
import type { Deadline, DeadlineKind } from '#shared/deadlines.ts';
import type { MessageKey } from '#shared/i18n/index.ts';
import type { Role } from '#shared/permissions.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
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
const stateTone: Record<string, 'danger' | 'warn' | 'ok'> = {
  overdue: 'danger',
  at_risk: 'warn',
  on_time: 'ok',
};

/** What each kind of open item is called; a kind a module adds without a label fails to compile. */
const kindLabel: Record<DeadlineKind, MessageKey> = {
  plan_task: 'ui.deadline.plan_task',
  plan_issue: 'ui.deadline.plan_issue',
  assessment_self: 'ui.deadline.assessment_self',
  assessment_review: 'ui.deadline.assessment_review',
  report_clock: 'ui.deadline.report_clock',
  report_triage: 'ui.deadline.report_triage',
  declaration_due: 'ui.deadline.declaration_due',
  declaration_correction: 'ui.deadline.declaration_correction',
  declaration_receipt: 'ui.deadline.declaration_receipt',
  declaration_handover: 'ui.deadline.declaration_handover',
  declaration_publication: 'ui.deadline.declaration_publication',
  declaration_roster: 'ui.deadline.declaration_roster',
  verification_plan: 'ui.deadline.verification_plan',
  verification_draw: 'ui.deadline.verification_draw',
  verification_step: 'ui.deadline.verification_step',
  verification_request: 'ui.deadline.verification_request',
  declaration_acknowledge: 'ui.deadline.declaration_acknowledge',
  inspection_step: 'ui.deadline.inspection_step',
  recommendation_due: 'ui.deadline.recommendation_due',
  case_due: 'ui.deadline.case_due',
  referral_answer: 'ui.deadline.referral_answer',
  gift_step: 'ui.deadline.gift_step',
  gift_hand_over: 'ui.deadline.gift_hand_over',
  conflict_step: 'ui.deadline.conflict_step',
  rotation_plan: 'ui.deadline.rotation_plan',
  risk_review: 'ui.deadline.risk_review',
  self_inspection: 'ui.deadline.self_inspection',
  identity_request: 'ui.deadline.identity_request',
  grant_approval: 'ui.deadline.grant_approval',
  key_activation: 'ui.deadline.key_activation',
  unit_move: 'ui.deadline.unit_move',
  calendar_year: 'ui.deadline.calendar_year',
};

/** What each role is for; a role added without one fails to compile. */
const roleHelp: Record<Role, MessageKey> = {
  admin: 'ui.roleHelp.admin',
  coordinator: 'ui.roleHelp.coordinator',
  unit_head: 'ui.roleHelp.unit_head',
  focal_officer: 'ui.roleHelp.focal_officer',
  reviewer: 'ui.roleHelp.reviewer',
  intake_officer: 'ui.roleHelp.intake_officer',
  custodian: 'ui.roleHelp.custodian',
  declarant: 'ui.roleHelp.declarant',
  declaration_officer: 'ui.roleHelp.declaration_officer',
  asset_controller: 'ui.roleHelp.asset_controller',
  inspector: 'ui.roleHelp.inspector',
  enterprise_rep: 'ui.roleHelp.enterprise_rep',
  auditor: 'ui.roleHelp.auditor',
};

interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  entityType: string;
  unitName: string | null;
}

export default function HomePage() {
  const { t, lang } = useT();
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
    queryKey: ['me', 'deadlines'],
    queryFn: () => get<{ items: Deadline[]; total: number }>('/me/deadlines?limit=15'),
  });
  // The person's own grants waiting for a colleague, with the code they read out in person.
  const waiting = useQuery({
    queryKey: ['grants', 'mine'],
    queryFn: () =>
      get<{
        ownerPasswordPending: boolean;
        items: Array<{ grantId: string; role: Role; unitName: string; code: string | null }>;
      }>('/grants/mine'),
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
              .map((g) => `${t(`role.${g.role}`)} (${g.unitName})`)
              .join(', '),
          })}
        />
      )}
      {waiting.data && waiting.data.items.length > 0 && (
        <Alert
          type={waiting.data.ownerPasswordPending ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(waiting.data.ownerPasswordPending ? 'ui.home.setOwnPassword' : 'ui.home.vouchCodes')}
          description={
            waiting.data.ownerPasswordPending ? (
              <Link to="/reset-password">{t('ui.auth.forgotTitle')}</Link>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {waiting.data.items.map((g) => (
                  <li key={g.grantId}>
                    {t(`role.${g.role}`)} ({g.unitName}): <strong className="vouch-code">{g.code}</strong>
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      {session.grants.some((g) => g.keysLocked) && (
        // An account whose password an administrator reset: no report until its owner opens the keys.
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ui.home.keysLocked')}
          action={<Link to="/keys">{t('ui.nav.keys')}</Link>}
        />
      )}
      {/* The cards appear together: one filled in above another would push it down the screen on a
          phone (the page jumped by more than half its height). */}
      <QueryState isLoading={deadlines.isLoading || notes.isLoading || activity.isLoading} error={null}>
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
                    footer={
                      deadlines.data.total > deadlines.data.items.length
                        ? t('ui.home.moreDeadlines', {
                            n: deadlines.data.total - deadlines.data.items.length,
                          })
                        : undefined
                    }
                    renderItem={(d) => {
                      const kind = t(kindLabel[d.kind as DeadlineKind] ?? 'ui.deadline.other');
                      // Some items are named by their year alone (a declaration round): their kind says what.
                      const yearOnly = /^\d{4}$/.test(d.title);
                      return (
                        <List.Item
                          extra={
                            d.state && (
                              <StatusTag tone={stateTone[d.state] ?? 'muted'}>
                                {t(`ui.clockState.${d.state}`)}
                              </StatusTag>
                            )
                          }
                        >
                          <List.Item.Meta
                            title={<Link to={d.link}>{yearOnly ? `${kind} ${d.title}` : d.title}</Link>}
                            description={[
                              yearOnly ? null : kind,
                              d.role ? t(`role.${d.role}`) : null,
                              d.unitName,
                              d.dueOn ? `${t('ui.plans.deadline')}: ${formatDate(d.dueOn)}` : null,
                              // Counted without that year's holidays: the date may still move.
                              d.calendarKnown === false
                                ? t('ui.home.calendarUnknown', { year: d.dueOn!.slice(0, 4) })
                                : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          />
                        </List.Item>
                      );
                    }}
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
              <QueryState
                isLoading={notes.isLoading}
                error={notes.error}
                onRetry={() => void notes.refetch()}
              >
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
                            title={`${auditActionLabel(lang, e.action)} — ${e.unitName ?? t('ui.audit.system')}`}
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
                    <List.Item.Meta
                      title={
                        <>
                          <StatusTag tone="info">{t(`role.${g.role}`)}</StatusTag> {g.unitName}
                        </>
                      }
                      // What the role is for, so no role lands on an empty page without knowing why.
                      description={roleHelp[g.role as Role] ? t(roleHelp[g.role as Role]) : null}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      </QueryState>
    </>
  );
}
