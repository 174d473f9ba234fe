// Issue 7, audit coverage: every read and write of a patient's clinical record leaves exactly one
// audit event, tested per domain function; a refused call leaves none; no health data or
// credentials ever reach an audit row; and the database refuses raw-SQL UPDATE and DELETE of them.
//
// TABLE holds one entry per exported domain function whose first parameter is an `Actor`. The
// first test reads lib/domain/** and fails, by name, for every such function without an entry
// (and for entries whose function is gone), so a new domain function cannot skip this file.
// Each entry says how to call its function successfully on fresh fixture data and how many audit
// events one such call must write: 1 for reads and writes of a patient's record and for audited
// admin writes, 0 where nothing of a patient is read (catalog, templates, account lists).
//
// Rows are not truncated between the table's tests: the health-data scan at the end reads every
// audit row the whole file wrote. Every fixture text carries a "ZZ" marker, so one substring
// check catches any of it in an audit row; ids are lowercase cuids and actions lowercase.
import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/db/generated/client";
import { assignCareTeam } from "@/lib/domain/accounts/assign-care-team";
import { changeOwnPassword } from "@/lib/domain/accounts/change-own-password";
import { changeRole } from "@/lib/domain/accounts/change-role";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { countOpenSessions, endAccountSessions, listOwnSessions, signOutEverywhere } from "@/lib/domain/accounts/end-sessions";
import { getAccount, getPatientAccount } from "@/lib/domain/accounts/get-account";
import { getPortalAccess } from "@/lib/domain/accounts/get-portal-access";
import { invitePatient } from "@/lib/domain/accounts/invite-patient";
import { listAccounts } from "@/lib/domain/accounts/list-accounts";
import { listClinicians } from "@/lib/domain/accounts/list-clinicians";
import { resetPassword } from "@/lib/domain/accounts/reset-password";
import { setAccountActive } from "@/lib/domain/accounts/set-account-active";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/domain/audit/list-audit-events";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events";
import { changeCatalogItemStatus, deleteCatalogItem } from "@/lib/domain/catalog/change-catalog-item-status";
import { getCatalogItem } from "@/lib/domain/catalog/get-catalog-item";
import { getCatalogItemUsage } from "@/lib/domain/catalog/usage";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { createCatalogItem, updateCatalogItem } from "@/lib/domain/catalog/save-catalog-item";
import { recordOutcome } from "@/lib/domain/outcomes/record-outcome";
// Guideline statements on treatments (issue 16, decision 044).
import { getGuidelineOverrideReport } from "@/lib/domain/guidelines/guideline-override-report";
import { listGuidelineStancesForCondition, listGuidelineStatements } from "@/lib/domain/guidelines/list-guideline-statements";
import { createGuidelineStatement, setGuidelineStatementRetired, updateGuidelineStatement } from "@/lib/domain/guidelines/save-guideline-statement";
import { locateFlagConflicts } from "@/lib/domain/patients/flag-conflicts";
import { getPatientDetails } from "@/lib/domain/patients/get-patient-details";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { createPatient, updatePatient } from "@/lib/domain/patients/save-patient";
import { createPlan, previewPlanFromTemplate } from "@/lib/domain/plans/create-plan";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { listPlanHistory } from "@/lib/domain/plans/list-plan-history";
import { buildPlanHandout } from "@/lib/domain/plans/plan-handout";
import { addPlanActivity, changePlanActivityStatus, movePlanActivity, movePlanActivityTo, updatePlanActivity } from "@/lib/domain/plans/plan-activities";
import { requestOdi } from "@/lib/domain/plans/request-odi";
// Measure schedules (issue 16, decision 046)
import { listOverdueMeasures } from "@/lib/domain/measures/list-overdue-measures";
import { listPlanMeasures } from "@/lib/domain/measures/list-plan-measures";
import { addMeasureSchedules, askMeasureNow, removeMeasureSchedule } from "@/lib/domain/measures/manage-measures";
import { listMyAsks } from "@/lib/domain/measures/my-asks";
import { changePlanStatus, updatePlanDetails } from "@/lib/domain/plans/update-plan";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivity, undoHomeLog } from "@/lib/domain/portal/log-home-activity";
import { listMyPlans } from "@/lib/domain/portal/my-plans";
import { exportMyCalendar, listMySessions } from "@/lib/domain/portal/my-sessions";
import { getOdiRequest, selfReportOdi, selfReportPain, selfReportQuestionnaire } from "@/lib/domain/portal/self-report";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { getOutboxMessage, listOutbox } from "@/lib/domain/messaging/outbox";
import { newId as newMessageId } from "@/lib/db/new-id";
import { getPushPublicKey } from "@/lib/domain/push/get-push-key";
import { subscribePush } from "@/lib/domain/push/subscribe-push";
import { unsubscribePush } from "@/lib/domain/push/unsubscribe-push";
import { addDays, fromIsoDate, todayIn, toIsoDate, zonedToUtc } from "@/lib/domain/schedule/dates";
import { getSession } from "@/lib/domain/sessions/get-session";
import { getClinicianDashboard, listWeekSessions } from "@/lib/domain/sessions/list-sessions";
import { changeSessionStatus, rescheduleSession, scheduleSession } from "@/lib/domain/sessions/scheduling";
import { previewSessionSeries, scheduleSessionSeries } from "@/lib/domain/sessions/series";
import { getClinicCalendar } from "@/lib/domain/sessions/calendar";
import { addSessionAddendum, saveSessionNote, signSessionNote } from "@/lib/domain/sessions/session-note";
import { listCatalogMedia, removeCatalogMedia } from "@/lib/domain/media/catalog-media";
import { listPlanActivityMedia, listPlanPictures } from "@/lib/domain/media/list-plan-pictures";
import { removeVideoPart, uploadVideoPart } from "@/lib/domain/media/video-extras";
import { openMedia } from "@/lib/domain/media/open-media";
import { uploadActivityMedia, uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { listPlanMedia, moveActivityMedia, moveCatalogMedia, removeActivityMedia, updateActivityMedia, updateCatalogMedia } from "@/lib/domain/media/manage-media";
import { createLocalStorage } from "@/lib/storage/local";
import { openClinicLogo, removeClinicLogo, uploadClinicLogo } from "@/lib/domain/clinic/logo";
import { getClinicContact, getClinicSettings, updateClinicSettings } from "@/lib/domain/clinic/settings";
import { getMyPreferences, updateMyPreferences } from "@/lib/domain/notifications/preferences";
import { mp4, png, streamOf } from "../fixtures/media";
import { changeTemplateStatus } from "@/lib/domain/templates/change-template-status";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { listAssignableCatalogItems } from "@/lib/domain/templates/list-assignable-catalog-items";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { createTemplate, updateTemplate } from "@/lib/domain/templates/save-template";
import { copyForwardNote } from "@/lib/domain/sessions/copy-forward";
import { createNoteTemplate, listNoteTemplates, listOfferedNoteTemplates, setNoteTemplateArchived, updateNoteTemplate } from "@/lib/domain/note-templates/note-templates";
import { AppError } from "@/lib/errors";
import { actorFor, createClinic, createUser, ownerDb, testDb, truncateAll } from "../fixtures/db";
import { totpCodeAt } from "@/lib/auth/totp";
import { passwordMinimumFor } from "@/lib/domain/accounts/change-own-password";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/domain/second-factor/enrol-totp";
import { getSecurityOverview } from "@/lib/domain/second-factor/get-security-overview";
import { passkeyRegistrationOptions } from "@/lib/domain/second-factor/register-passkey";
import { resetSecondFactors } from "@/lib/domain/second-factor/reset-second-factors";
import { passkeyAuthenticationOptions } from "@/lib/domain/second-factor/verify-passkey";
import { verifySecondFactor } from "@/lib/domain/second-factor/verify-second-factor";
import { createTemplateRow, itemInput, templateInput } from "../fixtures/templates";
import { copyPlan, previewPlanCopy } from "@/lib/domain/plans/copy-plan";
import { listTemplateProposals, reviewTemplateProposal, saveAsTemplate } from "@/lib/domain/templates/own-templates";
// Outcome instruments as data (issue 16, ADR 045).
import { getInstrument, listInstruments, loadLicensedOdiWording } from "@/lib/domain/instruments/definitions";
import { getOutcomeFormContext } from "@/lib/domain/outcomes/outcome-form-context";
import { getMyQuestionnaire, listMyQuestionnaires } from "@/lib/domain/portal/questionnaires";
// The API's lists and the outcome scores' CSV (decision 048).
import { assertPatientVisible } from "@/lib/domain/api/keyset";
import { listOutcomesPage } from "@/lib/domain/api/list-outcomes";
import { listPatientsPage } from "@/lib/domain/api/list-patients";
import { listPlansPage } from "@/lib/domain/api/list-plans";
import { listSessionsPage } from "@/lib/domain/api/list-sessions";
import { exportOutcomeScores } from "@/lib/domain/outcomes/export-outcome-scores";

// ---- Discovery: the domain functions that take an actor, read from disk.

const DOMAIN_DIR = fileURLToPath(new URL("../../lib/domain/", import.meta.url));

// `export async function name(actor: …` — also when the parameters start on the next line.
const ACTOR_FUNCTION = /export\s+async\s+function\s+(\w+)\s*\(\s*actor\s*:/g;
const ACTOR_ARROW = /export\s+const\s+(\w+)\s*=\s*async\s*\(\s*actor\s*:/g;

type Discovered = { key: string; file: string; name: string };

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function discoverActorFunctions(): Discovered[] {
  return tsFiles(DOMAIN_DIR)
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const modulePath = path.relative(DOMAIN_DIR, file).replaceAll(path.sep, "/").replace(/\.ts$/, "");
      const names = [...source.matchAll(ACTOR_FUNCTION), ...source.matchAll(ACTOR_ARROW)].map((m) => m[1]!);
      return names.map((name) => ({ key: `${modulePath}#${name}`, file, name }));
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

const DISCOVERED = discoverActorFunctions();

// The second step's secrets are encrypted under NEXTAUTH_SECRET; passkeys name NEXTAUTH_URL's origin.
process.env.NEXTAUTH_SECRET ??= "audit-coverage-secret-for-totp-encryption";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

/**
 * Functions whose successful call needs a real authenticator's signed response (a WebAuthn
 * attestation or assertion made by a browser): tests/e2e/passkeys.spec.ts registers and uses a
 * passkey through Chromium's virtual authenticator; here they are only checked to exist.
 */
const NEEDS_AUTHENTICATOR = new Set(["second-factor/register-passkey#registerPasskey", "second-factor/verify-passkey#verifyPasskey"]);

/** A real session row for an actor in the second sign-in step (decision 022). */
async function sessionFor(actor: Actor, secondFactor: NonNullable<Actor["secondFactor"]>): Promise<Actor> {
  const id = `audit-${randomUUID()}`;
  await testDb().userSession.create({ data: { id, clinicId: actor.clinicId, userId: actor.userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { ...actor, sessionId: id, secondFactor };
}

/** Sets up an authenticator app for the actor's account; its recovery codes. */
async function enrolTotp(actor: Actor): Promise<string[]> {
  const enrolling = await sessionFor(actor, "enrol");
  const { secret } = await startTotpEnrolment(enrolling);
  return (await confirmTotpEnrolment(enrolling, { code: await totpCodeAt(secret) })).recoveryCodes;
}

// ---- Fixture data: one clinic per test, every free text marked "ZZ".

const TZ = "Europe/London";
const today = () => todayIn(TZ);
const dayAt = (offset: number) => fromIsoDate(addDays(today(), offset));
const timeAt = (offset: number, time: string) => zonedToUtc(addDays(today(), offset), time, TZ);
const NO_DOSE = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };
const SHOCK_PARAMETERS = { device: "SHOCK_WAVE", pulses: 2000, pressureBar: 2.5, frequencyHz: 10, area: "ZZArea lumbar paraspinals" };
const ODI_ANSWERS = { painIntensity: 3, personalCare: 1, lifting: 4, walking: 2, sitting: 3, standing: 2, sleeping: 1, sexLife: null, socialLife: 2, travelling: 2 };

// Credentials used or issued by the calls below; the scan checks that none reached an audit row.
const OLD_PASSWORD = "ZZold password of the clinician";
const NEW_PASSWORD = "ZZnew password by the weir";
const issuedPasswords: string[] = [OLD_PASSWORD, NEW_PASSWORD];

async function world() {
  const db = testDb();
  const u = randomUUID().slice(0, 8);
  const clinic = await createClinic();
  const clinicId = clinic.id;
  const adminUser = await createUser(clinicId, "ADMIN");
  const clinicianUser = await createUser(clinicId, "CLINICIAN");
  // Same clinic, not on the patient's care team.
  const outsiderUser = await createUser(clinicId, "CLINICIAN");
  // On no care team: free to change role, be deactivated or join a team.
  const spareUser = await createUser(clinicId, "CLINICIAN");
  const portalUser = await createUser(clinicId, "PATIENT", `ZZPatFirst ZZPatLast-${u}`);
  const patient = await db.patient.create({
    data: {
      clinicId,
      userId: portalUser.id,
      firstName: "ZZPatFirst",
      lastName: `ZZPatLast-${u}`,
      dateOfBirth: new Date("1971-03-09T00:00:00Z"),
      email: `zzpatient.${u}@zzmail.example`,
      phone: "07700 900461",
      contraindications: ["ANTICOAGULANTS"],
      careTeam: { create: [{ clinicId, clinicianId: clinicianUser.id, isPrimary: true }] },
    },
  });

  const item = (data: Omit<Prisma.CatalogItemUncheckedCreateInput, "clinicId" | "description" | "patientInstructions">) =>
    db.catalogItem.create({ data: { clinicId, description: "ZZTreatment description", patientInstructions: "ZZInstructions: breathe out as you lift", status: "ACTIVE", ...data } });
  const shock = await item({ name: `ZZShock wave ${u}`, kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC", contraindications: ["PREGNANCY", "MALIGNANCY"] });
  const bridging = await item({ name: `ZZBridging ${u}`, kind: "EXERCISE", category: "STRENGTH", setting: "BOTH" });
  const needling = await item({ name: `ZZDry needling ${u}`, kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC", contraindications: ["ANTICOAGULANTS"] });
  const draft = await item({ name: `ZZDraft leaflet ${u}`, kind: "EDUCATION", category: "EDUCATION", setting: "BOTH", status: "DRAFT" });
  const snapshot = (i: typeof shock) => ({ clinicId, catalogItemId: i.id, nameSnapshot: i.name, instructionsSnapshot: i.patientInstructions, kindSnapshot: i.kind, catalogVersionSnapshot: i.version });

  const plan = await db.treatmentPlan.create({
    data: {
      clinicId,
      patientId: patient.id,
      clinicianId: clinicianUser.id,
      createdById: clinicianUser.id,
      title: "ZZPlanTitle lower back spasm",
      condition: "ZZCondition muscle spasm of back",
      icd10Code: "M62.830",
      goals: "ZZGoal walk 30 minutes without pain",
      status: "ACTIVE",
      startDate: dayAt(-14),
      reviewDate: dayAt(14),
      plannedSessions: 6,
      odiRequestedAt: new Date(),
      activities: {
        create: [
          { ...snapshot(shock), setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 0, durationMin: 10 },
          { ...snapshot(bridging), setting: "HOME", phase: "STRENGTHENING", position: 1, sets: 2, reps: 10, daysPerWeek: 7 },
        ],
      },
    },
    include: { activities: { orderBy: { position: "asc" } } },
  });
  const [shockActivity, bridgingActivity] = plan.activities as [(typeof plan.activities)[number], (typeof plan.activities)[number]];

  const soap = {
    painBefore: 7,
    painAfter: 4,
    subjective: "ZZSECRET-SOAP-S: pain 7/10 since lifting a sofa",
    objective: "ZZSECRET-SOAP-O: guarding at L4-L5",
    assessment: "ZZSECRET-SOAP-A: acute lumbar muscle spasm",
    planNote: "ZZSECRET-SOAP-P: shock wave weekly",
    adverseEvent: "ZZAdverse: transient redness",
    patientSummary: "ZZSummary: keep moving gently",
  };
  const session = (data: Omit<Prisma.SessionUncheckedCreateInput, "clinicId" | "planId" | "patientId" | "clinicianId" | "durationMin">) =>
    db.session.create({ data: { clinicId, planId: plan.id, patientId: patient.id, clinicianId: clinicianUser.id, durationMin: 45, ...data } });
  // Yesterday, note written but not signed, with what was performed: ready to save again or sign.
  const pastDraft = await session({ startsAt: timeAt(-1, "10:00"), ...soap });
  await db.performedTreatment.create({
    data: { clinicId, sessionId: pastDraft.id, planActivityId: shockActivity.id, catalogItemId: shock.id, status: "COMPLETED", durationMin: 10, parameters: SHOCK_PARAMETERS },
  });
  const pastSigned = await session({ startsAt: timeAt(-3, "10:00"), status: "COMPLETED", noteStatus: "SIGNED", signedAt: timeAt(-3, "11:00"), signedById: clinicianUser.id, ...soap });
  const future = await session({ startsAt: timeAt(3, "10:00") });
  await db.homeLog.create({
    data: { clinicId, patientId: patient.id, planActivityId: bridgingActivity.id, date: dayAt(-1), done: true, painDuring: 6, difficulty: 3, note: "ZZHomeNote: pain 6/10 on the last set" },
  });
  await db.outcomeResponse.create({
    data: { clinicId, patientId: patient.id, planId: plan.id, instrument: "NPRS", context: "BASELINE", answers: { pain: 7 }, score: 7, recordedById: clinicianUser.id, recordedAt: timeAt(-14, "09:00") },
  });
  const template = await createTemplateRow(
    clinicId,
    [
      { catalogItemId: shock.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF" },
      { catalogItemId: needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF" },
    ],
    { name: `ZZProtocol lower back ${u}` },
  );

  return {
    u,
    clinic,
    patient,
    plan,
    shock,
    bridging,
    needling,
    draft,
    shockActivity,
    bridgingActivity,
    pastDraft,
    pastSigned,
    future,
    template,
    users: { admin: adminUser, clinician: clinicianUser, outsider: outsiderUser, spare: spareUser, portal: portalUser },
    as: {
      admin: actorFor(adminUser),
      clinician: actorFor(clinicianUser),
      outsider: actorFor(outsiderUser),
      patient: actorFor(portalUser, patient.id),
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;

// ---- The table.

type Call = {
  actor: Actor;
  run: (actor: Actor) => Promise<unknown>;
  /** The patient each event must name (null: the event names none), from the call's result if needed. */
  patientOf: (result: unknown) => string | null;
  /** A caller that must be refused (and leave no audit event), or null where no refusal applies. */
  deny: Actor | null;
};

type Entry = {
  fn: (...args: never[]) => unknown;
  /** Audit events one successful call must write. */
  expected: 0 | 1;
  setup: (w: World) => Promise<Call>;
};

function call<R>(actor: Actor, run: (actor: Actor) => Promise<R>, patient: string | null | ((result: R) => string | null), deny: Actor | null): Call {
  return { actor, run, patientOf: (result) => (typeof patient === "function" ? patient(result as R) : patient), deny };
}

// Media objects of this file go to a storage root of its own.
const mediaStore = createLocalStorage(path.join(tmpdir(), `audit-coverage-media-${randomUUID().slice(0, 8)}`));
const uploadBody = async () => {
  const bytes = await png();
  return { body: streamOf(bytes), declaredLength: bytes.length };
};

// The VAPID private key is sealed under NEXTAUTH_SECRET (decision 036).
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

/** A browser's PushSubscription: a real P-256 key and auth secret, a push service's endpoint. */
const pushSubscription = () => ({
  endpoint: `https://fcm.googleapis.com/fcm/send/zz-${randomUUID()}`,
  keys: { p256dh: createECDH("prime256v1").generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") },
});

// A guideline statement on a fixture treatment (decision 044).
const guidelineFixture = (catalogItemId: string) => ({
  catalogItemId,
  condition: "low back pain",
  population: "ZZAdults with low back pain",
  guideline: "ZZFixture guideline (FX1)",
  publisher: "FIX",
  year: 2016,
  recommendation: "1.2.3",
  url: "https://example.org/fx1",
  stance: "DO_NOT_OFFER" as const,
  stanceCondition: null,
  requiresExercise: false,
  quote: "ZZDo not offer fixture therapy.",
  supersededBy: null,
  supersededYear: null,
  lastCheckedOn: "2026-12-01",
  note: null,
});

const TABLE: Record<string, Entry> = {
  // -- Clinic settings (decision 030): clinic data, no patient's. Changes are audited admin writes;
  // reading the settings, the letterhead's contact details or the logo reads nothing of a patient.
  "clinic/settings#getClinicSettings": {
    fn: getClinicSettings,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => getClinicSettings(a), null, w.as.clinician),
  },
  "clinic/settings#updateClinicSettings": {
    fn: updateClinicSettings,
    expected: 1,
    setup: async (w) =>
      call(w.as.admin, (a) => updateClinicSettings(a, { version: 1, name: "ZZClinic renamed", address: "ZZ1 Weir Road\nRiverside", phone: "020 7946 0999", timeZone: "Europe/Dublin" }), null, w.as.clinician),
  },
  "clinic/settings#getClinicContact": {
    fn: getClinicContact,
    expected: 0,
    setup: async (w) => call(w.as.patient, (a) => getClinicContact(a), null, { ...w.as.patient, mustChangePassword: true }),
  },
  "clinic/logo#uploadClinicLogo": {
    fn: uploadClinicLogo,
    expected: 1,
    setup: async (w) => call(w.as.admin, async (a) => uploadClinicLogo(a, { ...(await uploadBody()), version: 1 }, mediaStore), null, w.as.clinician),
  },
  "clinic/logo#removeClinicLogo": {
    fn: removeClinicLogo,
    expected: 1,
    setup: async (w) => {
      await uploadClinicLogo(w.as.admin, { ...(await uploadBody()), version: 1 }, mediaStore);
      return call(w.as.admin, (a) => removeClinicLogo(a, { version: 2, confirm: true }, mediaStore), null, w.as.clinician);
    },
  },
  "clinic/logo#openClinicLogo": {
    fn: openClinicLogo,
    expected: 0,
    setup: async (w) => {
      await uploadClinicLogo(w.as.admin, { ...(await uploadBody()), version: 1 }, mediaStore);
      return call(w.as.patient, (a) => openClinicLogo(a, mediaStore).then((o) => o.body.destroy()), null, { ...w.as.patient, mustChangePassword: true });
    },
  },
  // -- Media. Catalog media is clinic data (its upload and removal are audited admin writes); a
  // patient's activity media is their record: its upload and every read are audited. Pictures
  // listed for a plan are shown on pages whose own read is audited (plan.read, portal.home.read),
  // and each picture fetched is audited by openMedia. A refusal in openMedia is audited as
  // access.refused (lib/audit/refused-access.ts), so its refused caller here is one that must
  // first change their password.
  "media/upload-media#uploadCatalogMedia": {
    fn: uploadCatalogMedia,
    expected: 1,
    setup: async (w) =>
      call(w.as.admin, async (a) => uploadCatalogMedia(a, { catalogItemId: w.bridging.id, text: { altText: "ZZStep one" }, ...(await uploadBody()) }, mediaStore), null, w.as.clinician),
  },
  "media/upload-media#uploadActivityMedia": {
    fn: uploadActivityMedia,
    expected: 1,
    setup: async (w) =>
      call(w.as.clinician, async (a) => uploadActivityMedia(a, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge" }, ...(await uploadBody()) }, mediaStore), w.patient.id, w.as.admin),
  },
  "media/open-media#openMedia": {
    fn: openMedia,
    expected: 1,
    setup: async (w) => {
      const media = await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.patient, (a) => openMedia(a, { mediaId: media.id, variant: {}, range: null }, mediaStore).then((m) => m.object.body.destroy()), w.patient.id, { ...w.as.outsider, mustChangePassword: true });
    },
  },
  "media/list-plan-pictures#listPlanPictures": {
    fn: listPlanPictures,
    expected: 0,
    setup: async (w) => call(w.as.patient, (a) => listPlanPictures(a, w.plan.id), null, w.as.admin),
  },
  "media/list-plan-pictures#listPlanActivityMedia": {
    fn: listPlanActivityMedia,
    expected: 0,
    setup: async (w) => call(w.as.patient, (a) => listPlanActivityMedia(a, w.plan.id), null, w.as.admin),
  },
  // A video's poster and captions (decision 026): writes to the patient's record for an activity
  // video (audited with the patient), audited admin writes for a catalog one.
  "media/video-extras#uploadVideoPart": {
    fn: uploadVideoPart,
    expected: 1,
    setup: async (w) => {
      const video = mp4();
      const media = await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { caption: "ZZYour bridge" }, body: streamOf(video), declaredLength: video.length }, mediaStore);
      return call(w.as.clinician, async (a) => uploadVideoPart(a, { mediaId: media.id, part: "poster", ...(await uploadBody()) }, mediaStore), w.patient.id, w.as.patient);
    },
  },
  "media/video-extras#removeVideoPart": {
    fn: removeVideoPart,
    expected: 1,
    setup: async (w) => {
      const video = mp4();
      const media = await uploadCatalogMedia(w.as.admin, { catalogItemId: w.bridging.id, text: { caption: "ZZBridging" }, body: streamOf(video), declaredLength: video.length }, mediaStore);
      await uploadVideoPart(w.as.admin, { mediaId: media.id, part: "poster", ...(await uploadBody()) }, mediaStore);
      return call(w.as.admin, (a) => removeVideoPart(a, { mediaId: media.id, part: "poster", confirm: true }, mediaStore), null, w.as.patient);
    },
  },
  "media/catalog-media#listCatalogMedia": {
    fn: listCatalogMedia,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listCatalogMedia(a, w.bridging.id), null, w.as.clinician),
  },
  "media/catalog-media#removeCatalogMedia": {
    fn: removeCatalogMedia,
    expected: 1,
    setup: async (w) => {
      const media = await uploadCatalogMedia(w.as.admin, { catalogItemId: w.bridging.id, text: { altText: "ZZStep one" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.admin, (a) => removeCatalogMedia(a, media.id, mediaStore), null, w.as.clinician);
    },
  },
  // Reorder and edits (decision 029): catalog ones are audited admin writes, a patient's activity
  // media ones are writes to their record. The plan page's editor list is shown beside the
  // page's own audited plan read.
  "media/manage-media#moveCatalogMedia": {
    fn: moveCatalogMedia,
    expected: 1,
    setup: async (w) => {
      await uploadCatalogMedia(w.as.admin, { catalogItemId: w.bridging.id, text: { altText: "ZZStep one" }, ...(await uploadBody()) }, mediaStore);
      const media = await uploadCatalogMedia(w.as.admin, { catalogItemId: w.bridging.id, text: { altText: "ZZStep two" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.admin, (a) => moveCatalogMedia(a, { mediaId: media.id, version: media.version, direction: "up" }), null, w.as.clinician);
    },
  },
  "media/manage-media#updateCatalogMedia": {
    fn: updateCatalogMedia,
    expected: 1,
    setup: async (w) => {
      const media = await uploadCatalogMedia(w.as.admin, { catalogItemId: w.bridging.id, text: { altText: "ZZStep one" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.admin, (a) => updateCatalogMedia(a, { mediaId: media.id, version: media.version, altText: "ZZStep 1", caption: "ZZLie down" }), null, w.as.clinician);
    },
  },
  "media/manage-media#moveActivityMedia": {
    fn: moveActivityMedia,
    expected: 1,
    setup: async (w) => {
      await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge" }, ...(await uploadBody()) }, mediaStore);
      const media = await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge, top" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.clinician, (a) => moveActivityMedia(a, { mediaId: media.id, version: media.version, direction: "up" }), w.patient.id, w.as.admin);
    },
  },
  "media/manage-media#updateActivityMedia": {
    fn: updateActivityMedia,
    expected: 1,
    setup: async (w) => {
      const media = await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.clinician, (a) => updateActivityMedia(a, { mediaId: media.id, version: media.version, altText: "ZZHips up", caption: "ZZBreathe out" }), w.patient.id, w.as.admin);
    },
  },
  "media/manage-media#removeActivityMedia": {
    fn: removeActivityMedia,
    expected: 1,
    setup: async (w) => {
      const media = await uploadActivityMedia(w.as.clinician, { activityId: w.bridgingActivity.id, text: { altText: "ZZYour bridge" }, ...(await uploadBody()) }, mediaStore);
      return call(w.as.clinician, (a) => removeActivityMedia(a, { mediaId: media.id, confirm: true }, mediaStore), w.patient.id, w.as.admin);
    },
  },
  "media/manage-media#listPlanMedia": {
    fn: listPlanMedia,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listPlanMedia(a, w.plan.id), null, w.as.admin),
  },
  // -- Accounts (admin). Writes are audited; a patient record an admin opens is audited as patient.read.
  "accounts/assign-care-team#assignCareTeam": {
    fn: assignCareTeam,
    expected: 1,
    setup: async (w) =>
      call(w.as.admin, (a) => assignCareTeam(a, { patientId: w.patient.id, version: w.patient.version, members: [{ clinicianId: w.users.clinician.id, isPrimary: true }, { clinicianId: w.users.spare.id, isPrimary: false }] }), w.patient.id, w.as.clinician),
  },
  "accounts/change-own-password#changeOwnPassword": {
    fn: changeOwnPassword,
    expected: 1,
    setup: async (w) => {
      await testDb().user.update({ where: { id: w.users.clinician.id }, data: { passwordHash: await hashPassword(OLD_PASSWORD) } });
      const other = await createClinic();
      // Any signed-in user may call it; a session whose clinic does not match the account is refused.
      return call(w.as.clinician, (a) => changeOwnPassword(a, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirm: NEW_PASSWORD }), null, { ...w.as.clinician, clinicId: other.id });
    },
  },
  "accounts/change-role#changeRole": {
    fn: changeRole,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => changeRole(a, { userId: w.users.spare.id, role: "ADMIN" }), null, w.as.clinician),
  },
  "accounts/create-account#createAccount": {
    fn: createAccount,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.admin,
        async (a) => {
          const created = await createAccount(a, {
            role: "PATIENT",
            firstName: "ZZNewFirst",
            lastName: `ZZNewLast-${w.u}`,
            dateOfBirth: "1966-07-21",
            email: `zznew.${w.u}@zzmail.example`,
            phone: "07700 900987",
            portalAccess: true,
            contraindications: ["PREGNANCY", "OSTEOPOROSIS"],
            careTeam: [{ clinicianId: w.users.clinician.id, isPrimary: true }],
          });
          return created;
        },
        (created) => created.patientId,
        w.as.clinician,
      ),
  },
  "accounts/end-sessions#countOpenSessions": {
    fn: countOpenSessions,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => countOpenSessions(a, w.users.clinician.id), null, w.as.clinician),
  },
  "accounts/end-sessions#endAccountSessions": {
    fn: endAccountSessions,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => endAccountSessions(a, { userId: w.users.clinician.id }), null, w.as.clinician),
  },
  "accounts/end-sessions#listOwnSessions": {
    // The actor's own sign-ins (browser and time): no record of anyone else, not audited.
    fn: listOwnSessions,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listOwnSessions(a), null, { ...w.as.clinician, userId: "" }),
  },
  "accounts/end-sessions#signOutEverywhere": {
    fn: signOutEverywhere,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => signOutEverywhere(a), null, { ...w.as.clinician, userId: "" }),
  },
  "accounts/change-own-password#passwordMinimumFor": {
    // The password length the form asks for: no record, not audited.
    fn: passwordMinimumFor,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => passwordMinimumFor(a), null, { ...w.as.clinician, userId: "" }),
  },
  "accounts/get-account#getAccount": {
    // A patient's account: the admin sees the patient record (demographics, care team).
    fn: getAccount,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => getAccount(a, w.users.portal.id), w.patient.id, w.as.clinician),
  },
  "accounts/get-account#getPatientAccount": {
    fn: getPatientAccount,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => getPatientAccount(a, w.patient.id), w.patient.id, w.as.clinician),
  },
  "accounts/list-accounts#listAccounts": {
    // Names, emails, roles and status of the clinic's people: no clinical record (DESIGN: admins
    // manage accounts). Not audited today; judged right, see the report.
    fn: listAccounts,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listAccounts(a, {}), null, w.as.clinician),
  },
  "accounts/list-clinicians#listClinicians": {
    fn: listClinicians,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listClinicians(a), null, w.as.clinician),
  },
  "accounts/reset-password#resetPassword": {
    fn: resetPassword,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.admin,
        (a) => resetPassword(a, { userId: w.users.clinician.id }),
        null,
        w.as.clinician,
      ),
  },
  // Invitations (decision 034): sending one touches the patient's record (its contact address and
  // account); the portal status reads nothing clinical.
  "accounts/invite-patient#invitePatient": {
    fn: invitePatient,
    expected: 1,
    setup: async (w) => {
      const fresh = await testDb().patient.create({
        data: {
          clinicId: w.clinic.id,
          firstName: "ZZInviteFirst",
          lastName: `ZZInviteLast-${w.u}`,
          dateOfBirth: new Date("1984-04-04T00:00:00Z"),
          careTeam: { create: [{ clinicId: w.clinic.id, clinicianId: w.users.clinician.id, isPrimary: true }] },
        },
      });
      return call(w.as.clinician, (a) => invitePatient(a, { patientId: fresh.id, email: `zzinvite.${w.u}@zzmail.example` }), fresh.id, w.as.outsider);
    },
  },
  "accounts/get-portal-access#getPortalAccess": {
    fn: getPortalAccess,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => getPortalAccess(a, w.patient.id), null, w.as.outsider),
  },
  "accounts/set-account-active#setAccountActive": {
    fn: setAccountActive,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => setAccountActive(a, { userId: w.users.spare.id, active: false }), null, w.as.clinician),
  },

  // -- The second sign-in step (decision 022): enrolment and resets are audited, as is passing the step.
  "second-factor/enrol-totp#startTotpEnrolment": {
    // Only a secret waiting for confirmation: the enrolment is audited when confirmed.
    fn: startTotpEnrolment,
    expected: 0,
    setup: async (w) => call(await sessionFor(w.as.clinician, "enrol"), (a) => startTotpEnrolment(a), null, w.as.patient),
  },
  "second-factor/enrol-totp#confirmTotpEnrolment": {
    fn: confirmTotpEnrolment,
    expected: 1,
    setup: async (w) => {
      const actor = await sessionFor(w.as.clinician, "enrol");
      const { secret } = await startTotpEnrolment(actor);
      return call(actor, async (a) => confirmTotpEnrolment(a, { code: await totpCodeAt(secret) }), null, w.as.patient);
    },
  },
  "second-factor/get-security-overview#getSecurityOverview": {
    fn: getSecurityOverview,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => getSecurityOverview(a), null, { ...w.as.clinician, userId: "" }),
  },
  "second-factor/register-passkey#passkeyRegistrationOptions": {
    // A challenge to sign; the passkey is audited when registered.
    fn: passkeyRegistrationOptions,
    expected: 0,
    setup: async (w) => call(await sessionFor(w.as.clinician, "done"), (a) => passkeyRegistrationOptions(a), null, { ...w.as.clinician, userId: "" }),
  },
  "second-factor/reset-second-factors#resetSecondFactors": {
    fn: resetSecondFactors,
    expected: 1,
    setup: async (w) => {
      await enrolTotp(w.as.clinician);
      return call(w.as.admin, (a) => resetSecondFactors(a, { userId: w.users.clinician.id }), null, w.as.clinician);
    },
  },
  "second-factor/verify-passkey#passkeyAuthenticationOptions": {
    fn: passkeyAuthenticationOptions,
    expected: 0,
    setup: async (w) => {
      await testDb().passkeyCredential.create({ data: { id: `cred-${w.u}`, userId: w.users.clinician.id, publicKey: Buffer.from([1, 2, 3]), name: "ZZ test key", transports: [] } });
      return call(await sessionFor(w.as.clinician, "pending"), (a) => passkeyAuthenticationOptions(a), null, { ...w.as.clinician, userId: "" });
    },
  },
  "second-factor/verify-second-factor#verifySecondFactor": {
    fn: verifySecondFactor,
    expected: 1,
    setup: async (w) => {
      const [recoveryCode] = await enrolTotp(w.as.clinician);
      issuedPasswords.push(recoveryCode!);
      return call(await sessionFor(w.as.clinician, "pending"), (a) => verifySecondFactor(a, { method: "recovery", code: recoveryCode! }), null, { ...w.as.clinician, userId: "" });
    },
  },

  // -- The audit log itself: reading it is not audited (it holds ids and actions, no record).
  "audit/list-audit-events#listAuditEvents": {
    fn: listAuditEvents,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listAuditEvents(a, {}), null, w.as.clinician),
  },
  "audit/list-audit-events#listAuditFilterOptions": {
    fn: listAuditFilterOptions,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listAuditFilterOptions(a), null, w.as.clinician),
  },

  // -- Catalog: admin writes audited (no patient), reads are not (nothing of a patient in them).
  "catalog/change-catalog-item-status#changeCatalogItemStatus": {
    fn: changeCatalogItemStatus,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => changeCatalogItemStatus(a, { id: w.draft.id, version: w.draft.version, status: "ACTIVE" }), null, w.as.clinician),
  },
  "catalog/change-catalog-item-status#deleteCatalogItem": {
    fn: deleteCatalogItem,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => deleteCatalogItem(a, { id: w.draft.id, version: w.draft.version }), null, w.as.clinician),
  },
  "catalog/get-catalog-item#getCatalogItem": {
    fn: getCatalogItem,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => getCatalogItem(a, w.shock.id), null, w.as.patient),
  },
  "catalog/list-catalog-items#listCatalogItems": {
    fn: listCatalogItems,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listCatalogItems(a, {}), null, w.as.patient),
  },
  "catalog/save-catalog-item#createCatalogItem": {
    fn: createCatalogItem,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.admin,
        (a) =>
          createCatalogItem(a, {
            name: `ZZHeat pack ${w.u}`,
            kind: "MODALITY",
            category: "THERMAL",
            setting: "BOTH",
            description: "ZZHeat for muscle spasm",
            patientInstructions: "ZZTen minutes, never on numb skin",
            dose: { ...NO_DOSE, durationMin: 10, daysPerWeek: 7 },
            contraindications: ["IMPAIRED_SENSATION"],
            equipment: ["ZZHeat pack"],
          }),
        null,
        w.as.clinician,
      ),
  },
  "catalog/save-catalog-item#updateCatalogItem": {
    fn: updateCatalogItem,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.admin,
        (a) =>
          updateCatalogItem(a, {
            id: w.draft.id,
            version: w.draft.version,
            name: `ZZDraft leaflet revised ${w.u}`,
            kind: "EDUCATION",
            category: "EDUCATION",
            setting: "BOTH",
            description: "ZZWhy backs spasm",
            patientInstructions: "ZZRead before the next visit",
            dose: NO_DOSE,
            contraindications: [],
            equipment: [],
          }),
        null,
        w.as.clinician,
      ),
  },

  // -- Outcomes.
  "outcomes/record-outcome#recordOutcome": {
    fn: recordOutcome,
    expected: 1,
    setup: async (w) =>
      call(w.as.clinician, (a) => recordOutcome(a, { instrument: "ODI", patientId: w.patient.id, planId: w.plan.id, sessionId: w.pastDraft.id, context: "INTERIM", sections: ODI_ANSWERS }), w.patient.id, w.as.outsider),
  },

  // -- Patients.
  "patients/flag-conflicts#locateFlagConflicts": {
    // Reads the titles and statuses of the patient's plans (clinical record) for activities the
    // caller names. Not audited today ("the save itself was audited"), but it is a call of its own
    // that any care-team caller can make with any activity ids: it should leave one event.
    fn: locateFlagConflicts,
    expected: 1,
    setup: async (w) => {
      const activity = await testDb().planActivity.create({
        data: { planId: w.plan.id, clinicId: w.clinic.id, catalogItemId: w.needling.id, nameSnapshot: w.needling.name, instructionsSnapshot: w.needling.patientInstructions, kindSnapshot: w.needling.kind, catalogVersionSnapshot: w.needling.version, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 2, durationMin: 15 },
      });
      const conflicts = [{ activityId: activity.id, activityName: activity.nameSnapshot, flags: ["ANTICOAGULANTS" as const] }];
      return call(w.as.clinician, (a) => locateFlagConflicts(a, w.patient.id, conflicts), w.patient.id, w.as.outsider);
    },
  },
  "patients/get-patient-details#getPatientDetails": {
    fn: getPatientDetails,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getPatientDetails(a, w.patient.id), w.patient.id, w.as.outsider),
  },
  "patients/get-patient-overview#getPatientOverview": {
    fn: getPatientOverview,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getPatientOverview(a, w.patient.id), w.patient.id, w.as.outsider),
  },
  "patients/list-care-team-patients#listCareTeamPatients": {
    // One list read (patient.list), naming no single patient.
    fn: listCareTeamPatients,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listCareTeamPatients(a, {}), null, w.as.admin),
  },
  "patients/save-patient#createPatient": {
    fn: createPatient,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) => createPatient(a, { firstName: "ZZRegFirst", lastName: `ZZRegLast-${w.u}`, dateOfBirth: "1988-11-02", email: `zzreg.${w.u}@zzmail.example`, phone: "07700 900222", contraindications: ["PACEMAKER_OR_IMPLANT"] }),
        (created) => created.id,
        w.as.admin,
      ),
  },
  "patients/save-patient#updatePatient": {
    fn: updatePatient,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) =>
          updatePatient(a, {
            patientId: w.patient.id,
            version: w.patient.version,
            firstName: "ZZPatFirst",
            lastName: `ZZPatLastEdited-${w.u}`,
            dateOfBirth: "1971-03-09",
            email: `zzpatient.edited.${w.u}@zzmail.example`,
            phone: "07700 900462",
            // PREGNANCY now conflicts with the plan's shock wave: the call returns that conflict.
            contraindications: ["ANTICOAGULANTS", "PREGNANCY"],
          }),
        w.patient.id,
        w.as.outsider,
      ),
  },

  // -- Plans.
  "plans/create-plan#createPlan": {
    // A blank plan: one event. From a protocol, each overridden item adds one (see below).
    fn: createPlan,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) => createPlan(a, { patientId: w.patient.id, title: "ZZPlanTitle second episode", condition: "ZZCondition recurrence", icd10Code: "M54.5", goals: "ZZGoal back to football", startDate: today(), reviewDate: addDays(today(), 28), plannedSessions: 4 }),
        w.patient.id,
        w.as.outsider,
      ),
  },
  "plans/create-plan#previewPlanFromTemplate": {
    // Reads the patient's contraindication flags and returns which protocol items they rule out:
    // a read of the clinical record, from its own server action. Not audited today.
    fn: previewPlanFromTemplate,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => previewPlanFromTemplate(a, { patientId: w.patient.id, templateId: w.template.id }), w.patient.id, w.as.outsider),
  },
  "plans/get-plan#getPlan": {
    fn: getPlan,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getPlan(a, w.plan.id), w.patient.id, w.as.outsider),
  },
  "plans/plan-handout#buildPlanHandout": {
    // The PDF handout: one plan.handout.download event per file made.
    fn: buildPlanHandout,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => buildPlanHandout(a, w.plan.id, mediaStore), w.patient.id, w.as.outsider),
  },
  "plans/list-plan-history#listPlanHistory": {
    // Who changed what in a plan, with the treatments' names: a read of the clinical record.
    // Not audited today (the plan page pairs it with getPlan, which is).
    fn: listPlanHistory,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listPlanHistory(a, w.plan.id), w.patient.id, w.as.outsider),
  },
  "plans/plan-activities#addPlanActivity": {
    // Dry needling with ANTICOAGULANTS: allowed only with an override, audited as one event.
    fn: addPlanActivity,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) => addPlanActivity(a, { planId: w.plan.id, version: w.plan.version, catalogItemId: w.needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 15 }, overrideReason: "ZZOverride: INR stable, discussed with GP" }),
        w.patient.id,
        w.as.outsider,
      ),
  },
  "plans/plan-activities#changePlanActivityStatus": {
    fn: changePlanActivityStatus,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => changePlanActivityStatus(a, { planId: w.plan.id, version: w.plan.version, activityId: w.bridgingActivity.id, status: "ON_HOLD" }), w.patient.id, w.as.outsider),
  },
  "plans/plan-activities#movePlanActivity": {
    fn: movePlanActivity,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => movePlanActivity(a, { planId: w.plan.id, version: w.plan.version, activityId: w.bridgingActivity.id, direction: "up" }), w.patient.id, w.as.outsider),
  },
  "plans/plan-activities#updatePlanActivity": {
    fn: updatePlanActivity,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) => updatePlanActivity(a, { planId: w.plan.id, version: w.plan.version, activityId: w.bridgingActivity.id, setting: "HOME", phase: "STRENGTHENING", dose: { ...NO_DOSE, sets: 3, reps: 12, daysPerWeek: 5 } }),
        w.patient.id,
        w.as.outsider,
      ),
  },
  "plans/request-odi#requestOdi": {
    fn: requestOdi,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => requestOdi(a, { planId: w.plan.id, requested: true }), w.patient.id, w.as.outsider),
  },
  "plans/update-plan#changePlanStatus": {
    fn: changePlanStatus,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => changePlanStatus(a, { planId: w.plan.id, version: w.plan.version, status: "ON_HOLD", reason: "ZZStatusReason: admitted to hospital" }), w.patient.id, w.as.outsider),
  },
  "plans/update-plan#updatePlanDetails": {
    fn: updatePlanDetails,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) =>
          updatePlanDetails(a, { planId: w.plan.id, version: w.plan.version, title: "ZZPlanTitle revised", condition: "ZZCondition revised", icd10Code: "M62.830", goals: "ZZGoal revised: lift the grandchildren", startDate: addDays(today(), -14), reviewDate: null, plannedSessions: 8 }),
        w.patient.id,
        w.as.outsider,
      ),
  },

  // -- Patient portal: every read of one's own record and every self-report is audited.
  "portal/get-patient-home#getPatientHome": {
    fn: getPatientHome,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => getPatientHome(a), w.patient.id, w.as.clinician),
  },
  "portal/log-home-activity#logHomeActivity": {
    fn: logHomeActivity,
    expected: 1,
    setup: async (w) =>
      call(w.as.patient, (a) => logHomeActivity(a, { planActivityId: w.bridgingActivity.id, date: today(), done: true, painDuring: 5, difficulty: 2, note: "ZZHomeNote: pain 5/10, easier today" }), w.patient.id, w.as.clinician),
  },
  "portal/log-home-activity#undoHomeLog": {
    fn: undoHomeLog,
    expected: 1,
    setup: async (w) => {
      await logHomeActivity(w.as.patient, { planActivityId: w.bridgingActivity.id, date: today(), done: true, painDuring: null, difficulty: null, note: null });
      return call(w.as.patient, (a) => undoHomeLog(a, { planActivityId: w.bridgingActivity.id, date: today(), slot: 1 }), w.patient.id, w.as.clinician);
    },
  },
  "portal/my-plans#listMyPlans": {
    fn: listMyPlans,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => listMyPlans(a), w.patient.id, w.as.clinician),
  },
  "portal/my-sessions#exportMyCalendar": {
    fn: exportMyCalendar,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => exportMyCalendar(a), w.patient.id, w.as.clinician),
  },
  "portal/my-sessions#listMySessions": {
    fn: listMySessions,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => listMySessions(a), w.patient.id, w.as.clinician),
  },
  "portal/self-report#getOdiRequest": {
    fn: getOdiRequest,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => getOdiRequest(a), w.patient.id, w.as.clinician),
  },
  "portal/self-report#selfReportOdi": {
    fn: selfReportOdi,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => selfReportOdi(a, { planId: w.plan.id, sections: ODI_ANSWERS }), w.patient.id, w.as.clinician),
  },
  "portal/self-report#selfReportPain": {
    fn: selfReportPain,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => selfReportPain(a, { pain: 6 }), w.patient.id, w.as.clinician),
  },

  // -- Reminder settings (decision 035): the patient's own, not clinical; a change is audited like
  // the portal's writes (with the patient), reading them reads nothing of the record.
  "notifications/preferences#getMyPreferences": {
    fn: getMyPreferences,
    expected: 0,
    setup: async (w) => call(w.as.patient, (a) => getMyPreferences(a), null, w.as.clinician),
  },
  "notifications/preferences#updateMyPreferences": {
    fn: updateMyPreferences,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.patient,
        (a) =>
          updateMyPreferences(a, {
            version: 1,
            dailyReminder: false,
            dailyReminderTime: "07:30",
            appointmentReminders: true,
            questionnaireReminders: true,
            emailEnabled: true,
            pushEnabled: true,
            timeZone: null,
          }),
        w.patient.id,
        w.as.clinician,
      ),
  },

  // -- The Outbox (decision 033): messages carry no health data; the list reads none, opening one
  // is audited all the same (it names a person and their address).
  "messaging/outbox#listOutbox": {
    fn: listOutbox,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listOutbox(a, { page: 1 }), null, w.as.clinician),
  },
  "messaging/outbox#getOutboxMessage": {
    fn: getOutboxMessage,
    expected: 1,
    setup: async (w) => {
      const message = await testDb().outboundMessage.create({
        data: { id: newMessageId(), clinicId: w.as.admin.clinicId, channel: "EMAIL", kind: "daily_reminder", dedupeKey: `audit-${randomUUID()}`, recipient: "someone@test.example", status: "CANCELLED" },
      });
      return call(w.as.admin, (a) => getOutboxMessage(a, { messageId: message.id }), null, w.as.clinician);
    },
  },

  // -- Push notifications (decision 036): the VAPID key is no patient's data; (un)subscribing a
  // device is audited as the patient's own action. The endpoint and keys never reach the audit row.
  "push/get-push-key#getPushPublicKey": {
    fn: getPushPublicKey,
    expected: 0,
    setup: async (w) => call(w.as.patient, (a) => getPushPublicKey(a), null, w.as.clinician),
  },
  "push/subscribe-push#subscribePush": {
    fn: subscribePush,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => subscribePush(a, pushSubscription()), w.patient.id, w.as.clinician),
  },
  "push/unsubscribe-push#unsubscribePush": {
    fn: unsubscribePush,
    expected: 1,
    setup: async (w) => {
      const sub = pushSubscription();
      await subscribePush(w.as.patient, sub);
      return call(w.as.patient, (a) => unsubscribePush(a, { endpoint: sub.endpoint }), w.patient.id, w.as.clinician);
    },
  },

  // -- Progress.
  "progress/get-progress#getProgress": {
    fn: getProgress,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getProgress(a, w.patient.id), w.patient.id, w.as.outsider),
  },

  // -- Sessions.
  "sessions/get-session#getSession": {
    fn: getSession,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getSession(a, w.pastDraft.id), w.patient.id, w.as.outsider),
  },
  "sessions/list-sessions#getClinicianDashboard": {
    // One read of the care team's sessions and alerts (dashboard.read), naming no single patient.
    fn: getClinicianDashboard,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getClinicianDashboard(a), null, w.as.admin),
  },
  "sessions/list-sessions#listWeekSessions": {
    // The clinician's week: patient names, plan titles and session times. The dashboard (same kind
    // of rows) and the roster are audited as one list read; this one is not audited today.
    fn: listWeekSessions,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listWeekSessions(a, addDays(today(), -3)), null, w.as.admin),
  },
  "sessions/scheduling#changeSessionStatus": {
    fn: changeSessionStatus,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => changeSessionStatus(a, { sessionId: w.future.id, version: w.future.version, status: "CANCELLED", reason: "ZZCancelReason: pain flare, cannot drive" }), w.patient.id, w.as.outsider),
  },
  "sessions/scheduling#rescheduleSession": {
    fn: rescheduleSession,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => rescheduleSession(a, { sessionId: w.future.id, version: w.future.version, date: addDays(today(), 4), time: "11:00", durationMin: 30 }), w.patient.id, w.as.outsider),
  },
  "sessions/scheduling#scheduleSession": {
    fn: scheduleSession,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => scheduleSession(a, { planId: w.plan.id, date: addDays(today(), 5), time: "14:00", durationMin: 45 }), w.patient.id, w.as.outsider),
  },
  "sessions/session-note#addSessionAddendum": {
    fn: addSessionAddendum,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => addSessionAddendum(a, { sessionId: w.pastSigned.id, text: "ZZAddendum: pain was 8/10, not 7/10" }), w.patient.id, w.as.outsider),
  },
  "sessions/session-note#saveSessionNote": {
    fn: saveSessionNote,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.clinician,
        (a) =>
          saveSessionNote(a, {
            sessionId: w.pastDraft.id,
            version: w.pastDraft.version,
            painBefore: 8,
            painAfter: 3,
            subjective: "ZZSECRET-SOAP-S2: pain 8/10 this morning",
            objective: "ZZSECRET-SOAP-O2: spasm eased after treatment",
            assessment: "ZZSECRET-SOAP-A2: improving",
            planNote: "ZZSECRET-SOAP-P2: continue",
            adverseEvent: "ZZAdverse2: none",
            patientSummary: "ZZSummary2: walk daily",
            performed: [{ planActivityId: w.shockActivity.id, status: "COMPLETED", durationMin: 10, parameters: SHOCK_PARAMETERS }],
          }),
        w.patient.id,
        w.as.outsider,
      ),
  },
  "sessions/copy-forward#copyForwardNote": {
    fn: copyForwardNote,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => copyForwardNote(a, { sessionId: w.pastDraft.id }), w.patient.id, w.as.outsider),
  },
  "sessions/session-note#signSessionNote": {
    fn: signSessionNote,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => signSessionNote(a, { sessionId: w.pastDraft.id, version: w.pastDraft.version }), w.patient.id, w.as.outsider),
  },

  // -- Protocol templates: admin writes audited (no patient), reads are not.
  "templates/change-template-status#changeTemplateStatus": {
    fn: changeTemplateStatus,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => changeTemplateStatus(a, { id: w.template.id, version: w.template.version, status: "RETIRED" }), null, w.as.clinician),
  },
  "templates/get-template#getTemplate": {
    fn: getTemplate,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => getTemplate(a, w.template.id), null, w.as.patient),
  },
  "templates/list-assignable-catalog-items#listAssignableCatalogItems": {
    fn: listAssignableCatalogItems,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listAssignableCatalogItems(a), null, w.as.clinician),
  },
  "templates/list-templates#listTemplates": {
    fn: listTemplates,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listTemplates(a, {}), null, w.as.patient),
  },
  "templates/save-template#createTemplate": {
    fn: createTemplate,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => createTemplate(a, templateInput([w.bridging.id], { name: `ZZProtocol chronic ${w.u}`, condition: "ZZCondition chronic low back pain" })), null, w.as.clinician),
  },
  "templates/save-template#updateTemplate": {
    fn: updateTemplate,
    expected: 1,
    setup: async (w) =>
      call(
        w.as.admin,
        (a) =>
          updateTemplate(a, {
            id: w.template.id,
            version: w.template.version,
            ...templateInput([], { name: `ZZProtocol acute ${w.u}`, condition: "ZZCondition acute spasm" }),
            items: [itemInput(w.shock.id, { setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 10 } })],
          }),
        null,
        w.as.clinician,
      ),
  },
  // -- The audit log's CSV export (decision 041): an audited admin read; no one patient's record.
  "audit/export-audit-events#exportAuditEvents": {
    fn: exportAuditEvents,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => exportAuditEvents(a, {}), null, w.as.clinician),
  },
  // -- Issue 15 (ADR 040): what uses a treatment, shown before retiring it. Protocol names and
  // clinician names with counts; nothing of a patient is read, so nothing is audited.
  "catalog/usage#getCatalogItemUsage": {
    fn: getCatalogItemUsage,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => getCatalogItemUsage(a, w.shock.id), null, w.as.clinician),
  },
  // Drag and drop on the plan page (ADR 040): a write of the patient's plan, audited once.
  "plans/plan-activities#movePlanActivityTo": {
    fn: movePlanActivityTo,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => movePlanActivityTo(a, { planId: w.plan.id, version: w.plan.version, activityId: w.bridgingActivity.id, toIndex: 0 }), w.patient.id, w.as.outsider),
  },
  // -- Copying a plan (decision 039): one event per patient record touched; here the same patient.
  "plans/copy-plan#previewPlanCopy": {
    fn: previewPlanCopy,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => previewPlanCopy(a, { planId: w.plan.id, patientId: w.patient.id }), w.patient.id, w.as.outsider),
  },
  "plans/copy-plan#copyPlan": {
    // The shock wave is not contraindicated for the patient (anticoagulants): no override event.
    fn: copyPlan,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => copyPlan(a, { planId: w.plan.id, patientId: w.patient.id, startDate: today() }), w.patient.id, w.as.outsider),
  },
  // -- A clinician's own protocols (decision 039): saving reads the patient's plan; the admin's
  // answer to a proposal is an audited admin write that reads nothing of a patient.
  "templates/own-templates#saveAsTemplate": {
    fn: saveAsTemplate,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => saveAsTemplate(a, { planId: w.plan.id, name: `ZZProtocol mine ${w.u}`, description: "ZZDescription", visibility: "PROPOSE" }), w.patient.id, w.as.outsider),
  },
  "templates/own-templates#listTemplateProposals": {
    fn: listTemplateProposals,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listTemplateProposals(a), null, w.as.clinician),
  },
  "templates/own-templates#reviewTemplateProposal": {
    fn: reviewTemplateProposal,
    expected: 1,
    setup: async (w) => {
      const { id } = await saveAsTemplate(w.as.clinician, { planId: w.plan.id, name: `ZZProtocol proposed ${w.u}`, visibility: "PROPOSE" });
      return call(w.as.admin, (a) => reviewTemplateProposal(a, { id, version: 1, decision: "DECLINE", reason: "ZZReason we have one" }), null, w.as.clinician);
    },
  },

  // -- Note templates (decision 037): clinic data, no patient's. Admin writes audited, reads not.
  "note-templates/note-templates#listNoteTemplates": {
    fn: listNoteTemplates,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listNoteTemplates(a), null, w.as.clinician),
  },
  "note-templates/note-templates#listOfferedNoteTemplates": {
    fn: listOfferedNoteTemplates,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listOfferedNoteTemplates(a), null, w.as.patient),
  },
  "note-templates/note-templates#createNoteTemplate": {
    fn: createNoteTemplate,
    expected: 1,
    setup: async (w) =>
      call(w.as.admin, (a) => createNoteTemplate(a, { name: `ZZNote template ${w.u}`, subjective: "ZZSince last visit:", objective: null, assessment: null, planNote: null }), null, w.as.clinician),
  },
  "note-templates/note-templates#updateNoteTemplate": {
    fn: updateNoteTemplate,
    expected: 1,
    setup: async (w) => {
      const t = await testDb().noteTemplate.create({ data: { clinicId: w.clinic.id, name: `ZZFollow-up ${w.u}`, subjective: "ZZPain:" } });
      return call(w.as.admin, (a) => updateNoteTemplate(a, { id: t.id, version: t.version, name: `ZZFollow-up edited ${w.u}`, subjective: "ZZPain now:", objective: "ZZRange:", assessment: null, planNote: null }), null, w.as.clinician);
    },
  },
  "note-templates/note-templates#setNoteTemplateArchived": {
    fn: setNoteTemplateArchived,
    expected: 1,
    setup: async (w) => {
      const t = await testDb().noteTemplate.create({ data: { clinicId: w.clinic.id, name: `ZZDischarge ${w.u}`, planNote: "ZZAdvice:" } });
      return call(w.as.admin, (a) => setNoteTemplateArchived(a, { id: t.id, version: t.version, archived: true }), null, w.as.clinician);
    },
  },
  // -- A series of sessions (decision 038). The preview reads the plan's bookability and the
  // clinician's own times, nothing of the patient's record; booking writes one event for the series.
  "sessions/series#previewSessionSeries": {
    fn: previewSessionSeries,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => previewSessionSeries(a, { planId: w.plan.id, date: addDays(today(), 40), time: "08:00", durationMin: 30, frequency: "WEEKLY", count: 3 }), null, w.as.outsider),
  },
  "sessions/series#scheduleSessionSeries": {
    fn: scheduleSessionSeries,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => scheduleSessionSeries(a, { planId: w.plan.id, date: addDays(today(), 40), time: "08:00", durationMin: 30, frequency: "TWICE_WEEKLY", secondDay: ((new Date(`${addDays(today(), 40)}T00:00:00Z`).getUTCDay() + 2) % 7) + 1, count: 3 }), w.patient.id, w.as.outsider),
  },
  // The clinic calendar (decision 038): a clinician reads care-team patients' names and times,
  // one list event like the week view (an admin sees no patient and writes none).
  "sessions/calendar#getClinicCalendar": {
    fn: getClinicCalendar,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getClinicCalendar(a, { view: "week", date: today() }), null, w.as.patient),
  },
  // -- Guideline statements on treatments (issue 16, decision 044): statement edits are audited
  // admin writes (no patient); reading statements or stances reads nothing of a patient; the
  // override report shows clinical reasons from many patients' records: one event, no patient.
  "guidelines/save-guideline-statement#createGuidelineStatement": {
    fn: createGuidelineStatement,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => createGuidelineStatement(a, guidelineFixture(w.shock.id)), null, w.as.clinician),
  },
  "guidelines/save-guideline-statement#updateGuidelineStatement": {
    fn: updateGuidelineStatement,
    expected: 1,
    setup: async (w) => {
      const { id } = await createGuidelineStatement(w.as.admin, guidelineFixture(w.shock.id));
      return call(w.as.admin, (a) => updateGuidelineStatement(a, { ...guidelineFixture(w.shock.id), stance: "CONSIDER", id, version: 1 }), null, w.as.clinician);
    },
  },
  "guidelines/save-guideline-statement#setGuidelineStatementRetired": {
    fn: setGuidelineStatementRetired,
    expected: 1,
    setup: async (w) => {
      const { id } = await createGuidelineStatement(w.as.admin, guidelineFixture(w.shock.id));
      return call(w.as.admin, (a) => setGuidelineStatementRetired(a, { id, version: 1, retired: true }), null, w.as.clinician);
    },
  },
  "guidelines/list-guideline-statements#listGuidelineStatements": {
    fn: listGuidelineStatements,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listGuidelineStatements(a, w.shock.id), null, w.as.patient),
  },
  "guidelines/list-guideline-statements#listGuidelineStancesForCondition": {
    fn: listGuidelineStancesForCondition,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => listGuidelineStancesForCondition(a, { condition: "Lower back spasm" }), null, w.as.patient),
  },
  "guidelines/guideline-override-report#getGuidelineOverrideReport": {
    fn: getGuidelineOverrideReport,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => getGuidelineOverrideReport(a, {}), null, w.as.clinician),
  },
  // -- Outcome instruments as data (issue 16, ADR 045): definitions are clinic data (reads not
  // audited; loading licensed wording is an audited admin write); the outcome form's context and the
  // portal's questionnaires read the patient's record (one event each), answering writes one.
  "instruments/definitions#listInstruments": {
    fn: listInstruments,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => listInstruments(a), null, w.as.clinician),
  },
  "instruments/definitions#getInstrument": {
    fn: getInstrument,
    expected: 0,
    setup: async (w) => call(w.as.admin, (a) => getInstrument(a, "odi"), null, w.as.clinician),
  },
  "instruments/definitions#loadLicensedOdiWording": {
    fn: loadLicensedOdiWording,
    expected: 1,
    setup: async (w) => {
      const { current } = await getInstrument(w.as.admin, "ODI");
      const sections = Object.fromEntries(current.definition.items.map((i) => [i.id, { prompt: `ZZLicensed ${i.id}`, statements: [0, 1, 2, 3, 4, 5].map((n) => `ZZLicensed ${i.id} ${n}`) }]));
      return call(w.as.admin, (a) => loadLicensedOdiWording(a, { version: current.version, wording: { licenceReference: `ZZLicence ${w.u}`, sections } }), null, w.as.clinician);
    },
  },
  "outcomes/outcome-form-context#getOutcomeFormContext": {
    fn: getOutcomeFormContext,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => getOutcomeFormContext(a, w.patient.id), w.patient.id, w.as.outsider),
  },
  "portal/questionnaires#listMyQuestionnaires": {
    fn: listMyQuestionnaires,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => listMyQuestionnaires(a), w.patient.id, w.as.clinician),
  },
  "portal/questionnaires#getMyQuestionnaire": {
    fn: getMyQuestionnaire,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => getMyQuestionnaire(a, "psfs"), w.patient.id, w.as.clinician),
  },
  "portal/self-report#selfReportQuestionnaire": {
    fn: selfReportQuestionnaire,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => selfReportQuestionnaire(a, { instrument: "ODI", planId: w.plan.id, sections: ODI_ANSWERS }), w.patient.id, w.as.clinician),
  },
  // -- Measure schedules (issue 16, decision 046): one event per entry added, per removal, per ask;
  // reading a plan's schedule, the overdue list or the patient's asks is one read event.
  "measures/manage-measures#addMeasureSchedules": {
    fn: addMeasureSchedules,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => addMeasureSchedules(a, { planId: w.plan.id, entries: [{ instrument: "RMDQ", rule: "AT_START", answeredBy: "PATIENT" }] }), w.patient.id, w.as.outsider),
  },
  "measures/manage-measures#removeMeasureSchedule": {
    fn: removeMeasureSchedule,
    expected: 1,
    setup: async (w) => {
      const s = await testDb().measureSchedule.create({ data: { clinicId: w.clinic.id, planId: w.plan.id, instrument: "ODI", rule: "AT_START", answeredBy: "PATIENT", createdById: w.as.clinician.userId } });
      return call(w.as.clinician, (a) => removeMeasureSchedule(a, { planId: w.plan.id, scheduleId: s.id, version: s.version, confirm: true }), w.patient.id, w.as.outsider);
    },
  },
  "measures/manage-measures#askMeasureNow": {
    fn: askMeasureNow,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => askMeasureNow(a, { planId: w.plan.id, instrument: "PSFS", requested: true }), w.patient.id, w.as.outsider),
  },
  "measures/list-plan-measures#listPlanMeasures": {
    fn: listPlanMeasures,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listPlanMeasures(a, w.plan.id), w.patient.id, w.as.outsider),
  },
  "measures/list-overdue-measures#listOverdueMeasures": {
    fn: listOverdueMeasures,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listOverdueMeasures(a, { patientId: w.patient.id }), w.patient.id, w.as.patient),
  },
  "measures/my-asks#listMyAsks": {
    fn: listMyAsks,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => listMyAsks(a), w.patient.id, w.as.clinician),
  },
  // -- The API's lists (decision 048): one list event per request, naming the patient only when
  // filtered to one. Every role holds patient:read, so the patients list's refused caller is one
  // whose second sign-in step is still pending.
  "api/list-patients#listPatientsPage": {
    fn: listPatientsPage,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listPatientsPage(a, {}), null, { ...w.as.admin, secondFactor: "pending" }),
  },
  "api/list-plans#listPlansPage": {
    fn: listPlansPage,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listPlansPage(a, { patientId: w.patient.id }), w.patient.id, w.as.admin),
  },
  "api/list-sessions#listSessionsPage": {
    fn: listSessionsPage,
    expected: 1,
    setup: async (w) => call(w.as.clinician, (a) => listSessionsPage(a, {}), null, w.as.admin),
  },
  "api/list-outcomes#listOutcomesPage": {
    fn: listOutcomesPage,
    expected: 1,
    setup: async (w) => call(w.as.patient, (a) => listOutcomesPage(a, {}), w.patient.id, w.as.admin),
  },
  // A filtered list's check that the named patient is in reach: nothing read of them, no event;
  // out of reach, the refusal is recorded (REFUSAL_AUDITED).
  "api/keyset#assertPatientVisible": {
    fn: assertPatientVisible,
    expected: 0,
    setup: async (w) => call(w.as.clinician, (a) => assertPatientVisible(a, "plan:read", w.patient.id), null, w.as.outsider),
  },
  // The outcome scores' CSV: one export event with its filters and row count, no one patient.
  "outcomes/export-outcome-scores#exportOutcomeScores": {
    fn: exportOutcomeScores,
    expected: 1,
    setup: async (w) => call(w.as.admin, (a) => exportOutcomeScores(a, { deidentified: "1" }), null, w.as.patient),
  },
};

const ENTRY_KEYS = Object.keys(TABLE).sort();

// ---- Helpers and the figures for the closing line.

const stats = { calls: 0, exactlyOne: new Set<string>(), scannedRows: 0 };

async function auditIds(): Promise<Set<string>> {
  return new Set((await testDb().auditEvent.findMany({ select: { id: true } })).map((e) => e.id));
}

/** Runs one call and returns its result and the audit rows it added. */
async function audited<R>(run: () => Promise<R>) {
  const before = await auditIds();
  stats.calls += 1;
  const result = await run();
  const events = (await testDb().auditEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] })).filter((e) => !before.has(e.id));
  return { result, events };
}

/** The error code a refused call answers with ("RESOLVED" if it was not refused). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  stats.calls += 1;
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "RESOLVED";
}

// Columns an audit row may have: ids, role, action, entity type, origin and time (DESIGN.md,
// decision 006). A new column fails the scan until it is added here, after checking that it
// cannot carry health data.
const AUDIT_COLUMNS = ["id", "clinicId", "actorId", "actorRole", "action", "entityType", "entityId", "patientId", "origin", "at", "detail"];
const CUID = /^c[a-z0-9]{20,31}$/;

/** Every health or credential string in the database now, plus the issued passwords. */
async function healthAndCredentialStrings(): Promise<string[]> {
  const db = testDb();
  const [patients, users, plans, activities, sessions, addenda, logs, performed, items, templates] = [
    await db.patient.findMany({ select: { firstName: true, lastName: true, email: true, phone: true, dateOfBirth: true, contraindications: true } }),
    await db.user.findMany({ select: { email: true, passwordHash: true, name: true, role: true } }),
    await db.treatmentPlan.findMany({ select: { title: true, condition: true, goals: true, statusReason: true, icd10Code: true } }),
    await db.planActivity.findMany({ select: { nameSnapshot: true, instructionsSnapshot: true, overrideReason: true, guidelineOverrideReason: true } }),
    await db.session.findMany({ select: { subjective: true, objective: true, assessment: true, planNote: true, adverseEvent: true, patientSummary: true, statusReason: true } }),
    await db.sessionAddendum.findMany({ select: { text: true } }),
    await db.homeLog.findMany({ select: { note: true } }),
    await db.performedTreatment.findMany({ select: { parameters: true, notDoneReason: true } }),
    await db.catalogItem.findMany({ select: { name: true, patientInstructions: true } }),
    await db.planTemplate.findMany({ select: { name: true, condition: true } }),
  ];
  const values: (string | null)[] = [
    ...patients.flatMap((p) => [p.firstName, p.lastName, `${p.firstName} ${p.lastName}`, p.email, p.phone, toIsoDate(p.dateOfBirth), ...p.contraindications]),
    ...users.flatMap((u) => [u.email, u.passwordHash, u.role === "PATIENT" ? u.name : null]),
    ...plans.flatMap((p) => [p.title, p.condition, p.goals, p.statusReason, p.icd10Code]),
    ...activities.flatMap((a) => [a.nameSnapshot, a.instructionsSnapshot, a.overrideReason, a.guidelineOverrideReason]),
    ...sessions.flatMap((s) => [s.subjective, s.objective, s.assessment, s.planNote, s.adverseEvent, s.patientSummary, s.statusReason]),
    ...addenda.map((a) => a.text),
    ...logs.map((l) => l.note),
    ...performed.flatMap((p) => [JSON.stringify(p.parameters), p.notDoneReason]),
    ...items.flatMap((i) => [i.name, i.patientInstructions]),
    ...templates.flatMap((t) => [t.name, t.condition]),
    ...issuedPasswords,
  ];
  // Short generic strings ("{}", "Test") would match by accident; every fixture text is longer.
  const needles = values.filter((v): v is string => typeof v === "string" && v.trim().length >= 5);
  return ["ZZ", ...new Set(needles)];
}

beforeAll(truncateAll);

afterAll(() => {
  console.log(
    `audit coverage: ${DISCOVERED.length} domain functions, ${stats.calls} calls, exactly-one holds for ${stats.exactlyOne.size}, no health data in ${stats.scannedRows} audit rows`,
  );
});

// ---- The tests.

describe("audit coverage: the table", () => {
  it("has an entry for every exported domain function that takes an actor, and none for a function that is gone", async () => {
    expect(DISCOVERED.length, "no domain function found: has lib/domain moved?").toBeGreaterThan(40);
    const onDisk = new Set(DISCOVERED.map((d) => d.key));
    const missing = DISCOVERED.filter((d) => !(d.key in TABLE) && !NEEDS_AUTHENTICATOR.has(d.key)).map((d) => d.key);
    const stale = ENTRY_KEYS.filter((key) => !onDisk.has(key));
    expect(missing, "domain functions with no entry in TABLE (add how to call them and how many audit events they write)").toEqual([]);
    expect(stale, "TABLE entries whose function is no longer on disk").toEqual([]);
    // The entry calls the very function the file exports under that name.
    for (const d of DISCOVERED) {
      const exported = (await import(/* @vite-ignore */ d.file)) as Record<string, unknown>;
      expect(typeof exported[d.name], `${d.key} is not an exported function`).toBe("function");
      if (TABLE[d.key]) expect(exported[d.name] === TABLE[d.key]!.fn, `${d.key}: the entry's fn is another function`).toBe(true);
    }
  });
});

describe("audit coverage: one successful call", () => {
  it.each(ENTRY_KEYS)("%s writes the expected number of audit events, naming actor, clinic and patient", async (key) => {
    const entry = TABLE[key]!;
    const w = await world();
    const c = await entry.setup(w);
    const { result, events } = await audited(() => c.run(c.actor));
    if (events.length === 1) stats.exactlyOne.add(key);
    expect(events.map((e) => e.action), `${key}: audit events written by one successful call`).toHaveLength(entry.expected);
    const patientId = c.patientOf(result);
    for (const event of events) {
      expect(event, `${key}: ${event.action}`).toMatchObject({
        clinicId: c.actor.clinicId,
        actorId: c.actor.userId,
        actorRole: c.actor.role,
        origin: c.actor.origin,
        patientId,
      });
      expect(event.entityType).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });
});

// A refused call leaves no trace of the work: every domain function checks the actor (assertCan /
// patientScope / ownPatient, then a scoped query that answers NOT_FOUND) before it calls
// recordAuditEvent, and the event is written in the same transaction as the work, which rolls back
// when the call throws. The one event a refusal may write is `access.refused` (issue 12, decision
// 023): a function that reads one record by id and finds nothing in the actor's scope records who
// asked for which id. A refusal by role (FORBIDDEN before any lookup) writes nothing.
const REFUSAL_AUDITED = new Set([
  "accounts/get-portal-access#getPortalAccess",
  "accounts/invite-patient#invitePatient",
  "patients/get-patient-details#getPatientDetails",
  "patients/get-patient-overview#getPatientOverview",
  "plans/get-plan#getPlan",
  "plans/list-plan-history#listPlanHistory",
  "plans/plan-handout#buildPlanHandout",
  "progress/get-progress#getProgress",
  "sessions/get-session#getSession",
  // Measure schedules (decision 046)
  "measures/list-plan-measures#listPlanMeasures",
  // A list filtered to a patient out of reach (decision 048).
  "api/keyset#assertPatientVisible",
]);

describe("audit coverage: a refused call", () => {
  it.each(ENTRY_KEYS)("%s refuses the wrong actor, and records at most who asked for which record", async (key) => {
    const entry = TABLE[key]!;
    const w = await world();
    const c = await entry.setup(w);
    expect(c.deny, `${key}: no refused caller declared`).not.toBeNull();
    const before = await testDb().auditEvent.findMany({ select: { id: true } });
    const code = await refusal(() => c.run(c.deny!));
    expect(["NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED"], `${key}: answered ${code}`).toContain(code);
    const added = await testDb().auditEvent.findMany({ where: { id: { notIn: before.map((e) => e.id) } } });
    if (REFUSAL_AUDITED.has(key)) {
      expect(added.map((e) => e.action), `${key}: audit events after a refused read`).toEqual(["access.refused"]);
      expect(added[0], key).toMatchObject({ actorId: c.deny!.userId, clinicId: c.deny!.clinicId, patientId: null });
      expect(added[0]!.entityId, key).toBeTruthy();
    } else {
      expect(added.map((e) => e.action), `${key}: audit events after a refused call`).toEqual([]);
    }
  });
});

describe("audit coverage: documented exceptions to one call, one event", () => {
  it("createPlan from a protocol writes plan.create plus one plan.activity.override per overridden item", async () => {
    // Deliberate in lib/domain/plans/create-plan.ts ("Overrides are safety decisions: each gets its
    // own event"), and listPlanHistory shows them; reported as a deviation from "exactly one".
    const w = await world();
    const needlingItem = await testDb().planTemplateItem.findFirstOrThrow({ where: { templateId: w.template.id, catalogItemId: w.needling.id } });
    const { result, events } = await audited(() =>
      createPlan(w.as.clinician, {
        patientId: w.patient.id,
        templateId: w.template.id,
        decisions: [{ templateItemId: needlingItem.id, action: "override", reason: "ZZOverride: INR in range, GP agrees" }],
        title: "ZZPlanTitle from protocol",
        condition: "ZZCondition acute spasm",
        icd10Code: "M62.830",
        goals: "ZZGoal sleep through the night",
        startDate: today(),
        reviewDate: null,
        plannedSessions: 6,
      }),
    );
    // Written in one transaction, often within the same millisecond: their order in the log is not defined.
    expect(events.map((e) => e.action).sort()).toEqual(["plan.activity.override", "plan.create"]);
    expect(events.find((e) => e.action === "plan.create")).toMatchObject({ entityType: "TreatmentPlan", entityId: result.id, patientId: w.patient.id, actorId: w.users.clinician.id });
    expect(events.find((e) => e.action === "plan.activity.override")).toMatchObject({ entityType: "PlanActivity", patientId: w.patient.id, actorId: w.users.clinician.id });
  });

  it("getAccount of a staff account writes none: no patient record is read", async () => {
    const w = await world();
    const { events } = await audited(() => getAccount(w.as.admin, w.users.clinician.id));
    expect(events).toEqual([]);
  });
});

describe("audit coverage: no health data or credentials in audit rows", () => {
  it("after every call above, no audit row holds a name, date of birth, plan text, note, flag, email, password or hash", async () => {
    const rows = await testDb().$queryRaw<{ json: string }[]>`SELECT row_to_json(a)::text AS json FROM "AuditEvent" a`;
    stats.scannedRows = rows.length;
    expect(rows.length, "the calls above wrote audit rows").toBeGreaterThanOrEqual(stats.exactlyOne.size);
    const needles = await healthAndCredentialStrings();
    const leaks: string[] = [];
    const extraColumns = new Set<string>();
    const malformed: string[] = [];
    for (const { json } of rows) {
      for (const needle of needles) if (json.includes(needle)) leaks.push(`${JSON.stringify(needle)} in ${json}`);
      const row = JSON.parse(json) as Record<string, unknown>;
      for (const column of Object.keys(row)) if (!AUDIT_COLUMNS.includes(column)) extraColumns.add(column);
      for (const column of ["id", "clinicId", "actorId", "entityId", "patientId"]) {
        if (row[column] !== null && !CUID.test(String(row[column]))) malformed.push(`${column}=${JSON.stringify(row[column])}`);
      }
      if (!/^[a-z][a-z_]*(\.[a-z_]+)+$/.test(String(row.action))) malformed.push(`action=${JSON.stringify(row.action)}`);
      if (!/^[A-Z][A-Za-z]+$/.test(String(row.entityType))) malformed.push(`entityType=${JSON.stringify(row.entityType)}`);
      if (row.origin !== null && row.origin !== "test") malformed.push(`origin=${JSON.stringify(row.origin)}`);
    }
    expect(leaks, "health data or credentials found in audit rows").toEqual([]);
    expect([...extraColumns], "AuditEvent columns not reviewed for health data").toEqual([]);
    expect(malformed, "audit values that are not ids, dotted actions or entity names").toEqual([]);
  });
});

describe("audit coverage: audit rows are append-only against raw SQL", () => {
  // tests/integration/audit.test.ts covers one row through Prisma's update/delete; this covers
  // hand-written SQL over the whole table, which is what tampering would look like.
  it("refuses UPDATE, DELETE and TRUNCATE of every audit row written above, to the app's role and to the owner", async () => {
    const db = testDb();
    const before = await db.auditEvent.count();
    expect(before).toBeGreaterThan(0);
    // The runtime role lacks the privilege (ADR 021); the owner has it and meets the triggers.
    for (const [who, refusal] of [[db, /permission denied/], [ownerDb(), /append-only/]] as const) {
      await expect(who.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered', "patientId" = NULL`).rejects.toThrow(refusal);
      await expect(who.$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(refusal);
      await expect(who.$executeRaw`DELETE FROM "AuditEvent" WHERE "patientId" IS NOT NULL`).rejects.toThrow(refusal);
      await expect(who.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(refusal);
    }
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "tampered" } })).toBe(0);
  });
});
