// Accounts and care teams: each domain function's success, validation failure (nothing saved),
// denial and clinic scoping, against the real database. scrypt costs ~0.3 s per hash, so the
// file computes about twenty.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, isPasswordSet, verifyPassword } from "@/lib/auth/password";
import { assignCareTeam } from "@/lib/domain/accounts/assign-care-team";
import { changeOwnPassword } from "@/lib/domain/accounts/change-own-password";
import { changeRole } from "@/lib/domain/accounts/change-role";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { getAccount, getPatientAccount } from "@/lib/domain/accounts/get-account";
import { ACCOUNTS_PAGE_SIZE, listAccounts } from "@/lib/domain/accounts/list-accounts";
import { listClinicians } from "@/lib/domain/accounts/list-clinicians";
import { resetPassword } from "@/lib/domain/accounts/reset-password";
import { setAccountActive } from "@/lib/domain/accounts/set-account-active";
import { AppError } from "@/lib/errors";
import { accountCounts, accountsWorld, careTeamOf, eventCount, userRow, withPendingPasswordChange, type AccountsWorld } from "../fixtures/accounts";
import { actorFor, auditCount, createUser, testDb, truncateAll } from "../fixtures/db";

async function expectCode(promise: Promise<unknown>, code: AppError["code"], field?: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === code && (!field || Boolean(e.fieldErrors?.[field]?.length)));
}

const clinicianInput = (email = `new.clinician.${Math.random().toString(36).slice(2, 8)}@test.example`) => ({
  role: "CLINICIAN" as const,
  name: "Casey New",
  email,
});

function patientInput(w: AccountsWorld, overrides: Record<string, unknown> = {}) {
  return {
    role: "PATIENT" as const,
    firstName: "Robin",
    lastName: "Fresh",
    dateOfBirth: "1975-03-14",
    email: `robin.${Math.random().toString(36).slice(2, 8)}@test.example`,
    phone: "+44 20 7946 0999",
    portalAccess: true,
    contraindications: ["ANTICOAGULANTS" as const],
    careTeam: [
      { clinicianId: w.users.clinicianA.id, isPrimary: true },
      { clinicianId: w.users.clinicianB.id, isPrimary: false },
    ],
    ...overrides,
  };
}

/** No audit row may carry a password or a hash. */
async function expectNoSecretsInAudit(...secrets: string[]) {
  const rows = JSON.stringify(await testDb().auditEvent.findMany());
  for (const secret of [...secrets, "scrypt$"]) expect(rows).not.toContain(secret);
}

let w: AccountsWorld;

describe("accounts and care teams", () => {
  beforeEach(async () => {
    await truncateAll();
    w = await accountsWorld();
  });

  describe("every admin function refuses clinicians and patients", () => {
    // Ids are checked after the permission, so placeholders are enough.
    const id = `c${"x".repeat(24)}`;
    const calls: [string, (actor: Actor) => Promise<unknown>][] = [
      ["createAccount", (a) => createAccount(a, clinicianInput())],
      ["listAccounts", (a) => listAccounts(a)],
      ["getAccount", (a) => getAccount(a, id)],
      ["getPatientAccount", (a) => getPatientAccount(a, id)],
      ["setAccountActive", (a) => setAccountActive(a, { userId: id, active: false })],
      ["changeRole", (a) => changeRole(a, { userId: id, role: "ADMIN" })],
      ["resetPassword", (a) => resetPassword(a, { userId: id })],
      ["assignCareTeam", (a) => assignCareTeam(a, { patientId: id, version: 1, members: [{ clinicianId: id, isPrimary: true }] })],
      ["listClinicians", (a) => listClinicians(a)],
    ];
    it.each(calls)("%s: FORBIDDEN for a clinician", async (_name, call) => {
      await expectCode(call(w.actors.clinician), "FORBIDDEN");
    });
    it.each(calls)("%s: FORBIDDEN for a patient", async (_name, call) => {
      await expectCode(call(w.actors.patient), "FORBIDDEN");
    });
    it.each(calls)("%s: refused to an admin who has not replaced an initial password", async (_name, call) => {
      await expect(call(withPendingPasswordChange(w.actors.admin))).rejects.toMatchObject({ code: "FORBIDDEN", message: "Change your password first" });
    });
  });

  describe("createAccount", () => {
    it("creates a clinician without a password and emails an invitation instead (decision 034)", async () => {
      const input = clinicianInput("Casey.New@Test.Example ");
      const created = await createAccount(w.actors.admin, input);
      expect(created.patientId).toBeNull();
      expect(Object.keys(created).sort()).toEqual(["invitationExpiresAt", "patientId", "userId"]);
      expect(Date.parse(created.invitationExpiresAt!) - Date.now()).toBeGreaterThan(71.9 * 3_600_000);
      const user = await userRow(created.userId!);
      expect(user).toMatchObject({ clinicId: w.clinic.id, role: "CLINICIAN", name: "Casey New", email: "casey.new@test.example", active: true, mustChangePassword: false });
      expect(isPasswordSet(user.passwordHash)).toBe(false);
      expect(await verifyPassword("", user.passwordHash)).toBe(false);
      const tokens = await testDb().accountToken.findMany({ where: { userId: user.id } });
      expect(tokens).toEqual([expect.objectContaining({ purpose: "INVITATION", createdById: w.users.admin.id, usedAt: null, revokedAt: null, tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
      const messages = await testDb().outboundMessage.findMany({ where: { userId: user.id } });
      expect(messages).toEqual([expect.objectContaining({ kind: "account_invitation", channel: "EMAIL", recipient: "casey.new@test.example", status: "QUEUED", secretEnc: expect.any(String) })]);
      expect(messages[0]!.data).toEqual({ recipientName: "Casey New", role: "CLINICIAN" });
      const events = await testDb().auditEvent.findMany({ where: { action: "account.create" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: w.users.admin.id, entityType: "User", entityId: created.userId, patientId: null });
      expect(await auditCount()).toBe(1);
      await expectNoSecretsInAudit(user.passwordHash, tokens[0]!.tokenHash);
    });

    it("creates a patient with portal access, record and care team together", async () => {
      const created = await createAccount(w.actors.admin, patientInput(w));
      const patient = await testDb().patient.findUniqueOrThrow({ where: { id: created.patientId! }, include: { user: true } });
      expect(patient).toMatchObject({ clinicId: w.clinic.id, userId: created.userId, firstName: "Robin", lastName: "Fresh", phone: "+44 20 7946 0999", contraindications: ["ANTICOAGULANTS"] });
      expect(patient.dateOfBirth.toISOString().slice(0, 10)).toBe("1975-03-14");
      expect(patient.user).toMatchObject({ role: "PATIENT", name: "Robin Fresh", email: patient.email, mustChangePassword: false });
      expect(isPasswordSet(patient.user!.passwordHash)).toBe(false);
      expect(await testDb().outboundMessage.count({ where: { userId: created.userId, kind: "account_invitation", recipient: patient.email! } })).toBe(1);
      expect(await careTeamOf(patient.id)).toEqual(
        [
          { clinicianId: w.users.clinicianA.id, isPrimary: true },
          { clinicianId: w.users.clinicianB.id, isPrimary: false },
        ].sort((a, b) => a.clinicianId.localeCompare(b.clinicianId)),
      );
      const events = await testDb().auditEvent.findMany({ where: { action: "account.create" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ entityType: "Patient", entityId: patient.id, patientId: patient.id });
      await expectNoSecretsInAudit(patient.user!.passwordHash, "ANTICOAGULANTS", "1975-03-14", "Fresh");
      // The invitation carries the name only: nothing clinical.
      const message = await testDb().outboundMessage.findFirstOrThrow({ where: { userId: created.userId } });
      expect(JSON.stringify(message.data)).not.toMatch(/ANTICOAGULANTS|1975|Fresh Robin|careTeam/);
    });

    it("creates a patient without portal access: a record and care team, no account, no password", async () => {
      const before = await accountCounts();
      const created = await createAccount(w.actors.admin, patientInput(w, { portalAccess: false, email: "" }));
      expect(created).toMatchObject({ userId: null, invitationExpiresAt: null });
      expect(await testDb().outboundMessage.count()).toBe(0);
      const after = await accountCounts();
      expect(after).toEqual({ users: before.users, patients: before.patients + 1, members: before.members + 2, events: before.events + 1 });
      expect(await auditCount({ action: "account.create", patientId: created.patientId! })).toBe(1);
    });

    it.each([
      ["a portal account without an email", { email: "" }, "email"],
      ["a date of birth in the future", { dateOfBirth: "2999-01-01" }, "dateOfBirth"],
      ["a date of birth before 1900", { dateOfBirth: "1899-12-31" }, "dateOfBirth"],
      ["no care team", { careTeam: [] }, "careTeam"],
      ["two primary clinicians", { careTeamPrimaries: 2 }, "careTeam"],
      ["no primary clinician", { careTeamPrimaries: 0 }, "careTeam"],
    ])("refuses %s and saves nothing", async (_label, change, field) => {
      const { careTeamPrimaries, ...overrides } = change as { careTeamPrimaries?: number };
      const input = patientInput(w, overrides);
      if (careTeamPrimaries !== undefined) input.careTeam = input.careTeam.map((m, i) => ({ ...m, isPrimary: i < careTeamPrimaries }));
      const before = await accountCounts();
      await expectCode(createAccount(w.actors.admin, input), "VALIDATION", field);
      expect(await accountCounts()).toEqual(before);
    });

    it.each([
      ["a deactivated clinician", (x: AccountsWorld) => x.users.inactiveClinician.id],
      ["a clinician of another clinic", (x: AccountsWorld) => x.users.otherClinician.id],
      ["an admin", (x: AccountsWorld) => x.users.admin.id],
    ])("refuses a care team with %s and saves nothing", async (_label, pick) => {
      const before = await accountCounts();
      const input = patientInput(w, { portalAccess: false, careTeam: [{ clinicianId: pick(w), isPrimary: true }] });
      await expectCode(createAccount(w.actors.admin, input), "VALIDATION", "careTeam");
      expect(await accountCounts()).toEqual(before);
    });

    it("refuses a staff account without a valid email or name, saving nothing", async () => {
      const before = await accountCounts();
      await expectCode(createAccount(w.actors.admin, { role: "ADMIN", name: "Al", email: "not-an-email" }), "VALIDATION", "email");
      await expectCode(createAccount(w.actors.admin, { role: "CLINICIAN", name: " ", email: "ok@test.example" }), "VALIDATION", "name");
      await expectCode(createAccount(w.actors.admin, { role: "OWNER", name: "Al", email: "ok@test.example" } as never), "VALIDATION", "role");
      expect(await accountCounts()).toEqual(before);
    });

    it("answers a duplicate email (any case) with a field error on email and saves nothing", async () => {
      const before = await accountCounts();
      await expectCode(createAccount(w.actors.admin, clinicianInput(w.users.clinicianA.email.toUpperCase())), "VALIDATION", "email");
      expect(await accountCounts()).toEqual(before);
    });
  });

  describe("listAccounts", () => {
    it("lists the clinic's accounts and patients without portal access, never another clinic's", async () => {
      const { rows, total } = await listAccounts(w.actors.admin);
      // admin, 3 clinicians, the portal patient's account, the patient without portal.
      expect(total).toBe(6);
      expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(rows.some((r) => r.name.startsWith("Other"))).toBe(false);
      const noPortal = rows.find((r) => r.patientId === w.patients.noPortal.patient.id);
      expect(noPortal).toMatchObject({ userId: null, role: "PATIENT", status: "NO_PORTAL", href: `/admin/accounts/patients/${w.patients.noPortal.patient.id}` });
      const portal = rows.find((r) => r.userId === w.patients.withPortal.portal!.id);
      expect(portal).toMatchObject({ patientId: w.patients.withPortal.patient.id, status: "ACTIVE", href: `/admin/accounts/${w.patients.withPortal.portal!.id}` });
    });

    it("searches by name or email and filters by role and status", async () => {
      const names = async (filters: Parameters<typeof listAccounts>[1]) => (await listAccounts(w.actors.admin, filters)).rows.map((r) => r.name).sort();
      expect(await names({ q: "clinician" })).toEqual(["Alex Clinician", "Blake Clinician"]);
      expect(await names({ q: w.users.clinicianB.email.slice(0, 6).toUpperCase() })).toEqual(["Blake Clinician"]);
      expect(await names({ role: "CLINICIAN" })).toEqual(["Alex Clinician", "Blake Clinician", "Ivy Inactive"]);
      expect(await names({ status: "INACTIVE" })).toEqual(["Ivy Inactive"]);
      expect(await names({ role: "PATIENT", status: "NO_PORTAL" })).toEqual([`Test ${w.patients.noPortal.patient.lastName}`]);
      // LIKE wildcards are searched for literally.
      expect(await names({ q: "%" })).toEqual([]);
      expect(await names({ q: "_" })).toEqual([]);
    });

    it("pages by 25", async () => {
      for (let i = 0; i < ACCOUNTS_PAGE_SIZE; i++) await createUser(w.clinic.id, "CLINICIAN", `Zed ${String(i).padStart(2, "0")}`);
      const first = await listAccounts(w.actors.admin, { page: 1 });
      const second = await listAccounts(w.actors.admin, { page: 2 });
      expect(first.total).toBe(6 + ACCOUNTS_PAGE_SIZE);
      expect(first.rows).toHaveLength(ACCOUNTS_PAGE_SIZE);
      expect(second.rows).toHaveLength(6);
      expect(new Set([...first.rows, ...second.rows].map((r) => r.href)).size).toBe(6 + ACCOUNTS_PAGE_SIZE);
    });
  });

  describe("getAccount and getPatientAccount", () => {
    it("shows a clinician's care-team load and a patient's record and team, auditing the patient read", async () => {
      const clinician = await getAccount(w.actors.admin, w.users.clinicianA.id);
      expect(clinician).toMatchObject({ role: "CLINICIAN", isSelf: false, careTeams: { total: 1, primary: 1 }, patient: null });
      expect(await auditCount()).toBe(0);
      const patient = await getAccount(w.actors.admin, w.patients.withPortal.portal!.id);
      expect(patient.patient).toMatchObject({ id: w.patients.withPortal.patient.id, dateOfBirth: "1980-05-05", version: 1 });
      expect(patient.patient?.careTeam).toEqual([{ clinicianId: w.users.clinicianA.id, name: "Alex Clinician", isPrimary: true, assignable: true }]);
      expect(await auditCount({ action: "patient.read", patientId: w.patients.withPortal.patient.id })).toBe(1);
      const record = await getPatientAccount(w.actors.admin, w.patients.noPortal.patient.id);
      expect(record).toMatchObject({ userId: null, careTeam: [{ clinicianId: w.users.clinicianB.id, isPrimary: true }] });
      expect((await getAccount(w.actors.admin, w.users.admin.id)).isSelf).toBe(true);
    });

    it("answers NOT_FOUND for another clinic's records and for ids that cannot exist", async () => {
      await expectCode(getAccount(w.actors.admin, w.users.otherClinician.id), "NOT_FOUND");
      await expectCode(getPatientAccount(w.actors.admin, w.patients.other.patient.id), "NOT_FOUND");
      await expectCode(getAccount(w.actors.admin, "../etc"), "NOT_FOUND");
      // Each refused read of a real id is recorded with that id (decision 023); an id that cannot
      // exist is refused before any lookup.
      expect(await auditCount()).toBe(2);
      expect(await eventCount({ action: "access.refused", entityId: w.users.otherClinician.id })).toBe(1);
      expect(await eventCount({ action: "access.refused", entityId: w.patients.other.patient.id })).toBe(1);
    });
  });

  describe("setAccountActive", () => {
    it("deactivates and reactivates, bumping the session version each time, one audit event each", async () => {
      const id = w.users.clinicianA.id;
      expect(await setAccountActive(w.actors.admin, { userId: id, active: false })).toEqual({ active: false, changed: true });
      expect(await userRow(id)).toMatchObject({ active: false, sessionVersion: 2 });
      expect(await auditCount({ action: "account.deactivate", actorId: w.users.admin.id })).toBe(1);
      expect(await setAccountActive(w.actors.admin, { userId: id, active: true })).toEqual({ active: true, changed: true });
      expect(await userRow(id)).toMatchObject({ active: true, sessionVersion: 3 });
      expect(await auditCount({ action: "account.reactivate" })).toBe(1);
    });

    it("changes and records nothing when the account already has that state", async () => {
      const before = await accountCounts();
      expect(await setAccountActive(w.actors.admin, { userId: w.users.clinicianA.id, active: true })).toEqual({ active: true, changed: false });
      expect(await userRow(w.users.clinicianA.id)).toMatchObject({ sessionVersion: 1 });
      expect(await accountCounts()).toEqual(before);
    });

    it("refuses deactivating yourself, a bad input and another clinic's account, changing nothing", async () => {
      await expectCode(setAccountActive(w.actors.admin, { userId: w.users.admin.id, active: false }), "VALIDATION");
      await expectCode(setAccountActive(w.actors.admin, { userId: "nope", active: false }), "VALIDATION", "userId");
      await expectCode(setAccountActive(w.actors.admin, { userId: w.users.otherClinician.id, active: false }), "NOT_FOUND");
      expect(await userRow(w.users.admin.id)).toMatchObject({ active: true, sessionVersion: 1 });
      expect(await userRow(w.users.otherClinician.id)).toMatchObject({ active: true, sessionVersion: 1 });
      expect(await auditCount()).toBe(0);
    });
  });

  describe("changeRole", () => {
    it("makes a clinician without care teams an admin, bumping the session version, one audit event", async () => {
      const clinician = await createUser(w.clinic.id, "CLINICIAN");
      expect(await changeRole(w.actors.admin, { userId: clinician.id, role: "ADMIN" })).toEqual({ role: "ADMIN", changed: true });
      expect(await userRow(clinician.id)).toMatchObject({ role: "ADMIN", sessionVersion: 2 });
      expect(await eventCount({ action: "account.role_change", entityId: clinician.id })).toBe(1);
      expect(await changeRole(w.actors.admin, { userId: clinician.id, role: "CLINICIAN" })).toEqual({ role: "CLINICIAN", changed: true });
      expect(await userRow(clinician.id)).toMatchObject({ role: "CLINICIAN", sessionVersion: 3 });
    });

    it("refuses your own role, a patient, a staff account into a patient, and a clinician still on a care team", async () => {
      const otherAdmin = await createUser(w.clinic.id, "ADMIN");
      await expectCode(changeRole(w.actors.admin, { userId: w.users.admin.id, role: "CLINICIAN" }), "VALIDATION");
      await expectCode(changeRole(w.actors.admin, { userId: w.patients.withPortal.portal!.id, role: "CLINICIAN" }), "VALIDATION");
      await expectCode(changeRole(w.actors.admin, { userId: otherAdmin.id, role: "PATIENT" } as never), "VALIDATION", "role");
      await expectCode(changeRole(w.actors.admin, { userId: w.users.clinicianA.id, role: "ADMIN" }), "VALIDATION");
      expect(await userRow(w.patients.withPortal.portal!.id)).toMatchObject({ role: "PATIENT", sessionVersion: 1 });
      expect(await userRow(w.users.clinicianA.id)).toMatchObject({ role: "CLINICIAN", sessionVersion: 1 });
      expect(await auditCount()).toBe(0);
    });

    it("answers NOT_FOUND for another clinic's account", async () => {
      await expectCode(changeRole(w.actors.admin, { userId: w.users.otherAdmin.id, role: "CLINICIAN" }), "NOT_FOUND");
      expect(await userRow(w.users.otherAdmin.id)).toMatchObject({ role: "ADMIN" });
    });
  });

  describe("resetPassword", () => {
    it("emails an activated account a 30-minute reset link and shows no password; the current one keeps working until the link is used", async () => {
      const id = w.users.clinicianA.id;
      const before = await userRow(id);
      const sent = await resetPassword(w.actors.admin, { userId: id });
      expect(Object.keys(sent).sort()).toEqual(["expiresAt", "sent"]);
      expect(sent.sent).toBe("PASSWORD_RESET");
      expect(Date.parse(sent.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
      expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(await userRow(id)).toMatchObject({ passwordHash: before.passwordHash, sessionVersion: 1 });
      expect(await testDb().accountToken.count({ where: { userId: id, purpose: "PASSWORD_RESET", createdById: w.users.admin.id } })).toBe(1);
      expect(await testDb().outboundMessage.count({ where: { userId: id, kind: "password_reset", recipient: before.email } })).toBe(1);
      expect(await eventCount({ action: "account.password_reset_link_sent", entityId: id, actorId: w.users.admin.id })).toBe(1);
    });

    it("sends an account that never chose a password its invitation again, replacing the earlier one", async () => {
      const created = await createAccount(w.actors.admin, clinicianInput());
      const first = await testDb().accountToken.findFirstOrThrow({ where: { userId: created.userId! } });
      const sent = await resetPassword(w.actors.admin, { userId: created.userId! });
      expect(sent.sent).toBe("INVITATION");
      expect(await testDb().accountToken.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ revokedAt: expect.any(Date) });
      expect(await testDb().accountToken.count({ where: { userId: created.userId!, revokedAt: null } })).toBe(1);
      const messages = await testDb().outboundMessage.findMany({ where: { userId: created.userId! }, orderBy: { createdAt: "asc" } });
      expect(messages.map((m) => [m.kind, m.status])).toEqual([
        ["account_invitation", "CANCELLED"],
        ["account_invitation", "QUEUED"],
      ]);
      expect(messages[0]!.secretEnc).toBeNull();
    });

    it("refuses a deactivated account (409) and sends nothing", async () => {
      await expectCode(resetPassword(w.actors.admin, { userId: w.users.inactiveClinician.id }), "CONFLICT");
      expect(await testDb().accountToken.count()).toBe(0);
      expect(await testDb().outboundMessage.count()).toBe(0);
    });

    it("refuses your own account, a bad id and another clinic's account", async () => {
      await expectCode(resetPassword(w.actors.admin, { userId: w.users.admin.id }), "VALIDATION");
      await expectCode(resetPassword(w.actors.admin, { userId: "x" }), "VALIDATION", "userId");
      await expectCode(resetPassword(w.actors.admin, { userId: w.users.otherClinician.id }), "NOT_FOUND");
      expect(await userRow(w.users.otherClinician.id)).toMatchObject({ passwordHash: w.users.otherClinician.passwordHash, sessionVersion: 1 });
      expect(await auditCount()).toBe(0);
    });
  });

  describe("assignCareTeam", () => {
    const team = (primary: string, ...others: string[]) => [{ clinicianId: primary, isPrimary: true }, ...others.map((clinicianId) => ({ clinicianId, isPrimary: false }))];

    it("replaces the team, bumps the patient's version and records one event with the patient's id", async () => {
      const patientId = w.patients.withPortal.patient.id;
      const saved = await assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianB.id, w.users.clinicianA.id) });
      expect(saved).toEqual({ version: 2 });
      const members = await careTeamOf(patientId);
      expect(members).toHaveLength(2);
      expect(members.find((m) => m.isPrimary)?.clinicianId).toBe(w.users.clinicianB.id);
      expect(await auditCount({ action: "careteam.assign", patientId })).toBe(1);
      expect(await auditCount()).toBe(1);
    });

    it.each([
      ["no primary", (x: AccountsWorld) => [{ clinicianId: x.users.clinicianA.id, isPrimary: false }]],
      ["two primaries", (x: AccountsWorld) => [{ clinicianId: x.users.clinicianA.id, isPrimary: true }, { clinicianId: x.users.clinicianB.id, isPrimary: true }]],
      ["nobody", () => []],
      ["the same clinician twice", (x: AccountsWorld) => [{ clinicianId: x.users.clinicianA.id, isPrimary: true }, { clinicianId: x.users.clinicianA.id, isPrimary: false }]],
      ["more than ten clinicians", () => Array.from({ length: 11 }, (_, i) => ({ clinicianId: `c${String(i).padStart(24, "0")}`, isPrimary: i === 0 }))],
      ["a deactivated clinician", (x: AccountsWorld) => team(x.users.clinicianA.id, x.users.inactiveClinician.id)],
      ["a clinician of another clinic", (x: AccountsWorld) => team(x.users.otherClinician.id)],
      ["an admin", (x: AccountsWorld) => team(x.users.admin.id)],
    ])("refuses %s and changes nothing", async (_label, members) => {
      const patientId = w.patients.withPortal.patient.id;
      const before = await careTeamOf(patientId);
      await expectCode(assignCareTeam(w.actors.admin, { patientId, version: 1, members: members(w) }), "VALIDATION", "members");
      expect(await careTeamOf(patientId)).toEqual(before);
      expect((await testDb().patient.findUniqueOrThrow({ where: { id: patientId } })).version).toBe(1);
      expect(await auditCount()).toBe(0);
    });

    it("refuses a save from a stale version with CONFLICT and changes nothing", async () => {
      const patientId = w.patients.withPortal.patient.id;
      await assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianB.id) });
      const afterFirst = await careTeamOf(patientId);
      await expectCode(assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianA.id) }), "CONFLICT");
      expect(await careTeamOf(patientId)).toEqual(afterFirst);
      expect(await auditCount({ action: "careteam.assign" })).toBe(1);
    });

    it("lets exactly one of two concurrent saves from the same version win", async () => {
      const patientId = w.patients.withPortal.patient.id;
      const results = await Promise.allSettled([
        assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianB.id) }),
        assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianA.id, w.users.clinicianB.id) }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await auditCount({ action: "careteam.assign" })).toBe(1);
      expect((await careTeamOf(patientId)).filter((m) => m.isPrimary)).toHaveLength(1);
    });

    it("answers NOT_FOUND for another clinic's patient", async () => {
      const patientId = w.patients.other.patient.id;
      await expectCode(assignCareTeam(w.actors.admin, { patientId, version: 1, members: team(w.users.clinicianA.id) }), "NOT_FOUND");
      expect(await careTeamOf(patientId)).toEqual([{ clinicianId: w.users.otherClinician.id, isPrimary: true }]);
    });
  });

  describe("listClinicians", () => {
    it("offers the clinic's active clinicians only", async () => {
      expect((await listClinicians(w.actors.admin)).map((c) => c.name)).toEqual(["Alex Clinician", "Blake Clinician"]);
      expect((await listClinicians(w.actors.otherAdmin)).map((c) => c.name)).toEqual(["Other Clinician"]);
    });
  });
});

describe("changeOwnPassword", () => {
  const CURRENT = "old river stones 42";
  let currentHash: string;

  beforeAll(async () => {
    currentHash = await hashPassword(CURRENT);
  }, 20_000);

  beforeEach(async () => {
    await truncateAll();
    w = await accountsWorld();
  });

  async function withKnownPassword(actor: Actor, options: { mustChange?: boolean } = {}) {
    await testDb().user.update({ where: { id: actor.userId }, data: { passwordHash: currentHash, mustChangePassword: options.mustChange ?? false } });
    return options.mustChange ? withPendingPasswordChange(actor) : actor;
  }

  it("replaces an initial password: the new one verifies, the flag clears, sessions end, one audit event", async () => {
    const actor = await withKnownPassword(w.actors.clinician, { mustChange: true });
    const next = "a quiet morning by the weir";
    await changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: next, confirm: next });
    const user = await userRow(actor.userId);
    expect(await verifyPassword(next, user.passwordHash)).toBe(true);
    expect(user).toMatchObject({ mustChangePassword: false, sessionVersion: 2 });
    expect(user.passwordChangedAt).toBeInstanceOf(Date);
    expect(await eventCount({ action: "account.password_change", actorId: actor.userId, entityId: actor.userId })).toBe(1);
    expect(await auditCount()).toBe(1);
    await expectNoSecretsInAudit(next, CURRENT, user.passwordHash);
  });

  it("works for a patient too (no permission needed beyond being signed in)", async () => {
    const actor = await withKnownPassword(w.actors.patient);
    await changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: "tea and toast at seven", confirm: "tea and toast at seven" });
    expect(await userRow(actor.userId)).toMatchObject({ sessionVersion: 2 });
  });

  it("refuses a wrong current password with a field error and changes nothing", async () => {
    const actor = await withKnownPassword(w.actors.clinician, { mustChange: true });
    await expectCode(changeOwnPassword(actor, { currentPassword: "not it at all", newPassword: "a quiet morning by the weir", confirm: "a quiet morning by the weir" }), "VALIDATION", "currentPassword");
    expect(await userRow(actor.userId)).toMatchObject({ passwordHash: currentHash, mustChangePassword: true, sessionVersion: 1 });
    // The wrong guess itself is a security event (it counts toward the account's lock).
    expect(await eventCount({ action: "account.password_change_failed", entityId: actor.userId })).toBe(1);
    expect(await auditCount()).toBe(1);
  });

  it.each([
    ["too short", "seven77"],
    ["a common password", "Password1"],
    ["the same as the current one", CURRENT],
  ])("refuses a new password that is %s, changing nothing", async (_label, next) => {
    const actor = await withKnownPassword(w.actors.clinician);
    await expectCode(changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: next, confirm: next }), "VALIDATION", "newPassword");
    expect(await userRow(actor.userId)).toMatchObject({ passwordHash: currentHash, sessionVersion: 1 });
  });

  it("refuses the account's own email as the new password", async () => {
    const actor = await withKnownPassword(w.actors.clinician);
    const email = w.users.clinicianA.email;
    await expectCode(changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: email.toUpperCase(), confirm: email.toUpperCase() }), "VALIDATION", "newPassword");
    expect(await userRow(actor.userId)).toMatchObject({ passwordHash: currentHash, sessionVersion: 1 });
  });

  it("counts wrong current passwords as failed sign-ins: the tenth locks the account for 15 minutes, then even the right one is refused", async () => {
    const actor = await withKnownPassword(w.actors.clinician);
    const next = "a quiet morning by the weir";
    for (let i = 1; i <= 9; i++) {
      await expectCode(changeOwnPassword(actor, { currentPassword: `wrong guess ${i}`, newPassword: next, confirm: next }), "VALIDATION", "currentPassword");
    }
    expect(await userRow(actor.userId)).toMatchObject({ failedLoginCount: 9, lockedUntil: null });
    await expectCode(changeOwnPassword(actor, { currentPassword: "wrong guess 10", newPassword: next, confirm: next }), "RATE_LIMITED");
    const lockedRow = await userRow(actor.userId);
    expect(lockedRow.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await eventCount({ action: "auth.lockout", entityId: actor.userId })).toBe(1);
    await expectCode(changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: next, confirm: next }), "RATE_LIMITED");
    expect(await userRow(actor.userId)).toMatchObject({ passwordHash: currentHash, sessionVersion: 1 });
    expect(await eventCount({ action: "account.password_change", actorId: actor.userId })).toBe(0);
  });

  it("bounds guesses sent all at once: 40 concurrent wrong guesses check at most 30 passwords, and the account ends locked", async () => {
    const actor = await withKnownPassword(w.actors.clinician);
    const next = "a quiet morning by the weir";
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => changeOwnPassword(actor, { currentPassword: `concurrent guess ${i}`, newPassword: next, confirm: next })),
    );
    const codes = results.map((r) => (r.status === "rejected" && r.reason instanceof AppError ? r.reason.code : "other"));
    expect(codes.filter((c) => c === "other")).toEqual([]);
    expect(codes.filter((c) => c === "VALIDATION").length).toBeLessThanOrEqual(30);
    expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(10);
    const row = await userRow(actor.userId);
    expect(row.lockedUntil).not.toBeNull();
    expect(row).toMatchObject({ passwordHash: currentHash, sessionVersion: 1 });
  }, 60_000);

  it("a successful change clears earlier failures", async () => {
    const actor = await withKnownPassword(w.actors.clinician);
    const next = "a quiet morning by the weir";
    await expectCode(changeOwnPassword(actor, { currentPassword: "wrong guess", newPassword: next, confirm: next }), "VALIDATION", "currentPassword");
    await changeOwnPassword(actor, { currentPassword: CURRENT, newPassword: next, confirm: next });
    expect(await userRow(actor.userId)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("refuses an actor without a user id instead of widening the query", async () => {
    await expectCode(changeOwnPassword({ ...actorFor(w.users.clinicianA), userId: "" }, { currentPassword: CURRENT, newPassword: "tea and toast at seven", confirm: "tea and toast at seven" }), "UNAUTHENTICATED");
  });
});
