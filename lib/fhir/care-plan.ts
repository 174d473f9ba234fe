// CarePlan (a treatment plan) with its Condition and Goal, and the Provenance of each
// contraindication override on its activities. Pure mappers (ADR 049).
import type { CarePlan, CarePlanActivity, Condition, Extension, Goal, Patient, Practitioner, Provenance, Reference } from "@medplum/fhirtypes";
import type { ActivityStatus, PlanStatus } from "@/lib/db/generated/enums";
import { describeDose } from "@/lib/domain/plans/dto";
import { coding, compact, doseExtension, doseTiming, fhirDate, humanize, meta, ref } from "./common";
import { activityDefinitionCanonical, planDefinitionCanonical } from "./definitions";
import type { FhirActivityRow, FhirPerformedRow, FhirPlanRow } from "./rows";
import { EXTENSIONS, SYSTEMS, identifier } from "./systems";

/**
 * Our plan lifecycle → CarePlan.status (required binding, request-status). CANCELLED is `revoked`
 * ("terminated prior to the full completion of the intended actions"): a cancelled plan was real
 * and may have been partly carried out; `entered-in-error` is kept for ENTERED_IN_ERROR, the plan
 * that should never have existed.
 */
export const CARE_PLAN_STATUS = {
  DRAFT: "draft",
  ACTIVE: "active",
  ON_HOLD: "on-hold",
  COMPLETED: "completed",
  CANCELLED: "revoked",
  ENTERED_IN_ERROR: "entered-in-error",
} as const satisfies Record<PlanStatus, CarePlan["status"]>;

/** Our activity status → CarePlan.activity.detail.status (required binding, care-plan-activity-status). */
export const ACTIVITY_STATUS = {
  ACTIVE: "in-progress",
  ON_HOLD: "on-hold",
  COMPLETED: "completed",
  STOPPED: "stopped",
} as const satisfies Record<ActivityStatus, string>;

/** Plan status → Goal.lifecycleStatus (required binding, goal-status). */
const GOAL_STATUS = {
  DRAFT: "proposed",
  ACTIVE: "active",
  ON_HOLD: "on-hold",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  ENTERED_IN_ERROR: "entered-in-error",
} as const satisfies Record<PlanStatus, Goal["lifecycleStatus"]>;

export const conditionId = (planId: string) => `${planId}-condition`;
export const goalId = (planId: string) => `${planId}-goal`;
export const overrideProvenanceId = (activityId: string) => `${activityId}-override`;

/** The plan's condition: ICD-10-CM when the clinician gave a code (e.g. M62.830), always the text. */
export function toFhirPlanCondition(plan: FhirPlanRow): Condition {
  return {
    resourceType: "Condition",
    id: conditionId(plan.id),
    meta: meta(plan.updatedAt),
    ...(plan.status === "ENTERED_IN_ERROR" ? { verificationStatus: coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", "Entered in Error") } : {}),
    code: plan.icd10Code ? { coding: [{ system: SYSTEMS.icd10cm, code: plan.icd10Code }], text: plan.condition } : { text: plan.condition },
    subject: ref("Patient", plan.patientId),
    recordedDate: plan.createdAt.toISOString(),
    recorder: ref("Practitioner", plan.createdById),
  };
}

/** The plan's goals (free text) as one Goal. */
export function toFhirPlanGoal(plan: FhirPlanRow): Goal {
  return {
    resourceType: "Goal",
    id: goalId(plan.id),
    meta: meta(plan.updatedAt),
    lifecycleStatus: GOAL_STATUS[plan.status],
    description: { text: plan.goals },
    subject: ref("Patient", plan.patientId),
    startDate: fhirDate(plan.startDate),
    addresses: [ref("Condition", conditionId(plan.id))],
    expressedBy: ref("Practitioner", plan.createdById),
  };
}

function overrideExtension(a: FhirActivityRow): Extension | undefined {
  if (!a.overrideReason || !a.overriddenById || !a.overriddenAt) return undefined;
  return {
    url: EXTENSIONS.override,
    extension: [
      ...a.overriddenFlags.map((flag) => ({ url: "flag", valueCoding: { system: SYSTEMS.contraindication, code: flag, display: humanize(flag) } })),
      { url: "reason", valueString: a.overrideReason },
      { url: "overriddenBy", valueReference: ref("Practitioner", a.overriddenById) },
      { url: "overriddenAt", valueDateTime: a.overriddenAt.toISOString() },
    ],
  };
}

function toActivity(plan: FhirPlanRow, a: FhirActivityRow, performed: FhirPerformedRow[]): CarePlanActivity {
  const words = describeDose(a);
  const timing = doseTiming(a, words);
  const performer: Reference<Patient | Practitioner>[] = compact<Reference<Patient | Practitioner>>([
    a.setting !== "HOME" ? ref("Practitioner", plan.clinicianId) : null,
    a.setting !== "IN_CLINIC" ? ref("Patient", plan.patientId) : null,
  ]);
  const outcomes = performed.filter((p) => p.planActivityId === a.id).map((p) => ref("Procedure", p.id));
  return {
    id: a.id,
    ...(outcomes.length ? { outcomeReference: outcomes } : {}),
    detail: {
      extension: compact<Extension>([
        { url: EXTENSIONS.setting, valueCoding: { system: SYSTEMS.setting, code: a.setting, display: humanize(a.setting) } },
        { url: EXTENSIONS.phase, valueCoding: { system: SYSTEMS.phase, code: a.phase, display: humanize(a.phase) } },
        doseExtension(a),
        overrideExtension(a),
      ]),
      // The catalog item's version when it was assigned: the snapshot's source exactly.
      instantiatesCanonical: [activityDefinitionCanonical({ clinicId: a.clinicId, id: a.catalogItemId }, a.catalogVersionSnapshot)],
      code: { coding: [{ system: SYSTEMS.catalogKind, code: a.kindSnapshot, display: humanize(a.kindSnapshot) }], text: a.nameSnapshot },
      // A plan not yet started has nothing in progress.
      status: plan.status === "DRAFT" && a.status === "ACTIVE" ? "not-started" : ACTIVITY_STATUS[a.status],
      ...(timing ? { scheduledTiming: timing } : {}),
      ...(performer.length ? { performer } : {}),
      ...(a.reps !== null ? { quantity: { value: a.reps, unit: "repetitions" } } : {}),
      description: [a.instructionsSnapshot, words].filter(Boolean).join("\n\n"),
    },
  };
}

/**
 * A treatment plan. intent is always `plan`. Activities in order, each as `detail` (code, dose,
 * scheduledTiming for days a week and times a day, quantity for reps) instantiating the catalog
 * item's ActivityDefinition at the version it was copied from; performed treatments of an activity
 * are its outcomeReference (Procedures). `performed` may hold any rows: only this plan's are used.
 */
export function toFhirCarePlan(plan: FhirPlanRow, activities: FhirActivityRow[], performed: FhirPerformedRow[] = [], template?: { clinicId: string; id: string; version: number }): CarePlan {
  const own = activities.filter((a) => a.planId === plan.id).sort((x, y) => x.position - y.position);
  const notes = compact([plan.statusReason ? `Status reason: ${plan.statusReason}` : null]);
  return {
    resourceType: "CarePlan",
    id: plan.id,
    meta: meta(plan.updatedAt),
    identifier: [identifier(plan.clinicId, "care-plan", plan.id)],
    extension: compact<Extension>([
      plan.reviewDate ? { url: EXTENSIONS.planReviewDate, valueDate: fhirDate(plan.reviewDate) } : null,
      { url: EXTENSIONS.plannedSessions, valueInteger: plan.plannedSessions },
    ]),
    ...(template ? { instantiatesCanonical: [planDefinitionCanonical(template, template.version)] } : {}),
    status: CARE_PLAN_STATUS[plan.status],
    intent: "plan",
    title: plan.title,
    description: plan.goals,
    subject: ref("Patient", plan.patientId),
    period: { start: fhirDate(plan.startDate), ...(plan.endDate ? { end: fhirDate(plan.endDate) } : {}) },
    created: plan.createdAt.toISOString(),
    author: ref("Practitioner", plan.clinicianId),
    contributor: [ref("Practitioner", plan.createdById)],
    addresses: [ref("Condition", conditionId(plan.id))],
    goal: [ref("Goal", goalId(plan.id))],
    ...(own.length ? { activity: own.map((a) => toActivity(plan, a, performed)) } : {}),
    ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
  };
}

/**
 * Who overrode a contraindication on a plan activity, when and why: a Provenance on the CarePlan
 * (an activity has no resource of its own; the activity's id is in `entity.what.identifier`).
 * Undefined for an activity without an override.
 */
export function toFhirOverrideProvenance(plan: FhirPlanRow, a: FhirActivityRow): Provenance | undefined {
  if (!a.overrideReason || !a.overriddenById || !a.overriddenAt) return undefined;
  const flags = a.overriddenFlags.map(humanize).join(", ");
  return {
    resourceType: "Provenance",
    id: overrideProvenanceId(a.id),
    meta: meta(a.updatedAt),
    target: [ref("CarePlan", plan.id)],
    recorded: a.overriddenAt.toISOString(),
    reason: [{ text: `Contraindication overridden (${flags}): ${a.overrideReason}` }],
    activity: coding(SYSTEMS.provenanceActivity, "contraindication-override", "Contraindication override"),
    agent: [
      {
        type: coding(SYSTEMS.provenanceParticipantType, "author", "Author"),
        who: ref("Practitioner", a.overriddenById),
        onBehalfOf: ref("Organization", plan.clinicId),
      },
    ],
    entity: [{ role: "source", what: { identifier: identifier(plan.clinicId, "care-plan-activity", a.id), display: a.nameSnapshot } }],
  };
}
