import type { enterprisesVi } from './messages.vi.ts';

/** Labels of the enterprises pages in English: exactly the keys of messages.vi.ts. */
export const enterprisesEn: Record<keyof typeof enterprisesVi, string> = {
  'ui.ent.title': 'Enterprises and integrity programmes',
  'ui.ent.tabRegistrations': 'Registrations',
  'ui.ent.tabMine': 'Enterprises',
  'ui.ent.asked': 'Registered',
  'ui.ent.taxCode': 'Tax code',
  'ui.ent.commune': 'Commune',
  'ui.ent.rep': 'Representative',
  'ui.ent.commitment': 'Public integrity commitment',
  'ui.ent.listed': 'Publish on the portal (commitment and reviewed self-assessment result)',
  'ui.ent.status.unverified': 'E-mail not confirmed',
  'ui.ent.status.verified': 'Awaiting approval',
  'ui.ent.status.approved': 'Approved',
  'ui.ent.status.rejected': 'Refused',
};
