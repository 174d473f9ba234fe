import { z } from "@/lib/validation/zod";
import { ZId } from "./common";
import { calendarDay, optionalText } from "./fields";
import { ZPsfsActivities, ZRmdqAnswers } from "./instruments";
import { ZOdiSections } from "./sessions";

const ZDay = calendarDay({ required: "Choose a day", format: "Choose a day", real: "Choose a real day" });

/** A whole number from a form control that may be left empty ("" → null). */
function optionalScale(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: `${label}: choose ${min} to ${max}` }).int(`${label}: choose ${min} to ${max}`).min(min, `${label}: choose ${min} to ${max}`).max(max, `${label}: choose ${min} to ${max}`).nullable(),
  );
}

/**
 * Which of the day's doses: 1 for a once-a-day activity, 1 … timesPerDay otherwise (ADR 025).
 * The upper bound here only keeps numbers sane; the activity's own timesPerDay is checked in the domain.
 */
const ZSlot = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
  z.number({ error: "Choose which time of the day this is" }).int("Choose which time of the day this is").min(1, "Choose which time of the day this is").max(24, "An activity is done at most 24 times a day"),
);

/** The patient checks off a home activity for a day (today or up to 7 days back). */
export const ZLogHomeActivity = z.strictObject({
  planActivityId: ZId,
  date: ZDay,
  slot: ZSlot.default(1),
  done: z.boolean().default(true),
  painDuring: optionalScale("Pain during", 0, 10),
  difficulty: optionalScale("Difficulty", 1, 5),
  note: optionalText("Note", 500),
});
export type TLogHomeActivity = z.input<typeof ZLogHomeActivity>;

/** The patient takes back the last dose they logged of an activity on a day: the slot they saw as the last one. */
export const ZUndoHomeLog = z.strictObject({ planActivityId: ZId, date: ZDay, slot: ZSlot });
export type TUndoHomeLog = z.input<typeof ZUndoHomeLog>;

/** Which day the Today page shows: omitted means today. */
export const ZPortalDay = z.object({ day: ZDay.optional().catch(undefined) });

/** Today's pain, reported by the patient (NPRS 0–10). */
export const ZSelfReportPain = z.strictObject({
  pain: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
    z.number({ error: "Choose a number from 0 to 10" }).int("Choose a number from 0 to 10").min(0, "Choose a number from 0 to 10").max(10, "Choose a number from 0 to 10"),
  ),
});
export type TSelfReportPain = z.input<typeof ZSelfReportPain>;

/** The ODI the plan asked for, answered by the patient: the ten section scores. */
export const ZSelfReportOdi = z.strictObject({ planId: ZId, sections: ZOdiSections });
export type TSelfReportOdi = z.input<typeof ZSelfReportOdi>;

/** A clinician asks for (or withdraws the request for) an ODI from home. */
export const ZRequestOdi = z.strictObject({ planId: ZId, requested: z.boolean() });

export const ZSessionId = z.object({ sessionId: ZId });

/** A questionnaire the plan asked for, answered by the patient (issue 16): ODI sections, the 24 RMDQ answers, or up to five PSFS activities. */
export const ZSelfReportQuestionnaire = z.discriminatedUnion("instrument", [
  z.strictObject({ instrument: z.literal("ODI"), planId: ZId, sections: ZOdiSections }),
  z.strictObject({ instrument: z.literal("RMDQ"), planId: ZId, answers: ZRmdqAnswers }),
  z.strictObject({ instrument: z.literal("PSFS"), planId: ZId, activities: ZPsfsActivities }),
]);
export type TSelfReportQuestionnaire = z.input<typeof ZSelfReportQuestionnaire>;
