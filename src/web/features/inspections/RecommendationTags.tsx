import { formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { type Recommendation, recommendationTone } from './types.ts';

/** A recommendation's state with its flags: past due, open too long. */
export function RecommendationTags({ r }: { r: Pick<Recommendation, 'status' | 'pastDue' | 'openTooLong'> }) {
  const { t } = useT();
  return (
    <>
      <StatusTag tone={recommendationTone[r.status]}>{t(`ui.rec.status.${r.status}`)}</StatusTag>
      {r.pastDue && <StatusTag tone="danger">{t('ui.rec.pastDue')}</StatusTag>}
      {r.openTooLong && <StatusTag tone="warn">{t('ui.rec.tooLong')}</StatusTag>}
    </>
  );
}

/** A recovery recommendation as a choice names it: what it asks, and how much. */
export const recoveryChoice = (
  r: Pick<Recommendation, 'id' | 'content' | 'amountVnd'>,
  lang: Parameters<typeof formatVnd>[1],
) => ({ value: r.id, label: `${r.content}${r.amountVnd ? ` — ${formatVnd(r.amountVnd, lang)}` : ''}` });
