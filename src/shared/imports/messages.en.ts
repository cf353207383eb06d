import type { importsVi } from './messages.vi.ts';

/** Labels of the imports pages in English: exactly the keys of messages.vi.ts. */
export const importsEn: Record<keyof typeof importsVi, string> = {
  'ui.import.title': 'Import from an Excel/CSV file',
  'ui.import.template': 'Download the template',
  'ui.import.choose': 'Choose an .xlsx or .csv file',
  'ui.import.stepFile': 'File',
  'ui.import.stepMap': 'Columns',
  'ui.import.stepCheck': 'Check',
  'ui.import.stepDone': 'Done',
  'ui.import.remembered': 'The column mapping used last time for this layout was applied.',
  'ui.import.column': 'Column in your file',
  'ui.import.field': 'Field',
  'ui.import.notMapped': '— not used —',
  'ui.import.dryRun': 'Dry run',
  'ui.import.commit': 'Write the data',
  'ui.import.summary': 'Will add {{create}}, update {{update}}, keep {{unchanged}} rows.',
  'ui.import.errors': '{{count}} errors. Nothing was written; fix the file and try again.',
  'ui.import.under': 'Place new units without a parent code under',
  'ui.import.attention.move': 'Moves',
  'ui.import.attention.retype': 'Changes type',
  'ui.import.attentionTitle':
    'This file moves existing units or changes their type. Review the marked rows and confirm:',
  'ui.import.confirm.move': 'I confirm moving {{count}} units under a new parent',
  'ui.import.confirm.retype': 'I confirm changing the type of {{count}} units',
  'ui.import.row': 'Row',
  'ui.import.done': 'Imported: {{create}} added, {{update}} updated.',
  'ui.import.movesAwaitingApproval':
    '{{count}} units will move under their new parent once another administrator approves (Approvals page).',
  'ui.import.credentials': 'One-time passwords of the new accounts (shown only now):',
  'ui.import.action.create': 'Add',
  'ui.import.action.update': 'Update',
  'ui.import.action.unchanged': 'Keep',
  'ui.import.phase.read': 'Reading the file…',
  'ui.import.phase.check': 'Checking {{done}} / {{total}} rows',
  'ui.import.phase.plan': 'Comparing with the data already there…',
  'ui.import.phase.write': 'Writing {{done}} / {{total}} rows',
};
