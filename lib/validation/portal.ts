import { z } from "@/lib/validation/zod";
import { ZId } from "./common";
import { calendarDay, optionalText } from "./fields";
import { ZOdiSections } from "./sessions";

const ZDay = calendarDay({ required: "Choose a day", format: "Choose a day", real: "Choose a real day" });

/** A whole number from a form control that may be left empty ("" → null). */
function optionalScale(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: `${label}: choose ${min} to ${max}` }).int(`${label}: choose ${min} to ${max}`).min(min, `${label}: choose ${min} to ${max}`).max(max, `${label}: choose ${min} to ${max}`).nullable(),
  );
}

/** The patient checks off a home activity for a day (today or up to 7 days back). */
export const ZLogHomeActivity = z.strictObject({
  planActivityId: ZId,
  date: ZDay,
  done: z.boolean().default(true),
  painDuring: optionalScale("Pain during", 0, 10),
  difficulty: optionalScale("Difficulty", 1, 5),
  note: optionalText("Note", 500),
});
export type TLogHomeActivity = z.input<typeof ZLogHomeActivity>;

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
