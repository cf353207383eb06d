import type { usersVi } from './messages.vi.ts';

/** Labels of the users pages in English: exactly the keys of messages.vi.ts. */
export const usersEn: Record<keyof typeof usersVi, string> = {
  'ui.unitMoves.title': 'Unit moves awaiting approval',
  'ui.unitMoves.intro':
    'Where a unit sits decides who reads its reports, cases and registers, so one administrator asks for a move and another makes it.',
  'ui.unitMoves.retype': 'Type: {{from}} → {{to}}',
  'ui.unitMoves.sameParent': 'Stays where it is',
  'ui.unitMoves.from': 'Now under',
  'ui.unitMoves.to': 'To go under',
  'ui.unitMoves.by': 'Asked by',
  'ui.unitMoves.confirm': 'Move {{unit}} under {{to}} now?',
  'ui.unitMoves.reject': 'Reject',
  'ui.unitMoves.changed': 'Renamed or recoded since it was asked: cannot be approved',
  'ui.unitMoves.cancel': 'Withdraw',
  'ui.unitMoves.requested': 'Move asked: it is made once another administrator approves.',
  'ui.grants.title': 'Grants awaiting',
  'ui.grants.intro':
    "Four eyes on sensitive grants: the roles of administrator, coordinator, auditor, inspector, declaration officer and asset controller need another administrator to approve them; a new intake officer or custodian receives report keys only once a colleague who holds the unit's keys activates them (where no one holds them yet, another administrator does). No one decides on their own case. Whoever decides enters the confirmation code the person given the role reads out in person (it is on their Home once they have set their own password through the mailed link).",
  'ui.grants.kind': 'Waiting for',
  'ui.grants.awaitingApproval': 'Approval',
  'ui.grants.awaitingKeys': 'Key activation',
  'ui.grants.grantedBy': 'Granted by',
  'ui.grants.madeBy':
    'Account made by {{name}} (an administrator knew its first password): confirm with this person in person',
  'ui.grants.setByAdmin': 'An administrator reset its sign-in: confirm with this person in person',
  'ui.grants.neverSignedIn': 'never signed in',
  'ui.grants.system': 'System',
  'ui.grants.at': 'When',
  'ui.grants.confirmApprove':
    'Approve the role {{role}} at {{unit}} for {{user}}? Make sure you confirmed it with them in person.',
  'ui.grants.confirmActivate':
    "Activate report keys for {{user}} ({{role}}, {{unit}})? From now on the unit's reports are sealed to them; confirm it with them in person first.",
  'ui.grants.code': 'Confirmation code, read out by the person given the role',
  'ui.grants.codeHelp':
    'The person given the role sees this code on their Home page. Enter it only when they read it to you themselves, in person.',
  'ui.grants.approve': 'Approve',
  'ui.grants.activate': 'Activate keys',
  'ui.grants.notYours': 'Someone else decides',
  'ui.grants.afterActivation':
    'Once activated, new reports are sealed to this person too; use "Share keys" on the Keys page to give them earlier reports.',
  'ui.grants.pendingTag': 'awaiting approval',
  'ui.grants.keysPendingTag': 'keys not activated',
  'ui.roleHelp.admin': 'Manage units, users, grants and the working calendar; you never read report content.',
  'ui.roleHelp.coordinator':
    'Coordinate anti-corruption plans, assessment campaigns and enterprises in scope; follow units’ progress.',
  'ui.roleHelp.unit_head':
    'Issue and report on the unit’s plan; self-assess its anti-corruption work; carry out and report on the inspection recommendations the unit owes; handle staff’s gifts and decide measures on their conflicts of interest.',
  'ui.roleHelp.focal_officer':
    'Draft the plan, report progress and prepare the self-assessment for the unit; report on inspection recommendations with evidence; keep the unit’s gift and conflict-of-interest registers.',
  'ui.roleHelp.reviewer': 'Review the self-assessments assigned to you in a campaign.',
  'ui.roleHelp.intake_officer':
    'Receive, classify and handle reports, and keep the body’s citizen reception details.',
  'ui.roleHelp.custodian': 'Decide requests to see a reporter’s identity; every view is recorded.',
  'ui.roleHelp.declarant':
    'Your asset and income declaration: the official form, pre-filled from your previous one; save drafts, submit and follow its receipt; report gifts you could not refuse and your conflicts of interest.',
  'ui.roleHelp.declaration_officer':
    'Keep your unit’s list of declarants, receive and check their declarations, return them for correction, hand them over to the control agency and publish them.',
  'ui.roleHelp.asset_controller':
    'Opens the yearly round, receives handed-over declarations, reads the risk ranking with its reasons, plans verifications, runs the public lottery and takes each verification through its deadlines, within the scope granted.',
  'ui.roleHelp.inspector':
    "Plans the year's inspections, runs them, concludes them and follows their recommendations to closure.",
  'ui.roleHelp.enterprise_rep': 'Keep the enterprise’s integrity commitment and self-assessment up to date.',
  'ui.roleHelp.auditor': 'Read the audit log and verify its chain in scope.',

  'ui.users.title': 'Users',
  'ui.users.create': 'Add user',
  'ui.users.username': 'User name',
  'ui.users.fullName': 'Full name',
  'ui.users.email': 'E-mail',
  'ui.users.phone': 'Phone',
  'ui.users.role': 'Role',
  'ui.users.lastLogin': 'Last sign-in',
  'ui.users.twoFactor': 'Two-factor',
  'ui.users.grants': 'Roles',
  'ui.users.addGrant': 'Grant a role',
  'ui.users.subtree': 'Including sub-units',
  'ui.users.scope': 'Scope',
  'ui.users.disable': 'Disable',
  'ui.users.enable': 'Enable',
  'ui.users.disableConfirm': 'Disable the account "{{name}}"? All their sessions end.',
  'ui.users.resetPassword': 'Reset password',
  'ui.users.resetConfirm':
    'Reset the password of "{{name}}"? They must change it at next sign-in; their roles that need two administrators (administrator, coordinator, auditor, inspector, declaration and asset-control officers) wait for another administrator to approve them again.',
  'ui.users.oneTimePassword': 'One-time password (shown only now): {{password}}',
  'ui.users.removeGrant': 'Revoke',
  'ui.users.removeGrantConfirm': 'Revoke this role?',
  'ui.users.firstPassword': 'First password',
  'ui.users.firstPasswordHelp':
    'Intake officers, key holders and roles that need approval take effect only after the owner sets their own password through a link mailed to them.',
  'ui.users.firstPasswordLink': 'Mail a link so the user sets it themselves (recommended)',
  'ui.users.firstPasswordOneTime': 'Make a one-time password to hand over in person',
  'ui.users.linkSent': 'A set-password link was sent to {{email}}.',
  'ui.users.sendLink': 'Send set-password link',
  'ui.users.sendLinkConfirm':
    'Send {{email}} a link for {{name}} to set their own password? The current password keeps working until they set a new one.',
  'ui.users.ownerPasswordPending': 'owner has not set own password',
  'ui.grants.ownerPasswordPending':
    'The owner has not yet set a password through a mailed link: no one can decide yet. An administrator sends the link from the Users page.',
  'ui.users.locked': 'Locked',
};
