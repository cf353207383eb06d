/**
 * Pure permission rules. A grant gives a role on a unit and (usually) its whole subtree.
 * Services enforce these, list queries filter by `scopesFor` in SQL, and the UI hides what fails.
 */
export const roles = [
  'admin',
  'coordinator',
  'unit_head',
  'focal_officer',
  'reviewer',
  'intake_officer',
  'custodian',
  'declarant',
  /** The unit's organising officer for asset declarations: roster, receipt, review, hand-over, posting. */
  'declaration_officer',
  /** The control agency (provincial inspectorate): rounds, hand-overs received, lottery, verification. */
  'asset_controller',
  /** Inspectorate staff: the yearly inspection plan, inspections, conclusions and their recommendations. */
  'inspector',
  'enterprise_rep',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

/** Roles whose holders must use two-factor sign-in. */
export const rolesRequiringTotp: readonly Role[] = ['admin', 'coordinator', 'custodian', 'intake_officer'];

export const actions = [
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'grants.manage',
  'audit.read',
  'clocks.manage',
  /** Upload files; a file is read through the record that holds it (ADR 0020), never by a unit-wide right. */
  'files.upload',
  'plans.read',
  /** Write and issue any plan in scope, review progress (coordinators). */
  'plans.manage',
  /** Write and issue the own unit's plan and report its progress (unit heads, focal officers). */
  'plans.edit',
  /** Receive, read and handle citizens' reports addressed to a unit (intake officers). */
  'reports.handle',
  /** Decide on requests to see a reporter's identity (custodians). */
  'reports.identity',
  /** Frameworks and campaigns: create, open, publish (coordinators). */
  'assessments.manage',
  /** Answer the self-assessment of the own unit or enterprise. */
  'assessments.self',
  /** Score and return assessments of others (reviewers, coordinators). */
  'assessments.review',
  /** Approve enterprises' registrations (coordinators). */
  'enterprises.manage',
  /** Edit the own enterprise's public commitment and listing (enterprise representatives). */
  'enterprises.edit',
  /** Make one's own asset declarations (every official; not an enterprise's representative). */
  'declarations.declare',
  /**
   * Keep a unit's declarant roster and read, return, accept and hand over its declarations (the unit's
   * organising officer). Declarations are read only by their declarant and these two roles (issue 18).
   */
  'declarations.receive',
  /** Open the yearly round, receive hand-overs, draw the verification lottery, verify (the control agency). */
  'declarations.control',
  /**
   * Plan and run inspections, conclude them and follow their recommendations to closure, in scope (the
   * inspectorate, issue 19). Approving a plan or issuing a conclusion needs a second inspector.
   */
  'inspections.manage',
  /** Read and answer the recommendations owed by the own unit, with evidence (unit heads, focal officers). */
  'inspections.respond',
  /** Report one's own gifts and conflicts of interest, or a colleague's conflict (every official). */
  'integrity.declare',
  /**
   * Keep the unit's prevention registers (issue 20; ADR 0030): handle its gifts and conflicts of interest
   * (never one's own), its rotation posts and plan, risks, regulation reviews and outreach (unit heads,
   * focal officers, the province's coordinators).
   */
  'integrity.handle',
  /** Read the prevention registers in scope, without keeping them (the inspectorate, auditors). */
  'integrity.oversee',
] as const;
export type Action = (typeof actions)[number];

const staffRead: Action[] = ['org.read', 'plans.read', 'declarations.declare', 'integrity.declare'];

/** Role → actions it allows within the granted scope. One table, read by everything else. */
export const roleActions: Record<Role, readonly Action[]> = {
  // Administrators run the system but never read reports: the curious administrator is in the threat model.
  // Nor do they answer a unit's self-assessment: that is the unit's own word. Nor read officials'
  // declarations of assets: only the organising officer and the control agency do (issue 18).
  admin: actions.filter(
    (a) =>
      !a.startsWith('reports.') &&
      !(a.startsWith('declarations.') && a !== 'declarations.declare') &&
      !a.startsWith('inspections.') &&
      // Officials' gifts and conflicts are their unit's to handle; the administrator only reports their own.
      !(a.startsWith('integrity.') && a !== 'integrity.declare') &&
      a !== 'assessments.self',
  ),
  coordinator: [
    ...staffRead,
    'users.read',
    'audit.read',
    'files.upload',
    'plans.manage',
    'assessments.manage',
    'assessments.review',
    'enterprises.manage',
    'integrity.handle',
  ],
  unit_head: [
    ...staffRead,
    'users.read',
    'files.upload',
    'plans.edit',
    'assessments.self',
    'inspections.respond',
    'integrity.handle',
  ],
  focal_officer: [
    ...staffRead,
    'files.upload',
    'plans.edit',
    'assessments.self',
    'inspections.respond',
    'integrity.handle',
  ],
  reviewer: [...staffRead, 'users.read', 'assessments.review'],
  auditor: [...staffRead, 'users.read', 'audit.read', 'integrity.oversee'],
  intake_officer: ['org.read', 'users.read', 'declarations.declare', 'integrity.declare', 'reports.handle'],
  custodian: ['org.read', 'declarations.declare', 'integrity.declare', 'reports.identity'],
  declarant: ['org.read', 'declarations.declare', 'integrity.declare'],
  declaration_officer: [
    'org.read',
    'users.read',
    'declarations.declare',
    'integrity.declare',
    'declarations.receive',
  ],
  asset_controller: [
    'org.read',
    'users.read',
    'declarations.declare',
    'integrity.declare',
    'declarations.control',
  ],
  inspector: [
    'org.read',
    'users.read',
    'declarations.declare',
    'integrity.declare',
    'files.upload',
    'inspections.manage',
    'integrity.oversee',
  ],
  enterprise_rep: ['org.read', 'files.upload', 'assessments.self', 'enterprises.edit'],
};

export interface Grant {
  role: Role;
  unitId: string;
  /** Materialised path of the granted unit, e.g. "/<root>/<child>/". */
  unitPath: string;
  subtree: boolean;
  /**
   * An intake officer's or custodian's grant whose report keys no colleague has activated yet (four
   * eyes): it allows nothing until then, not even reading a list or moving a report without its keys.
   */
  awaitingKeys?: boolean;
  /**
   * A report-key role whose keys are not open in this session (an account an administrator took over by
   * resetting its password): it handles no report — not even moving one that needs no key — until its
   * owner restores the keys (re-test of issue 15, M2). Its other actions (reading units) stay.
   */
  keysLocked?: boolean;
}

export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  grants: readonly Grant[];
}

export const systemActor: Actor = { kind: 'system', userId: null, grants: [] };

/** Anything placed in the tree: a unit, or a record that belongs to one. */
export interface Scoped {
  unitPath: string;
}

export function grantCovers(grant: Grant, unitPath: string): boolean {
  return grant.subtree ? unitPath.startsWith(grant.unitPath) : unitPath === grant.unitPath;
}

export function roleAllows(role: Role, action: Action): boolean {
  return roleActions[role].includes(action);
}

/** The grants of the actor that allow `action`; the SQL scope filter is built from these. */
export function scopesFor(actor: Actor, action: Action): Grant[] {
  return actor.grants.filter((g) => grantAllows(g, action));
}

export function can(actor: Actor, action: Action, resource: Scoped): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => grantAllows(g, action) && grantCovers(g, resource.unitPath));
}

/** The one place a grant's state is read: awaiting activation allows nothing, locked keys no report. */
function grantAllows(g: Grant, action: Action): boolean {
  if (g.awaitingKeys) return false;
  if (g.keysLocked && action.startsWith('reports.')) return false;
  return roleAllows(g.role, action);
}

/** The audit chain spans every unit: administrators and auditors verify it (it shows no content). */
export const walksAuditChain = (actor: Actor) =>
  actor.kind === 'system' || actor.grants.some((g) => g.role === 'admin' || g.role === 'auditor');

/** May the actor do `action` anywhere at all (used to show menus and to 404 early)? */
export function canAnywhere(actor: Actor, action: Action): boolean {
  return actor.kind === 'system' || scopesFor(actor, action).length > 0;
}

/**
 * Granting a role: only admins grant, only within their own subtree, and the `admin` role may only be
 * granted by someone who holds admin on the same unit or above.
 */
export function canGrant(actor: Actor, role: Role, target: Scoped): boolean {
  if (!can(actor, 'grants.manage', target)) return false;
  if (role !== 'admin') return true;
  return (
    actor.kind === 'system' || actor.grants.some((g) => g.role === 'admin' && grantCovers(g, target.unitPath))
  );
}

/** Roles whose holders receive report keys (content or identity) and so need a key pair. */
export const keyRoles: readonly Role[] = ['intake_officer', 'custodian'];

/**
 * Roles that, granted through the API, are in force only once a second administrator approves: the
 * administrator's own, and every role allowed something administrators are not (officials'
 * declarations, inspections, the prevention registers, a unit's own self-assessment). One administrator
 * alone could otherwise make an account with a password of their choosing — or give a colleague such a
 * role — and read through it what administrators may not (re-tests of issue 15: M1, sec23b N1; sec31
 * F1: unit heads and focal officers read their units' gift and conflict registers). Derived from the
 * table above, so a new role or action is covered without a list to remember. Report-key roles wait
 * instead for a colleague to activate their keys (`keyRoles`).
 */
export const approvalRoles: readonly Role[] = roles.filter(
  (role) =>
    role === 'admin' ||
    (!keyRoles.includes(role) && roleActions[role].some((a) => !roleActions.admin.includes(a))),
);

/**
 * Separation of duties: pairs of roles one person may never hold together, on any unit. Whoever reads
 * reports never also decides who may see a reporter's identity, and administrators, who make accounts
 * and grant roles, never hold a role that reads reports.
 */
const exclusive: ReadonlyArray<readonly [Role, Role]> = [
  ['intake_officer', 'custodian'],
  ['admin', 'intake_officer'],
  ['admin', 'custodian'],
  // Whoever makes accounts and grants roles never also inspects (they could staff their own team).
  ['admin', 'inspector'],
];

/** The role already held that forbids taking `role`, if any. */
export function roleConflict(role: Role, held: readonly Role[]): Role | undefined {
  return held.find((h) => exclusive.some(([a, b]) => (a === role && b === h) || (b === role && a === h)));
}

export function requiresTotp(grantRoles: readonly Role[]): boolean {
  return grantRoles.some((r) => rolesRequiringTotp.includes(r));
}

/** Deployment-wide reference data (calendars, deadline rules) is managed from the top of the tree. */
export function canAtRoot(actor: Actor, action: Action): boolean {
  return (
    actor.kind === 'system' ||
    scopesFor(actor, action).some((g) => g.subtree && g.unitPath.match(/^\/[^/]+\/$/) !== null)
  );
}
