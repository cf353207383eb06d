import { Descriptions, Timeline } from 'antd';
import type { MessageKey } from '#shared/i18n/index.ts';
import { formatDate, formatDateTime } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';

export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * A step's due date as a description item, marked late while the step is not done. A function, not a
 * component: antd's Descriptions reads its items' props directly.
 */
export function dueItem(t: (k: MessageKey) => string, label: string, on: string | null, done: string | null) {
  return (
    on && (
      <Descriptions.Item label={label}>
        <span className="nowrap">{formatDate(on)}</span>
        {!done && on < today() && (
          <span style={{ marginInlineStart: 8 }}>
            <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>
          </span>
        )}
      </Descriptions.Item>
    )
  );
}

/** A record's history: each step, who recorded it and when, with its note. */
export function History({
  events,
  kindLabel,
  fieldLabel,
}: {
  events: Array<{ id: string; kind: string; note: string | null; byName: string | null; at: string }>;
  kindLabel: (kind: string) => string;
  /** A correction's note lists the fields changed (their keys): shown by their labels. */
  fieldLabel?: (field: string) => string;
}) {
  const { t } = useT();
  return (
    <Section title={t('ui.gift.history')}>
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          content: (
            <>
              <strong>{kindLabel(e.kind)}</strong>{' '}
              <span style={{ color: '#57606a' }}>
                {e.byName ?? ''} · {formatDateTime(e.at)}
              </span>
              {e.note && (
                <div style={{ whiteSpace: 'pre-wrap' }}>
                  {e.kind === 'corrected' && fieldLabel
                    ? e.note.split(', ').map(fieldLabel).join(', ')
                    : e.note}
                </div>
              )}
            </>
          ),
        }))}
      />
    </Section>
  );
}
