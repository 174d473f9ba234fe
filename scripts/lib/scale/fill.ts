// Fills a database with a clinic group from a shape (scripts/lib/scale/shape.ts), in one
// transaction: truncate, drop keys and indexes, stage the shape, generate the volume with
// set-based SQL, restore keys and indexes, commit, VACUUM (ANALYZE). Used by `npm run seed:scale`
// (the full group) and by the query-plan test (the same shape at a tenth of the size).
import type pg from "pg";
import { hashPassword } from "../../../lib/auth/password";
import { DEMO_PASSWORD } from "../../../prisma/seed-data/demo";
import { dropConstraints } from "./bulk";
import { fillActivities } from "./fill-activities";
import { fillCareTeams, fillCatalog, fillClinics, fillPatients, fillPlans, fillTemplates, fillUsers } from "./fill-core";
import { fillHomeLogs } from "./fill-home-logs";
import { fillOutcomes } from "./fill-outcomes";
import { fillPerformed, fillSessions, stageSessions } from "./fill-sessions";
import type { ScaleTargets, Shape } from "./shape";
import { createHelpers, stageShape } from "./stage";

export const SCALE_TABLES = ["Clinic", "User", "Patient", "CareTeamMember", "CatalogItem", "PlanTemplate", "PlanTemplateItem", "TreatmentPlan", "PlanActivity", "Session", "SessionAddendum", "PerformedTreatment", "HomeLog", "OutcomeResponse", "AuditEvent", "LoginThrottle", "UserSession", "TrustedDevice", "TotpFactor", "RecoveryCode", "PasskeyCredential", "WebAuthnChallenge", "CatalogMedia", "ActivityMedia", "OutboundMessage", "AccountToken", "NotificationPreference", "PushSubscription", "NoteTemplate", "InstrumentDefinition", "BulkExport", "ApiClient", "GuidelineStatement", "GuidelineStatementRevision", "MeasureSchedule", "MeasureOccurrence"];

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const fmt = (n: number) => n.toLocaleString("en-GB");

export type FillOptions = { shape: Shape; targets: Pick<ScaleTargets, "homeLogs" | "outcomes">; today: string; log: (line: string) => void };

/**
 * Truncates every table of the app and fills them from the shape. `db` must be the owner's
 * connection (docs/decisions/021). Run `SET temp_buffers` on it first if needed.
 */
export async function fillScaleData(db: pg.ClientBase, { shape, targets, today, log }: FillOptions): Promise<void> {
  async function step(name: string, run: () => Promise<number | string>): Promise<void> {
    const started = Date.now();
    const result = await run();
    const what = typeof result === "number" ? `${fmt(result).padStart(10)} rows` : result;
    log(`${name.padEnd(26)} ${what}  ${seconds(started).padStart(7)}`);
  }
  const TABLES = SCALE_TABLES;
  const passwordHash = await hashPassword(DEMO_PASSWORD); // one scrypt hash shared by every account
  await db.query("BEGIN");
  await db.query("SET LOCAL work_mem = '512MB'; SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL synchronous_commit = off");
  await step("truncate", async () => {
    // The audit log refuses TRUNCATE, even from its owner (ADR 021); lifted for this transaction only.
    await db.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_truncate`);
    await db.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(", ")}`);
    await db.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_truncate`);
    return "done";
  });
  let restore: () => Promise<number> = async () => 0;
  await step("drop keys and indexes", async () => {
    restore = await dropConstraints(db, TABLES);
    return "done";
  });
  await step("stage shape", async () => {
    await createHelpers(db, today);
    await stageShape(db, shape);
    return `${fmt(shape.plans.length).padStart(10)} plans`;
  });
  await step("Clinic", () => fillClinics(db));
  await step("User", () => fillUsers(db, passwordHash));
  await step("Patient", () => fillPatients(db));
  await step("CareTeamMember", () => fillCareTeams(db));
  await step("CatalogItem", () => fillCatalog(db));
  await step("PlanTemplate (+ items)", () => fillTemplates(db));
  await step("TreatmentPlan", () => fillPlans(db));
  await step("PlanActivity", () => fillActivities(db));
  await step("stage sessions", async () => {
    await stageSessions(db);
    return "slots laid out";
  });
  await step("Session", () => fillSessions(db));
  await step("PerformedTreatment", () => fillPerformed(db));
  await step("HomeLog", async () => {
    const r = await fillHomeLogs(db, targets.homeLogs);
    return `${fmt(r.rows).padStart(10)} rows (${fmt(r.natural)} at drawn adherence, of ${fmt(r.candidates)} due days)`;
  });
  await step("OutcomeResponse", async () => {
    const r = await fillOutcomes(db, targets.outcomes);
    return `${fmt(r.rows).padStart(10)} rows (of ${fmt(r.candidates)} candidates)`;
  });
  await step("restore keys and indexes", async () => `${fmt(await restore()).padStart(10)} re-created`);
  await step("commit", async () => {
    await db.query("COMMIT");
    return "done";
  });
  await step("VACUUM ANALYZE", async () => {
    await db.query(`VACUUM (ANALYZE) ${TABLES.map((t) => `"${t}"`).join(", ")}`);
    return "done";
  });
}

