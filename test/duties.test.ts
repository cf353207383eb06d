import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '#server/context.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { submitReport } from '#server/modules/reports/service.ts';
import { identityRequests, reportKeys } from '#server/modules/reports/tables.ts';
import { sharePeople } from '#server/modules/users/holders.ts';
import { approveGrant, pendingGrantsForSystem } from '#server/modules/users/service.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { approvalRoles } from '#shared/permissions.ts';
import {
  addUser,
  call,
  createWorld,
  keyedSessionFor,
  PASSWORD,
  sessionFor,
  vouched,
  type World,
} from './world.ts';

/**
 * Separation of duties around reporters' identities (issue 15 §3): roles that must stay apart, no one
 * granting themselves or approving their own request, four eyes before anyone receives report keys,
 * and administrators who can never read a report.
 */
let w: World;
let publicCtx: Ctx;
beforeAll(async () => {
  w = await createWorld();
  publicCtx = { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } };
});
afterAll(() => w.close());

const submit = (named: boolean, unitId = w.units.A) =>
  submitReport(publicCtx, {
    receivedUnitId: unitId,
    concernedUnitId: null,
    categoryCode: 'bribery',
    channel: 'web',
    content: {
      title: 'Thử',
      description: 'Nội dung thử',
      officials: null,
      when: null,
      where: null,
      amountVnd: null,
    },
    identity: named
      ? { fullName: 'Người Tố Giác', phone: '0912345678', idNumber: null, email: null, address: null }
      : null,
    consent: named,
    files: [],
  });

const grant = (userId: string, role: string, unitId = w.units.A, who = w.users.root_admin) =>
  call(w.app, 'POST', `/api/users/${userId}/grants`, { who, body: { role, unitId } });

const sealedTo = async (reportId: string, userId: string) =>
  (
    await w.database.db
      .select({ purpose: reportKeys.purpose })
      .from(reportKeys)
      .where(and(eq(reportKeys.reportId, reportId), eq(reportKeys.userId, userId)))
  ).map((k) => k.purpose);

describe('roles that one person never holds together', () => {
  it.each([
    ['custodian', 'intake_officer'],
    ['intake_officer', 'custodian'],
    ['admin', 'intake_officer'],
    ['admin', 'custodian'],
  ] as const)('holding %s, no one is also made %s, on any unit', async (held, wanted) => {
    const id = await addUser(w, `sod.${held}.${wanted}`, held, w.units.A1);
    for (const unitId of [w.units.A, w.units.B]) {
      const res = await grant(id, wanted, unitId);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.fields.role).toMatch(/không được kiêm nhiệm/);
    }
    const en = await call(w.app, 'POST', `/api/users/${id}/grants`, {
      who: w.users.root_admin,
      body: { role: wanted, unitId: w.units.A },
      lang: 'en',
    });
    expect(en.json.fields.role).toMatch(/cannot be combined/);
  });

  it('two conflicting grants sent at once: one is made, the other refused (the account is locked while deciding)', async () => {
    const id = await addUser(w, 'sod.race', 'focal_officer', w.units.A1);
    const [a, b] = await Promise.all([grant(id, 'custodian'), grant(id, 'intake_officer')]);
    const held = (await call(w.app, 'GET', `/api/users/${id}`, { who: w.users.root_admin })).json.grants.map(
      (g: { role: string }) => g.role,
    );
    expect(held.includes('custodian') && held.includes('intake_officer'), JSON.stringify(held)).toBe(false);
    expect([a.status, b.status]).toContain(400);
  });

  it('no administrator grants a role to themselves', async () => {
    const res = await grant(w.users.root_admin.userId, 'coordinator');
    expect(res.status).toBe(400);
    expect(res.json.fields.role).toMatch(/tự cấp/);
  });
});

describe('an admin grant waits for a second administrator', () => {
  it('is not in force until another admin approves; neither its maker nor its receiver may approve it', async () => {
    const id = await addUser(w, 'sod.new.admin', 'focal_officer', w.units.A1);
    const made = await grant(id, 'admin', w.units.A1);
    expect(made.status).toBe(200);
    const g = made.json.grants.find((x: { role: string }) => x.role === 'admin');
    expect(g.status).toBe('awaiting_approval');
    // Not in force: the grantee's session has no admin power.
    const who = await keyedSessionFor(w.database, id, w.clock.now());
    expect((await call(w.app, 'GET', `/api/users?unitId=${w.units.A1}`, { who })).status).toBe(404);
    const list = await call(w.app, 'GET', '/api/grants/pending', { who: w.users.root_admin });
    expect(list.json.items.find((x: { id: string }) => x.id === g.id)).toMatchObject({
      kind: 'approval',
      canDecide: false,
    });
    const self = await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
      who: w.users.root_admin,
      body: await vouched(w, g.id),
    });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('separation_of_duties');
    // A coordinator is no administrator: the grant is not even visible to them.
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
          who: w.users.coordinator,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(404);
    const ok = await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
      who: w.users.admin,
      body: await vouched(w, g.id),
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.grants.find((x: { id: string }) => x.id === g.id).status).toBe('active');
    expect((await call(w.app, 'GET', `/api/users?unitId=${w.units.A1}`, { who })).status).toBe(200);
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
          who: w.users.admin,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(409);
  });
});

describe('roles allowed what administrators are not wait for a second administrator too', () => {
  // Unit heads and focal officers keep their units' gift and conflict registers (sec31 F1).
  it.each(['declaration_officer', 'asset_controller', 'inspector', 'unit_head', 'focal_officer'] as const)(
    'a %s grant made by one administrator is not in force until another approves it (issue 15 re-test, M1)',
    async (role) => {
      const id = await addUser(w, `sod.wait.${role}`, 'declarant', w.units.A1);
      const made = await grant(id, role);
      expect(made.status, JSON.stringify(made.json)).toBe(200);
      const g = made.json.grants.find((x: { role: string }) => x.role === role);
      expect(g.status).toBe('awaiting_approval');
      const who = await sessionFor(w.database, id, w.clock.now());
      const roles = async () =>
        (await call(w.app, 'GET', '/api/auth/session', { who })).json.grants.map(
          (x: { role: string }) => x.role,
        );
      expect(await roles()).not.toContain(role);
      // The administrators over the unit are asked; the maker may not approve it.
      const asked = await w.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, w.users.admin.userId),
            eq(notifications.messageKey, 'notification.grant_awaiting_approval'),
          ),
        );
      expect(asked.length).toBeGreaterThan(0);
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
            who: w.users.root_admin,
            body: await vouched(w, g.id),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
            who: w.users.admin,
            body: await vouched(w, g.id),
          })
        ).status,
      ).toBe(200);
      expect(await roles()).toContain(role);
    },
  );
});

describe("an inspector's home unit", () => {
  it('is not moved by one administrator: that would make another unit an inspectorate (issue-15 re-test F5)', async () => {
    const inspector = w.users.inspector.userId;
    const [u] = await w.database.db.select().from(users).where(eq(users.id, inspector));
    const moved = await call(w.app, 'PATCH', `/api/users/${inspector}`, {
      who: w.users.root_admin,
      body: { unitId: w.units.B, version: u!.version },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(400);
    expect(Object.keys(moved.json.fields)).toEqual(['unitId']);
    // Anyone else moves as before.
    const other = await addUser(w, 'sod.move.plain', 'focal_officer', w.units.A1);
    const [o] = await w.database.db.select().from(users).where(eq(users.id, other));
    const ok = await call(w.app, 'PATCH', `/api/users/${other}`, {
      who: w.users.root_admin,
      body: { unitId: w.units.B, version: o!.version },
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
  });
});

describe('four eyes before anyone receives report keys', () => {
  it('a new intake officer receives reports only after a colleague holding the keys activates them', async () => {
    // The world's intake officer and custodian on A hold keys already.
    const officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
    const custodian = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    const id = await addUser(w, 'sod.new.officer', 'declarant', w.units.A);
    const made = await grant(id, 'intake_officer');
    expect(made.status).toBe(200);
    const g = made.json.grants.find((x: { role: string }) => x.role === 'intake_officer');
    expect(g.keysActivated).toBe(false);
    const newcomer = await keyedSessionFor(w.database, id, w.clock.now());

    const before = await submit(true);
    expect(await sealedTo(before.id, id)).toEqual([]);
    expect(await sealedTo(before.id, w.users.intake_officer.userId)).toEqual(['content']);
    // Until then the grant allows nothing: no list, no report, and none of the moves that need no key
    // (merge, assign, extend) — an administrator's puppet cannot bury a report.
    const other = await submit(false);
    const clock = (await call(w.app, 'GET', `/api/reports/${before.id}`, { who: officer })).json.clocks[0];
    for (const [method, url, body] of [
      ['GET', '/api/reports', undefined],
      ['GET', `/api/reports/${before.id}`, undefined],
      ['POST', `/api/reports/${before.id}/merge`, { intoId: other.id }],
      ['POST', `/api/reports/${before.id}/assign`, { handlerId: id }],
      ['POST', `/api/reports/${before.id}/clocks/${clock.id}/extend`, { code: 'verification_needed' }],
    ] as const) {
      const res = await call(w.app, method, url, { who: newcomer, body });
      expect(res.status, `${method} ${url} ${JSON.stringify(res.json)}`).toBe(404);
    }
    expect((await call(w.app, 'GET', `/api/reports/${before.id}`, { who: officer })).json.status).not.toBe(
      'closed',
    );
    // The custodians over the unit were told who now stands to receive reports.
    const told = await w.database.db
      .select({ key: notifications.messageKey })
      .from(notifications)
      .where(eq(notifications.userId, w.users.custodian.userId));
    expect(told.map((n) => n.key)).toContain('notification.sensitive_grant');

    // Neither the newcomer, nor the admin who made the grant, nor an outsider may activate.
    for (const who of [newcomer, w.users.root_admin, w.users.coordinator])
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
            who,
            body: await vouched(w, g.id),
          })
        ).status,
      ).toBe(404);
    const pending = await call(w.app, 'GET', '/api/grants/pending', { who: custodian });
    expect(pending.json.items.map((x: { id: string }) => x.id)).toContain(g.id);
    const ok = await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
      who: custodian,
      body: await vouched(w, g.id),
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);

    const after = await submit(true);
    expect(await sealedTo(after.id, id)).toEqual(['content']);
    const activated = await keyedSessionFor(w.database, id, w.clock.now());
    expect((await call(w.app, 'GET', '/api/reports', { who: activated })).status).toBe(200);
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: custodian,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(409);
  });
});

describe('no administrator alone puts a new key holder in place', () => {
  it("where no colleague holds a unit's keys (disabled, removed or never there), a second administrator activates, never the granter", async () => {
    // Unit B has no intake officer or custodian: the case a lone administrator could make by disabling them.
    const id = await addUser(w, 'sod.puppet', 'declarant', w.units.B);
    const made = await grant(id, 'intake_officer', w.units.B);
    expect(made.status).toBe(200);
    await keyedSessionFor(w.database, id, w.clock.now()); // their key pair, made at first sign-in
    const g = made.json.grants.find((x: { role: string }) => x.role === 'intake_officer');
    expect(g.keysActivated).toBe(false);
    const toB = () => submit(false, w.units.B).catch((e) => e);
    // Nobody can receive reports at B yet, and the granter cannot activate their own grant.
    const before = await toB();
    expect(before.id ? await sealedTo(before.id, id) : []).toEqual([]);
    const self = await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
      who: w.users.root_admin,
      body: await vouched(w, g.id),
    });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('separation_of_duties');
    // The administrator of A does not cover B; a second administrator over B does.
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: w.users.admin,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(404);
    const secondId = await addUser(w, 'sod.second.admin', 'admin', w.units.R);
    const second = await keyedSessionFor(w.database, secondId, w.clock.now());
    const listed = await call(w.app, 'GET', '/api/grants/pending', { who: second });
    expect(listed.json.items.find((x: { id: string }) => x.id === g.id)).toMatchObject({
      kind: 'keys',
      canDecide: true,
    });
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: second,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(200);
    const after = await toB();
    expect(await sealedTo(after.id, id)).toEqual(['content']);
  });

  it('an admin grant waits for a second administrator even when the others are disabled', async () => {
    const id = await addUser(w, 'sod.admin.when.alone', 'focal_officer', w.units.A1);
    await call(w.app, 'POST', `/api/users/${w.users.admin.userId}/status`, {
      who: w.users.root_admin,
      body: { status: 'disabled' },
    });
    try {
      const made = await grant(id, 'admin', w.units.A1);
      const g = made.json.grants.find((x: { role: string }) => x.role === 'admin');
      expect(g.status).toBe('awaiting_approval');
      // With no other administrator at hand, the operator on the server approves (`liem grants approve`).
      const waiting = await pendingGrantsForSystem(w.ctx);
      expect(waiting.find((x) => x.id === g.id)).toMatchObject({ kind: 'approval', role: 'admin' });
      await approveGrant(w.ctx, g.id);
      expect((await pendingGrantsForSystem(w.ctx)).some((x) => x.id === g.id)).toBe(false);
    } finally {
      await call(w.app, 'POST', `/api/users/${w.users.admin.userId}/status`, {
        who: w.users.root_admin,
        body: { status: 'active' },
      });
    }
  });
});

const custodianNotices = (messageKey = 'notification.key_holder_reset') =>
  w.database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, w.users.custodian.userId), eq(notifications.messageKey, messageKey)));

/**
 * The owner sets their own password through the link mailed to them (the whole path is tried in the
 * sec27 M2 test at the end): what a colleague waits for before vouching for an account an admin reset.
 */
const ownerSetsPassword = (userId: string) =>
  w.database.db.update(users).set({ ownerPasswordPending: false }).where(eq(users.id, userId));

const addGrantDirect = (userId: string, role: string) =>
  w.database.db.insert(grants).values({ userId, role: role as 'auditor', unitId: w.units.A });

describe('an account taken over by an administrator vouches for no one', () => {
  it('a key holder whose keys are locked (password or 2FA reset) cannot activate a colleague', async () => {
    const id = await addUser(w, 'sod.mole', 'declarant', w.units.A);
    const made = await grant(id, 'intake_officer', w.units.A);
    const g = made.json.grants.find((x: { role: string }) => x.role === 'intake_officer');
    // The world's custodian signed in without their keys: what an admin reset leaves.
    const locked = await sessionFor(w.database, w.users.custodian.userId, w.clock.now());
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: locked,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(404);
    const open = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: open,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(200);
  });

  it("the custodians are told when an administrator resets a key holder's password or 2FA", async () => {
    const toldBefore = await custodianNotices();
    const officer = w.users.intake_officer.userId;
    expect(
      (await call(w.app, 'POST', `/api/users/${officer}/reset-password`, { who: w.users.root_admin })).status,
    ).toBe(200);
    expect(
      (await call(w.app, 'POST', `/api/users/${officer}/reset-totp`, { who: w.users.root_admin })).status,
    ).toBe(200);
    const told = await custodianNotices();
    expect(told.length - toldBefore.length).toBe(2);
  });

  it.each(['reset-password', 'reset-totp', 'email'] as const)(
    "after an administrator's %s (change), the account's roles that need two administrators wait for another one again (re-test sec23c G1)",
    async (reset) => {
      const id = await addUser(w, `sod.taken.${reset}`, 'auditor', w.units.A);
      await addGrantDirect(id, 'reviewer');
      const who = await sessionFor(w.database, id, w.clock.now());
      expect((await call(w.app, 'GET', '/api/audit/events', { who })).status).toBe(200);
      // A new e-mail address is where the next password reset link goes: a reset too.
      const res =
        reset === 'email'
          ? await call(w.app, 'PATCH', `/api/users/${id}`, {
              who: w.users.root_admin,
              body: { email: 'hop-thu-cua-quan-tri@example.vn', version: 1 },
            })
          : await call(w.app, 'POST', `/api/users/${id}/${reset}`, { who: w.users.root_admin });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      if (reset === 'email') {
        // The overseers hear of the new address as of a reset (sec27 L2).
        const told = await w.database.db
          .select({ userId: notifications.userId, values: notifications.values })
          .from(notifications)
          .where(eq(notifications.messageKey, 'notification.key_holder_readdressed'));
        expect(
          told.filter((n) => n.values.user === `Người dùng sod.taken.${reset}`).map((n) => n.userId),
        ).toContain(w.users.coordinator.userId);
      }
      const held = await w.database.db.select().from(grants).where(eq(grants.userId, id));
      expect(held.find((g) => g.role === 'auditor')).toMatchObject({
        status: 'awaiting_approval',
        grantedBy: w.users.root_admin.userId,
      });
      // A role no second administrator guards stays in force (a reviewer scores what units submit).
      expect(held.find((g) => g.role === 'reviewer')!.status).toBe('active');
      // A focal officer's is guarded: it keeps the unit's gift and conflict registers (sec31 F1).
      expect(approvalRoles).toContain('focal_officer');
      // Signed in as the account (what the one who reset it could do): no audit log.
      const after = await sessionFor(w.database, id, w.clock.now());
      expect((await call(w.app, 'GET', '/api/audit/events', { who: after })).status).toBe(404);
      const auditor = held.find((g) => g.role === 'auditor')!;
      // The one who reset it may not approve it again; another administrator may.
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${auditor.id}/approve`, {
            who: w.users.root_admin,
            body: await vouched(w, auditor.id),
          })
        ).json.code,
      ).toBe('separation_of_duties');
      const second = await addUser(w, `sod.second.${reset}`, 'admin', w.units.A);
      const secondWho = await sessionFor(w.database, second, w.clock.now());
      // Not before the owner has set a password of their own again, where the reset was of its password.
      if (reset !== 'reset-totp') {
        expect(
          (
            await call(w.app, 'POST', `/api/grants/${auditor.id}/approve`, {
              who: secondWho,
              body: await vouched(w, auditor.id),
            })
          ).json.code,
        ).toBe('owner_password_pending');
        await ownerSetsPassword(id);
      }
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${auditor.id}/approve`, {
            who: secondWho,
            body: await vouched(w, auditor.id),
          })
        ).status,
      ).toBe(200);
      expect((await call(w.app, 'GET', '/api/audit/events', { who: after })).status).toBe(200);
    },
  );

  it.each(['reset-password', 'email'] as const)(
    'an administrator who took an account over (%s) never approves its grants, waiting before or after (re-test sec24 H1)',
    async (how) => {
      const id = await addUser(w, `sod.h1.${how}`, 'declarant', w.units.A);
      const other = await addUser(w, `sod.h1.admin.${how}`, 'admin', w.units.A);
      const otherWho = await sessionFor(w.database, other, w.clock.now());
      const takeOver = () =>
        how === 'email'
          ? call(w.app, 'PATCH', `/api/users/${id}`, {
              who: w.users.root_admin,
              body: { email: `hop-thu-${how}@example.vn`, version: 1 },
            })
          : call(w.app, 'POST', `/api/users/${id}/reset-password`, { who: w.users.root_admin });
      // The other administrator asks for an auditor grant; it waits. Then the first takes the account over.
      const asked = await grant(id, 'auditor', w.units.A, otherWho);
      const g = asked.json.grants.find((x: { role: string }) => x.role === 'auditor');
      expect(g.status).toBe('awaiting_approval');
      expect((await takeOver()).status).toBe(200);
      const pending = await call(w.app, 'GET', '/api/grants/pending', { who: w.users.root_admin });
      expect(pending.json.items.find((x: { id: string }) => x.id === g.id)).toMatchObject({
        canDecide: false,
      });
      const approve = await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
        who: w.users.root_admin,
        body: await vouched(w, g.id),
      });
      expect(approve.json.code).toBe('separation_of_duties');
      // The reverse order: a second grant asked after the takeover is no more theirs to approve.
      const later = await grant(id, 'inspector', w.units.A, otherWho);
      const g2 = later.json.grants.find((x: { role: string }) => x.role === 'inspector');
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${g2.id}/approve`, {
            who: w.users.root_admin,
            body: await vouched(w, g2.id),
          })
        ).json.code,
      ).toBe('separation_of_duties');
      // A third administrator may.
      const third = await sessionFor(
        w.database,
        await addUser(w, `sod.h1.third.${how}`, 'admin', w.units.A),
        w.clock.now(),
      );
      await ownerSetsPassword(id);
      expect(
        (
          await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
            who: third,
            body: await vouched(w, g.id),
          })
        ).status,
      ).toBe(200);
    },
  );

  it('disabling the overseers first leaves no removal unheard: they read it when enabled again (re-test sec25 N3)', async () => {
    const notices = async (userId: string, key: string) =>
      (
        await w.database.db
          .select({ id: notifications.id })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), eq(notifications.messageKey, key)))
      ).length;
    const coordinator = await addUser(w, 'sod.n3.coordinator', 'coordinator', w.units.A);
    const custodian = await addUser(w, 'sod.n3.custodian', 'custodian', w.units.A);
    const officer = await addUser(w, 'sod.n3.officer', 'intake_officer', w.units.A);
    const disable = (id: string) =>
      call(w.app, 'POST', `/api/users/${id}/status`, {
        who: w.users.root_admin,
        body: { status: 'disabled' },
      });
    const beforeOverseer = await notices(w.users.custodian.userId, 'notification.overseer_disabled');
    expect((await disable(coordinator)).status).toBe(200);
    expect((await disable(custodian)).status).toBe(200);
    expect((await disable(officer)).status).toBe(200);
    // The coordinator's disabling was told; the officer's removal is stored for the two disabled overseers.
    expect(await notices(w.users.custodian.userId, 'notification.overseer_disabled')).toBe(
      beforeOverseer + 1,
    );
    expect(await notices(coordinator, 'notification.key_holder_removed')).toBeGreaterThanOrEqual(2);
    expect(await notices(custodian, 'notification.key_holder_removed')).toBe(1);
    // The administrator who acted is not told of their own act; another administrator over the desk is.
    expect(await notices(w.users.root_admin.userId, 'notification.key_holder_removed')).toBe(0);
  });

  it('an account an administrator took over decides nothing for them; its reset and new keys are told as widely as a removal (re-test sec26 N1, N2)', async () => {
    // A custodian whose password the root administrator reset, signed in with keys (as the taker would be).
    const custodian = await addUser(w, 'sod.n26.custodian', 'custodian', w.units.A);
    expect(
      (await call(w.app, 'POST', `/api/users/${custodian}/reset-password`, { who: w.users.root_admin }))
        .status,
    ).toBe(200);
    const toldCoordinator = await w.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, w.users.coordinator.userId),
          eq(notifications.messageKey, 'notification.key_holder_reset'),
        ),
      );
    expect(toldCoordinator.length).toBeGreaterThan(0);
    await w.database.db
      .update(grants)
      .set({ keysActivatedAt: w.clock.now() })
      .where(eq(grants.userId, custodian));
    const taken = await keyedSessionFor(w.database, custodian, w.clock.now());
    // The root administrator gives someone an intake desk; the account they took over may not vouch for it.
    const newcomer = await addUser(w, 'sod.n26.newcomer', 'declarant', w.units.A);
    const made = await grant(newcomer, 'intake_officer', w.units.A);
    const g = made.json.grants.find((x: { role: string }) => x.role === 'intake_officer');
    const refused = await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
      who: taken,
      body: await vouched(w, g.id),
    });
    expect(refused.json.code).toBe('separation_of_duties');
    // A colleague nobody took over does.
    const colleague = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
          who: colleague,
          body: await vouched(w, g.id),
        })
      ).status,
    ).toBe(200);
  });

  it('taking a coordinator’s role away is told to them and to the overseers (re-test sec26 N3)', async () => {
    const id = await addUser(w, 'sod.n26.coordinator', 'coordinator', w.units.A);
    const [g] = await w.database.db.select().from(grants).where(eq(grants.userId, id));
    expect(
      (await call(w.app, 'DELETE', `/api/users/${id}/grants/${g!.id}`, { who: w.users.root_admin })).status,
    ).toBe(200);
    const told = await w.database.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.messageKey, 'notification.overseer_removed'));
    expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([id, w.users.custodian.userId]));
  });

  it('every second-person rule sees the people behind two accounts, not only their ids (re-test sec27 M1)', async () => {
    const x = await addUser(w, 'sod.m1.x', 'custodian', w.units.A);
    const y = await addUser(w, 'sod.m1.y', 'intake_officer', w.units.A);
    const z = await addUser(w, 'sod.m1.z', 'intake_officer', w.units.A);
    expect(await sharePeople(w.database.db, x, [y])).toBe(false);
    // The root administrator resets both: one and the same person could act through either.
    for (const id of [x, y])
      expect(
        (await call(w.app, 'POST', `/api/users/${id}/reset-password`, { who: w.users.root_admin })).status,
      ).toBe(200);
    expect(await sharePeople(w.database.db, x, [y])).toBe(true);
    expect(await sharePeople(w.database.db, x, [z, null])).toBe(false);
    expect(await sharePeople(w.database.db, x, [w.users.root_admin.userId])).toBe(true);
    expect(await sharePeople(w.database.db, z, [z])).toBe(true);
  });

  it('archiving the unit of a desk tells its removal too (re-test sec25 N6)', async () => {
    const desk = await createUnit(w.ctx, {
      code: 'A.DESK',
      name: 'Bộ phận tiếp nhận',
      type: 'sub_unit',
      parentId: w.units.A,
    });
    await addUser(w, 'sod.n6.officer', 'intake_officer', desk.id);
    const count = async () =>
      (
        await w.database.db
          .select({ id: notifications.id })
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, w.users.custodian.userId),
              eq(notifications.messageKey, 'notification.key_holder_removed'),
            ),
          )
      ).length;
    const before = await count();
    const res = await call(w.app, 'POST', `/api/units/${desk.id}/archive`, {
      who: w.users.root_admin,
      body: { version: desk.version },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('no administrator who ever set an account’s credentials approves its grants: its maker, or one of several setters (re-test sec25 N1, N2)', async () => {
    const other = await sessionFor(
      w.database,
      await addUser(w, 'sod.n1.admin', 'admin', w.units.A),
      w.clock.now(),
    );
    const third = await sessionFor(
      w.database,
      await addUser(w, 'sod.n1.third', 'admin', w.units.A),
      w.clock.now(),
    );
    // N1: the root administrator makes an account with a password of their choosing.
    const made = await call(w.app, 'POST', '/api/users', {
      who: w.users.root_admin,
      body: {
        username: 'sod.n1.made',
        fullName: 'Tài khoản mới',
        unitId: w.units.A,
        password: 'Mat-Khau-Chon-2026!',
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const asked = await grant(made.json.id, 'auditor', w.units.A, other);
    const g = asked.json.grants.find((x: { role: string }) => x.role === 'auditor');
    // Whoever decides sees that an administrator made the account and its owner never signed in (sec27 M2).
    const listed = await call(w.app, 'GET', '/api/grants/pending', { who: third });
    expect(listed.json.items.find((x: { id: string }) => x.id === g.id).account).toEqual({
      madeByName: 'Người dùng root_admin',
      credentialsSetByAdmin: true,
      everSignedIn: false,
      ownerPasswordPending: true,
    });
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g.id}/approve`, {
          who: w.users.root_admin,
          body: await vouched(w, g.id),
        })
      ).json.code,
    ).toBe('separation_of_duties');
    // N2: the root administrator re-addresses an account, then another resets its password: both stay setters.
    const id = await addUser(w, 'sod.n2.taken', 'declarant', w.units.A);
    expect(
      (
        await call(w.app, 'PATCH', `/api/users/${id}`, {
          who: w.users.root_admin,
          body: { email: 'hop-thu-rieng@example.vn', version: 1 },
        })
      ).status,
    ).toBe(200);
    expect((await call(w.app, 'POST', `/api/users/${id}/reset-password`, { who: other })).status).toBe(200);
    const later = await grant(id, 'auditor', w.units.A, third);
    const g2 = later.json.grants.find((x: { role: string }) => x.role === 'auditor');
    for (const who of [w.users.root_admin, other])
      expect(
        (await call(w.app, 'POST', `/api/grants/${g2.id}/approve`, { who, body: await vouched(w, g2.id) }))
          .json.code,
      ).toBe('separation_of_duties');
    // The operator on the server approves when no other administrator is left.
    const [row] = (await pendingGrantsForSystem({ ...w.ctx })).filter((x: { id: string }) => x.id === g2.id);
    expect(row).toBeDefined();
    await approveGrant(w.ctx, g2.id);
  });

  it('taking a desk officer away is told to the custodians and coordinators, never silent (re-test sec24 H3)', async () => {
    const told = async (userId: string) =>
      (
        await w.database.db
          .select({ id: notifications.id })
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, userId),
              eq(notifications.messageKey, 'notification.key_holder_removed'),
            ),
          )
      ).length;
    const before = [await told(w.users.custodian.userId), await told(w.users.coordinator.userId)];
    const officer = await addUser(w, 'sod.h3.officer', 'intake_officer', w.units.A);
    expect(
      (
        await call(w.app, 'POST', `/api/users/${officer}/status`, {
          who: w.users.root_admin,
          body: { status: 'disabled' },
        })
      ).status,
    ).toBe(200);
    const second = await addUser(w, 'sod.h3.second', 'intake_officer', w.units.A);
    const [g] = await w.database.db.select().from(grants).where(eq(grants.userId, second));
    expect(
      (await call(w.app, 'DELETE', `/api/users/${second}/grants/${g!.id}`, { who: w.users.root_admin }))
        .status,
    ).toBe(200);
    expect([await told(w.users.custodian.userId), await told(w.users.coordinator.userId)]).toEqual([
      before[0]! + 2,
      before[1]! + 2,
    ]);
  });

  it('the custodians are told when a key holder makes new keys, which wait for activation again', async () => {
    const before = await custodianNotices('notification.key_holder_new_keys');
    const id = await addUser(w, 'sod.new.keys', 'intake_officer', w.units.A);
    await w.database.db.update(grants).set({ keysActivatedAt: w.clock.now() }).where(eq(grants.userId, id));
    const who = await keyedSessionFor(w.database, id, w.clock.now());
    const res = await call(w.app, 'POST', '/api/keys/me/replace', { who, body: { password: PASSWORD } });
    expect(res.status).toBe(200);
    expect((await custodianNotices('notification.key_holder_new_keys')).length - before.length).toBe(1);
    const [g] = await w.database.db.select().from(grants).where(eq(grants.userId, id));
    expect(g!.keysActivatedAt).toBeNull();
  });
});

describe('identities', () => {
  it('are never readable without an approved request, even to a holder of the identity key', async () => {
    // A person holding both roles from before the rule (written directly, as old data could be).
    const both = await addUser(w, 'sod.legacy.both', 'intake_officer', w.units.A);
    await w.database.db.insert(grants).values({ userId: both, role: 'custodian', unitId: w.units.A });
    const who = await keyedSessionFor(w.database, both, w.clock.now());
    const out = await submit(true);
    expect((await sealedTo(out.id, both)).sort()).toEqual(['content', 'identity']);
    const view = await call(w.app, 'GET', `/api/reports/${out.id}/identity`, { who });
    expect(view.status).toBe(404);
    const asked = await call(w.app, 'POST', `/api/reports/${out.id}/identity-requests`, {
      who,
      body: { reason: 'Cần xác minh trực tiếp với người tố cáo.' },
    });
    expect(asked.status).toBe(200);
    const [req] = await w.database.db
      .select()
      .from(identityRequests)
      .where(eq(identityRequests.reportId, out.id));
    const decide = await call(w.app, 'POST', `/api/identity-requests/${req!.id}/decide`, {
      who,
      body: { decision: 'approve', note: 'Tự duyệt' },
    });
    expect(decide.status).toBe(403);
    expect(decide.json.code).toBe('separation_of_duties');
    expect((await call(w.app, 'GET', `/api/reports/${out.id}/identity`, { who })).status).toBe(404);
  });

  it('administrators read no report, on any reports route', async () => {
    const out = await submit(true);
    const doc = w.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const tried: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) {
        // Every route that reads or acts on reports or identities (not the public reference lists).
        if (!/^\/api\/(reports|identity)/.test(path) || path === '/api/reports/receiving-units') continue;
        const url = path.replace(/\{[^}]+\}/g, out.id);
        for (const who of [w.users.root_admin, w.users.admin]) {
          const res = await call(w.app, method.toUpperCase(), url, { who, body: {} });
          expect(res.status, `${method} ${url}: ${JSON.stringify(res.json)}`).toBeGreaterThanOrEqual(400);
          expect(JSON.stringify(res.json ?? '')).not.toContain('Nội dung thử');
        }
        tried.push(`${method} ${path}`);
      }
    expect(tried.length).toBeGreaterThan(10);
  });
});

describe('a password an administrator knew vouches for no one (re-test sec27 M2)', () => {
  /** The set-password link mailed to `to`, from the queue as the mailer would send it. */
  const linkTo = async (to: string) => {
    const jobs = await w.jobs.boss.fetch<{ to: string; text: string }>('mail.send', { batchSize: 1000 });
    const mine = jobs.filter((j) => j.data.to === to && j.data.text.includes('#token='));
    return mine.length ? /#token=([\w-]+)/.exec(mine.at(-1)!.data.text)![1]! : null;
  };
  const pending = async (id: string) =>
    (await w.database.db.select().from(users).where(eq(users.id, id)))[0]!.ownerPasswordPending;

  it('keys are activated and roles approved only once the owner set a password through the mailed link', async () => {
    // An invitation needs the owner's address, and comes without a password chosen for them.
    const noAddress = await call(w.app, 'POST', '/api/users', {
      who: w.users.root_admin,
      body: { username: 'm2.noaddress', fullName: 'Không Địa Chỉ', unitId: w.units.A, invite: true },
    });
    expect(noAddress.status).toBe(400);
    expect(Object.keys(noAddress.json.fields)).toEqual(['email']);
    // The administrator chooses the password: the account is theirs to sign in as, until its owner acts.
    const made = await call(w.app, 'POST', '/api/users', {
      who: w.users.root_admin,
      body: {
        username: 'm2.puppet',
        fullName: 'Tài Khoản Bù Nhìn',
        email: 'm2.puppet@test.invalid',
        unitId: w.units.A,
        password: 'chosen by the admin 1',
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.ownerPasswordPending).toBe(true);
    const id = made.json.id as string;
    await w.jobs.boss.fetch('mail.send', { batchSize: 1000 }); // older mail out of the way
    const g = (await grant(id, 'intake_officer')).json.grants.find(
      (x: { role: string }) => x.role === 'intake_officer',
    );
    // The grant mailed the owner a link; the administrator still knows the password in use.
    const token = await linkTo('m2.puppet@test.invalid');
    expect(token).not.toBeNull();
    await keyedSessionFor(w.database, id, w.clock.now(), 'chosen by the admin 1');
    const custodian = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    const listed = (await call(w.app, 'GET', '/api/grants/pending', { who: custodian })).json.items.find(
      (x: { id: string }) => x.id === g.id,
    );
    expect(listed).toMatchObject({ canDecide: false, account: { ownerPasswordPending: true } });
    const refused = await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
      who: custodian,
      body: await vouched(w, g.id),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('owner_password_pending');
    // A role a second administrator approves waits the same way.
    const auditor = (await grant(id, 'auditor')).json.grants.find(
      (x: { role: string }) => x.role === 'auditor',
    );
    const secondAdmin = await addUser(w, 'm2.second.admin', 'admin', w.units.R);
    const second = await keyedSessionFor(w.database, secondAdmin, w.clock.now());
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${auditor.id}/approve`, {
          who: second,
          body: await vouched(w, auditor.id),
        })
      ).json.code,
    ).toBe('owner_password_pending');

    // The owner sets their own password through the link: now a colleague may vouch.
    expect(
      (
        await call(w.app, 'POST', '/api/auth/password-reset/confirm', {
          body: { token, newPassword: 'only the owner knows' },
        })
      ).status,
    ).toBe(204);
    expect(await pending(id)).toBe(false);
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${auditor.id}/approve`, {
          who: second,
          body: await vouched(w, auditor.id),
        })
      ).status,
    ).toBe(200);
    // Their keys were made with the administrator's password, which no longer opens them: new keys.
    const owner = await keyedSessionFor(w.database, id, w.clock.now(), 'only the owner knows');
    expect(owner.keyring).toBe(false);
    expect(
      (
        await call(w.app, 'POST', '/api/keys/me/replace', {
          who: owner,
          body: { password: 'only the owner knows' },
        })
      ).status,
    ).toBe(200);
    const ok = await call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
      who: custodian,
      body: await vouched(w, g.id),
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);

    // An administrator's reset, or a new address for its links, makes the password theirs again.
    await call(w.app, 'POST', `/api/users/${id}/reset-password`, { who: w.users.root_admin });
    expect(await pending(id)).toBe(true);
    await linkTo('m2.puppet@test.invalid'); // the auditor grant's invitation, which the first link undid
    const linked = await call(w.app, 'POST', `/api/users/${id}/password-link`, { who: w.users.root_admin });
    expect(linked.status).toBe(200);
    const again = await linkTo('m2.puppet@test.invalid');
    const confirmed = await call(w.app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token: again, newPassword: 'the owner again here' },
    });
    expect(confirmed.status, `${again} ${JSON.stringify(confirmed.json)}`).toBe(204);
    expect(await pending(id)).toBe(false);
    const { version } = (await call(w.app, 'GET', `/api/users/${id}`, { who: w.users.root_admin })).json;
    await call(w.app, 'PATCH', `/api/users/${id}`, {
      who: w.users.root_admin,
      body: { email: 'admin.mailbox@test.invalid', version },
    });
    expect(await pending(id)).toBe(true);
    // Links are capped as resets are; none goes to an account without an address.
    for (let i = 0; i < 3; i++)
      await call(w.app, 'POST', `/api/users/${id}/password-link`, { who: w.users.root_admin });
    expect(
      (await call(w.app, 'POST', `/api/users/${id}/password-link`, { who: w.users.root_admin })).status,
    ).toBe(429);
    const bare = await addUser(w, 'm2.bare', 'declarant', w.units.A);
    const noMail = await call(w.app, 'POST', `/api/users/${bare}/password-link`, { who: w.users.root_admin });
    expect(noMail.status).toBe(400);
    expect(Object.keys(noMail.json.fields)).toEqual(['email']);
  });
});

describe('whoever decides has met whoever holds the account (re-test sec28)', () => {
  it('keys are activated only with the code its holder reads out, which only the holder sees and a reset changes (S1, S3)', async () => {
    const id = await addUser(w, 's28.holder', 'declarant', w.units.A);
    const g = (await grant(id, 'intake_officer')).json.grants.find(
      (x: { role: string }) => x.role === 'intake_officer',
    );
    const custodian = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    const activate = (code?: string) =>
      call(w.app, 'POST', `/api/grants/${g.id}/activate-keys`, {
        who: custodian,
        body: code === undefined ? {} : { code },
      });
    // A routine click is not enough: no code, or a wrong one, is refused on the field.
    expect((await activate()).status).toBe(400);
    const wrong = await activate('ABCD-EFGH');
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.json.fields)).toEqual(['code']);
    // The holder, signed in, sees the code of each grant of theirs that waits; no one else sees theirs.
    const holder = await keyedSessionFor(w.database, id, w.clock.now());
    const mine = (await call(w.app, 'GET', '/api/grants/mine', { who: holder })).json;
    expect(mine.items).toEqual([
      expect.objectContaining({ grantId: g.id, kind: 'keys', code: expect.stringMatching(/^\w{4}-\w{4}$/) }),
    ]);
    const code = mine.items[0].code as string;
    const others = (await call(w.app, 'GET', '/api/grants/mine', { who: custodian })).json.items;
    expect(others.map((x: { grantId: string }) => x.grantId)).not.toContain(g.id);
    // An administrator's reset makes the code read before it worthless (and the owner must set a password).
    await call(w.app, 'POST', `/api/users/${id}/reset-password`, { who: w.users.root_admin });
    await ownerSetsPassword(id);
    expect((await activate(code)).status).toBe(400);
    const fresh = (await vouched(w, g.id)).code;
    expect(fresh).not.toBe(code);
    // Read out in person, however it is typed.
    const ok = await activate(fresh.toLowerCase().replace('-', ' '));
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    // (The reset ended the holder's sessions.)
    const again = await sessionFor(w.database, id, w.clock.now());
    expect((await call(w.app, 'GET', '/api/grants/mine', { who: again })).json.items).toEqual([]);
  });

  it('an account whose owner has not set a password shows no code (S1)', async () => {
    const made = await call(w.app, 'POST', '/api/users', {
      who: w.users.root_admin,
      body: {
        username: 's28.nocode',
        fullName: 'Chưa Đặt Mật Khẩu',
        unitId: w.units.A,
        password: 'chosen by the admin 2',
      },
    });
    await grant(made.json.id, 'intake_officer');
    const who = await keyedSessionFor(w.database, made.json.id, w.clock.now(), 'chosen by the admin 2');
    const mine = (await call(w.app, 'GET', '/api/grants/mine', { who })).json;
    expect(mine.ownerPasswordPending).toBe(true);
    expect(mine.items.map((x: { code: string | null }) => x.code)).toEqual([null]);
  });

  it('a new address for its links undoes the links already mailed (S2)', async () => {
    const made = await call(w.app, 'POST', '/api/users', {
      who: w.users.root_admin,
      body: {
        username: 's28.readdressed',
        fullName: 'Đổi Địa Chỉ',
        email: 's28.owner@test.invalid',
        unitId: w.units.A,
        invite: true,
      },
    });
    const id = made.json.id as string;
    const jobs = await w.jobs.boss.fetch<{ to: string; text: string }>('mail.send', { batchSize: 1000 });
    const invite = jobs.filter((j) => j.data.to === 's28.owner@test.invalid').at(-1)!;
    const token = /#token=([\w-]+)/.exec(invite.data.text)![1]!;
    const { version } = (await call(w.app, 'GET', `/api/users/${id}`, { who: w.users.root_admin })).json;
    await call(w.app, 'PATCH', `/api/users/${id}`, {
      who: w.users.root_admin,
      body: { email: 's28.elsewhere@test.invalid', version },
    });
    const used = await call(w.app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: 'set through an old link' },
    });
    expect(used.status).toBe(400);
    expect((await w.database.db.select().from(users).where(eq(users.id, id)))[0]!.ownerPasswordPending).toBe(
      true,
    );
  });
});
