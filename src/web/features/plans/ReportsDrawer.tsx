import { useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, get } from '#web/app/api.ts';
import { formatDateTime, periodLabel } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import type { Item, Report } from './types.ts';

/** A task's progress reports (the reviewer accepts or returns each) and its messages. */
export function ReportsDrawer({
  item,
  canReview,
  canComment,
  onClose,
  onChanged,
}: {
  item: Item | null;
  canReview: boolean;
  canComment: boolean;
  onClose(): void;
  onChanged(): Promise<unknown>;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const reports = useQuery({
    queryKey: ['plans', 'reports', item?.id],
    queryFn: () => get<Report[]>(`/plan-items/${item!.id}/progress`),
    enabled: !!item,
  });
  const [comment, setComment] = useState('');
  const decide = async (r: Report, decision: 'accept' | 'return') => {
    try {
      await api('POST', `/progress/${r.id}/review`, {
        decision,
        comment: comment || null,
        version: r.version,
      });
      setComment('');
      await reports.refetch();
      await onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const tone = { submitted: 'warn', accepted: 'ok', returned: 'danger' } as const;
  const comments = useQuery({
    queryKey: ['plans', 'comments', item?.id],
    queryFn: () =>
      get<Array<{ id: string; author: string | null; body: string; createdAt: string }>>(
        `/plan-items/${item!.id}/comments`,
      ),
    enabled: !!item,
  });
  const [draftMessage, setDraftMessage] = useState('');
  const send = async () => {
    if (!draftMessage.trim()) return;
    try {
      await api('POST', `/plan-items/${item!.id}/comments`, { body: draftMessage });
      setDraftMessage('');
      await comments.refetch();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Drawer open={!!item} onClose={onClose} size={560} title={item?.content.slice(0, 80)}>
      <QueryState isLoading={reports.isLoading} error={reports.error} isEmpty={!reports.data?.length}>
        <List
          dataSource={reports.data ?? []}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>
                  <strong>{periodLabel(t, r.period, lang)}</strong> · {r.progress}% ·{' '}
                  <StatusTag tone={tone[r.review]}>{t(`ui.plans.review.${r.review}`)}</StatusTag>
                  <Typography.Text type="secondary"> {formatDateTime(r.submittedAt)}</Typography.Text>
                </div>
                <div>{r.result}</div>
                {r.evidenceFileIds.length > 0 && (
                  <div>
                    {t('ui.plans.evidence')}:{' '}
                    {r.evidenceFileIds.map((f, n) => (
                      <a
                        key={f}
                        href={`/api/files/${f}`}
                        style={{ marginInlineEnd: 8, textDecoration: 'underline' }}
                      >
                        {t('ui.plans.file', { n: n + 1 })}
                      </a>
                    ))}
                  </div>
                )}
                {r.reviewComment && (
                  <div>
                    {t('ui.plans.comment')}: {r.reviewComment}
                  </div>
                )}
                {canReview && r.review === 'submitted' && (
                  <Space wrap>
                    <Input
                      aria-label={t('ui.plans.comment')}
                      placeholder={t('ui.plans.comment')}
                      value={comment}
                      onChange={(e) => setComment(e.target.value)}
                      style={{ width: 240 }}
                    />
                    <Button type="primary" onClick={() => decide(r, 'accept')}>
                      {t('ui.plans.accept')}
                    </Button>
                    <Button danger onClick={() => decide(r, 'return')}>
                      {t('ui.plans.return')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      </QueryState>
      <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('ui.plans.messages')}</h2>
      <List
        size="small"
        locale={{ emptyText: t('ui.common.empty') }}
        dataSource={comments.data ?? []}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={`${c.author ?? t('ui.audit.system')} · ${formatDateTime(c.createdAt)}`}
              description={c.body}
            />
          </List.Item>
        )}
      />
      {canComment && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            aria-label={t('ui.plans.messages')}
            value={draftMessage}
            onChange={(e) => setDraftMessage(e.target.value)}
            onPressEnter={() => void send()}
          />
          <Button type="primary" onClick={() => void send()}>
            {t('ui.plans.send')}
          </Button>
        </Space.Compact>
      )}
    </Drawer>
  );
}
