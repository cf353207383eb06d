import type { selfInspectionVi } from './messages.vi.ts';

/** Self-inspection register (issue 20). */
export const selfInspectionEn: Record<keyof typeof selfInspectionVi, string> = {
  'ui.nav.selfInspections': 'Self-inspection',
  'ui.deadline.self_inspection': 'Self-inspect staff who deal with citizens',
  'ui.assess.selfInspectionN': 'self-inspection {{n}}',
  'ui.selfInspection.title': 'Self-inspection of staff who deal with citizens and enterprises',
  'ui.selfInspection.add': 'Plan a self-inspection',
  'ui.selfInspection.summary':
    'Planned: {{planned}} · carried out {{done}} · late {{late}} · {{checked}} staff checked, {{violations}} violations found.',
  'ui.selfInspection.area': 'Work area or team checked',
  'ui.selfInspection.areaHelp': 'E.g. the one-stop desk; building permits; price appraisal.',
  'ui.selfInspection.period': 'Planned period',
  'ui.selfInspection.from': 'From',
  'ui.selfInspection.to': 'To',
  'ui.selfInspection.staff': 'Staff in scope',
  'ui.selfInspection.staffN': '{{n}} staff',
  'ui.selfInspection.note': 'Note',
  'ui.selfInspection.status': 'Status',
  'ui.selfInspection.status.planned': 'Planned',
  'ui.selfInspection.status.done': 'Carried out',
  'ui.selfInspection.status.cancelled': 'Cancelled',
  'ui.selfInspection.late': 'Late, no result',
  'ui.selfInspection.lateOnly': 'Late only',
  'ui.selfInspection.violations': 'Violations / checked',
  'ui.selfInspection.record': 'Record the result',
  'ui.selfInspection.doneOn': 'Completed on',
  'ui.selfInspection.checked': 'Staff checked',
  'ui.selfInspection.violationsFound': 'Violations found',
  'ui.selfInspection.handled': 'Handled',
  'ui.selfInspection.referred': 'Referred to the competent body',
  'ui.selfInspection.findings': 'Violations found (what)',
  'ui.selfInspection.measures': 'Remedies and handling',
  'ui.selfInspection.resultLine':
    '{{checked}} staff checked, {{violations}} violations found; {{handled}} handled, {{referred}} referred to the competent body.',
  'ui.selfInspection.cancel': 'Cancel the self-inspection',
  'ui.selfInspection.cancelReason': 'Why',
};
