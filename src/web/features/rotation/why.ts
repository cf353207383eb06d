import { formatDate } from '#web/app/format.ts';
import type { useT } from '#web/app/i18n.ts';
import type { DueRow } from './types.ts';

/** Why a person stands where they do: the deferral (and until when), the plan's exception, retirement. */
export function whyOf(t: ReturnType<typeof useT>['t'], r: DueRow): string[] {
  return [
    ...(r.reason
      ? [
          r.deferredUntil
            ? t('ui.rot.deferredUntil', {
                reason: t(`ui.rot.reason.${r.reason}`),
                date: formatDate(r.deferredUntil),
              })
            : t(`ui.rot.reason.${r.reason}`),
        ]
      : []),
    ...(r.notDoneReason ? [t('ui.rot.notDoneReason', { reason: r.notDoneReason })] : []),
    ...(r.status === 'due' && r.onDraftPlan ? [t('ui.rot.onDraftPlan')] : []),
    ...(r.status === 'exempt' && r.retiresOn
      ? [t('ui.rot.exemptReason', { date: formatDate(r.retiresOn) })]
      : []),
  ];
}
