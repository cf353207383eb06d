import type { auditVi } from './messages.vi.ts';

/** Labels of the audit pages in English: exactly the keys of messages.vi.ts. */
export const auditEn: Record<keyof typeof auditVi, string> = {
  'ui.audit.title': 'Audit log',
  'ui.audit.verify': 'Verify integrity',
  'ui.audit.checkpoints': 'Download signed checkpoints',
  'ui.audit.intact': 'The audit chain is intact: {{count}} events checked.',
  'ui.audit.broken': 'The audit chain was altered at event #{{seq}} ({{problem}}).',
  'ui.audit.at': 'Time',
  'ui.audit.actor': 'Actor',
  'ui.audit.action': 'Action',
  'ui.audit.entity': 'Record',
  'ui.audit.changes': 'Changes',
  'ui.audit.system': 'System',
  'ui.audit.field': 'Field',
  'ui.audit.requestId': 'Request id',
  'ui.audit.before': 'Before',
  'ui.audit.after': 'After',
};
