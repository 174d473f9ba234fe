// Pure rules of a treatment plan: its lifecycle, contraindication matching and dose sanity.
import type { CatalogKind, Contraindication, PlanStatus, Setting } from "@/lib/db/generated/enums";

/**
 * DRAFT → ACTIVE ⇄ ON_HOLD → COMPLETED | CANCELLED; ENTERED_IN_ERROR from any state.
 * A draft may also be discarded (CANCELLED). COMPLETED, CANCELLED and ENTERED_IN_ERROR are final
 * except that a mistaken plan can still be marked ENTERED_IN_ERROR.
 */
export const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  DRAFT: ["ACTIVE", "CANCELLED", "ENTERED_IN_ERROR"],
  ACTIVE: ["ON_HOLD", "COMPLETED", "CANCELLED", "ENTERED_IN_ERROR"],
  ON_HOLD: ["ACTIVE", "COMPLETED", "CANCELLED", "ENTERED_IN_ERROR"],
  COMPLETED: ["ENTERED_IN_ERROR"],
  CANCELLED: ["ENTERED_IN_ERROR"],
  ENTERED_IN_ERROR: [],
};

/** Changes that stop or void care need a written reason; the others may carry one. */
export const REASON_REQUIRED: ReadonlySet<PlanStatus> = new Set(["ON_HOLD", "CANCELLED", "ENTERED_IN_ERROR"]);
export const MIN_REASON_LENGTH = 5;

export type TransitionCheck = { ok: true } | { ok: false; field: "status" | "reason"; message: string };

export function checkPlanTransition(from: PlanStatus, to: PlanStatus, reason: string | null | undefined): TransitionCheck {
  if (from === to) return { ok: false, field: "status", message: `The plan is already ${describeStatus(to)}.` };
  if (!PLAN_TRANSITIONS[from].includes(to)) {
    return { ok: false, field: "status", message: `A plan that is ${describeStatus(from)} cannot become ${describeStatus(to)}.` };
  }
  if (REASON_REQUIRED.has(to) && (reason?.trim().length ?? 0) < MIN_REASON_LENGTH) {
    return { ok: false, field: "reason", message: `Say why the plan is ${describeStatus(to)} (at least ${MIN_REASON_LENGTH} characters).` };
  }
  return { ok: true };
}

export function describeStatus(status: PlanStatus): string {
  return status === "ENTERED_IN_ERROR" ? "entered in error" : status.toLowerCase().replace("_", " ");
}

/** Plans whose activities can still be changed. */
export function isEditable(status: PlanStatus): boolean {
  return status === "DRAFT" || status === "ACTIVE" || status === "ON_HOLD";
}

/** The patient's flags that contraindicate a treatment. */
export function contraindicationConflicts(
  patientFlags: readonly Contraindication[],
  treatmentFlags: readonly Contraindication[],
): Contraindication[] {
  const patient = new Set(patientFlags);
  return [...new Set(treatmentFlags)].filter((flag) => patient.has(flag)).sort();
}

export const MIN_OVERRIDE_REASON_LENGTH = 10;

export type AssignmentCheck =
  | { ok: true; overriddenFlags: Contraindication[]; overrideReason: string | null }
  | { ok: false; conflicts: Contraindication[]; message: string };

/**
 * Assigning a contraindicated treatment is refused unless the clinician overrides it with a
 * written reason; the override then records exactly which flags it covers.
 */
export function checkAssignment(input: {
  treatmentName: string;
  patientFlags: readonly Contraindication[];
  treatmentFlags: readonly Contraindication[];
  overrideReason?: string | null;
}): AssignmentCheck {
  const conflicts = contraindicationConflicts(input.patientFlags, input.treatmentFlags);
  if (conflicts.length === 0) return { ok: true, overriddenFlags: [], overrideReason: null };
  const reason = input.overrideReason?.trim() ?? "";
  if (reason.length >= MIN_OVERRIDE_REASON_LENGTH) return { ok: true, overriddenFlags: conflicts, overrideReason: reason };
  const flags = conflicts.map((f) => f.toLowerCase().replaceAll("_", " ")).join(", ");
  return {
    ok: false,
    conflicts,
    message: `${input.treatmentName} is contraindicated for this patient (${flags}). Choose another treatment, or override with a written reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters.`,
  };
}

export type DoseInput = {
  durationMin: number | null;
  sets: number | null;
  reps: number | null;
  holdSec: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
};

/**
 * A dose a patient or clinician can act on: something to do (duration, sets, reps or hold) for
 * everything but education, and for anything done at home a number of days per week.
 * Sets without reps or hold make no sense. Returns field errors keyed by dose field.
 */
export function checkDose(setting: Setting, kind: CatalogKind, dose: DoseInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const hasMeasure = [dose.durationMin, dose.sets, dose.reps, dose.holdSec].some((v) => v !== null);
  if (kind !== "EDUCATION" && !hasMeasure) errors.durationMin = "Give a duration, sets, reps or a hold time.";
  if (dose.sets !== null && dose.reps === null && dose.holdSec === null) errors.reps = "Sets need reps or a hold time.";
  if (setting !== "IN_CLINIC" && kind !== "EDUCATION" && dose.daysPerWeek === null) {
    errors.daysPerWeek = "Say on how many days a week the patient does this at home.";
  }
  if (setting === "IN_CLINIC" && dose.timesPerDay !== null && dose.timesPerDay > 1) {
    errors.timesPerDay = "In-clinic treatments happen once per session.";
  }
  return errors;
}
