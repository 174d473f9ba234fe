import { z } from "@/lib/validation/zod";
import { ActivityStatus, PlanStatus, Setting, TreatmentPhase } from "@/lib/enums";
import { ZDose } from "./catalog";
import { ZId, ZVersion } from "./common";
import { calendarDay, optionalText, requiredText, isStorableText } from "./fields";
import { ZIcd10Code } from "./templates";

const ZDate = calendarDay();

const planDetails = {
  title: requiredText("Title", 160, 3),
  condition: requiredText("Condition", 200),
  icd10Code: ZIcd10Code,
  goals: requiredText("Goals", 2000),
  startDate: ZDate,
  reviewDate: z.preprocess((v) => (v === "" || v === undefined ? null : v), ZDate.nullable()),
  plannedSessions: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? 0 : typeof v === "string" ? Number(v) : v),
    z.number({ error: "Planned sessions must be a number" }).int("Planned sessions must be a whole number").min(0).max(100, "At most 100 sessions"),
  ),
};

const reviewAfterStart = (v: { startDate: string; reviewDate: string | null }) => !v.reviewDate || v.reviewDate >= v.startDate;
const reviewIssue = { message: "The review date cannot be before the start date", path: ["reviewDate"] };

/** What the clinician decides for a template item that is contraindicated for this patient. */
export const ZTemplateDecision = z.discriminatedUnion("action", [
  z.object({ templateItemId: ZId, action: z.literal("skip") }),
  z.object({ templateItemId: ZId, action: z.literal("override"), reason: z.string().trim().max(1000).refine(isStorableText, "The reason contains an invalid character") }),
]);

export const ZCreatePlan = z
  .object({
    patientId: ZId,
    templateId: ZId.nullable().default(null),
    decisions: z.array(ZTemplateDecision).max(60).default([]),
    // Protocol items kept against a "do not offer" guideline statement, each with its reason (decision 044).
    guidelineReasons: z.array(z.object({ templateItemId: ZId, reason: requiredText("Reason", 1000) })).max(60).default([]),
    ...planDetails,
  })
  .refine(reviewAfterStart, reviewIssue);
export type TCreatePlan = z.input<typeof ZCreatePlan>;

export const ZUpdatePlanDetails = z.object({ planId: ZId, version: ZVersion, ...planDetails }).refine(reviewAfterStart, reviewIssue);
export type TUpdatePlanDetails = z.input<typeof ZUpdatePlanDetails>;

const activityFields = {
  setting: z.enum(Setting, { error: "Choose where it happens" }),
  phase: z.enum(TreatmentPhase, { error: "Choose a phase" }),
  dose: ZDose,
};

export const ZAddActivity = z.object({
  planId: ZId,
  version: ZVersion,
  catalogItemId: ZId,
  overrideReason: optionalText("Override reason", 1000),
  // Chosen against a "do not offer" guideline statement (decision 044): the written reason.
  guidelineOverrideReason: optionalText("Reason", 1000),
  ...activityFields,
});
export type TAddActivity = z.input<typeof ZAddActivity>;

export const ZUpdateActivity = z.object({ planId: ZId, version: ZVersion, activityId: ZId, ...activityFields });
export type TUpdateActivity = z.input<typeof ZUpdateActivity>;

export const ZActivityStatusChange = z.object({
  planId: ZId,
  version: ZVersion,
  activityId: ZId,
  status: z.enum([ActivityStatus.ACTIVE, ActivityStatus.ON_HOLD, ActivityStatus.STOPPED]),
});

export const ZMoveActivity = z.object({ planId: ZId, version: ZVersion, activityId: ZId, direction: z.enum(["up", "down"]) });
/** A drag and drop (or its keyboard equivalent): the activity's new place in the plan's order, from 0. */
export const ZMoveActivityTo = z.object({ planId: ZId, version: ZVersion, activityId: ZId, toIndex: z.number({ error: "Choose a place in the list" }).int().min(0).max(999) });

export const ZChangePlanStatus = z.object({
  planId: ZId,
  version: ZVersion,
  status: z.enum(PlanStatus),
  reason: optionalText("Reason", 1000),
});
export type TChangePlanStatus = z.input<typeof ZChangePlanStatus>;

/** What the clinician decides for a copied activity that is contraindicated for the target patient (ADR 039). */
export const ZCopyDecision = z.discriminatedUnion("action", [
  z.object({ activityId: ZId, action: z.literal("skip") }),
  z.object({ activityId: ZId, action: z.literal("override"), reason: z.string().trim().max(1000).refine(isStorableText, "The reason contains an invalid character") }),
]);

/** Copies a plan's activities and doses into a new DRAFT plan for the same or another care-team patient. */
export const ZCopyPlan = z.object({
  planId: ZId,
  patientId: ZId,
  startDate: ZDate,
  decisions: z.array(ZCopyDecision).max(100).default([]),
  // A kept treatment a current guideline says not to offer for the plan's condition (decision 044).
  guidelineReasons: z.array(z.object({ activityId: ZId, reason: requiredText("Reason", 1000) })).max(100).default([]),
});
export type TCopyPlan = z.input<typeof ZCopyPlan>;
