// Scheduled measures and media as the app's pages read them, with the app's statements
// (lib/db/statements/measures.ts, media.ts, patients.ts portalAccess) and its pure rules
// (lib/domain/measures/from-rows.ts, lib/domain/media/dto.ts, lib/domain/accounts/portal-status.ts):
//  overdueMeasures — lib/domain/measures/list-overdue-measures.ts (roster and overview);
//  portalAccessOf  — lib/domain/accounts/get-portal-access.ts (overview);
//  planMeasures    — lib/domain/measures/load.ts (Today's asks, through my-asks.ts);
//  planMedia       — lib/domain/media/list-plan-pictures.ts listPlanActivityMedia (Today).
import { planActivityMedia } from "../../../lib/db/statements/media";
import { measureClaims, measurePlan, measurePlanEntries, measureResponses, overdueEntries } from "../../../lib/db/statements/measures";
import { portalAccess } from "../../../lib/db/statements/patients";
import { portalStatusFromRow } from "../../../lib/domain/accounts/portal-status";
import { mediaByActivity } from "../../../lib/domain/media/dto";
import { instrumentsOf, overdueFromRows, planMeasuresFromRows } from "../../../lib/domain/measures/from-rows";
import type { Actor } from "./actor";
import { audit, first, NotFound, rows, type Client } from "./db";

export async function overdueMeasures(client: Client, actor: Actor, patientId: string | null) {
  const entries = await rows(client, overdueEntries({ actor, scope: "care-team", patientId }));
  const planIds = [...new Set(entries.map((r) => r.planId))];
  const instruments = [...new Set(entries.map((r) => r.instrument))];
  const [responses, claims] = planIds.length
    ? await Promise.all([rows(client, measureResponses({ clinicId: actor.clinicId, planIds, instruments })), rows(client, measureClaims({ clinicId: actor.clinicId, scheduleIds: entries.map((r) => r.id) }))])
    : [[], []];
  await audit(client, actor, { action: "dashboard.measures_overdue.read", entityType: "Patient", entityId: patientId, patientId });
  return overdueFromRows(entries, responses, claims, new Date());
}

export async function portalAccessOf(client: Client, actor: Actor, patientId: string) {
  const row = await first(client, portalAccess({ patientId, actor, scope: "care-team" }));
  if (!row) throw new NotFound();
  return portalStatusFromRow(row, new Date());
}

/** The patient's home measures only (what Today asks). */
export async function planMeasures(client: Client, planId: string, now: Date) {
  const plan = await first(client, measurePlan({ planId }));
  if (!plan) return null;
  const entries = await rows(client, measurePlanEntries({ planId, patientOnly: true }));
  const instruments = instrumentsOf(plan, entries);
  const responses = instruments.length ? await rows(client, measureResponses({ clinicId: plan.clinicId, planIds: [planId], instruments })) : [];
  const claims = entries.length ? await rows(client, measureClaims({ clinicId: plan.clinicId, scheduleIds: entries.map((r) => r.id) })) : [];
  return planMeasuresFromRows(plan, entries, responses, claims, now);
}

export async function planMedia(client: Client, actor: Actor, planId: string) {
  return mediaByActivity(await rows(client, planActivityMedia({ planId, actor, scope: actor.role === "PATIENT" ? "own" : "care-team", patientView: actor.role === "PATIENT" })));
}
