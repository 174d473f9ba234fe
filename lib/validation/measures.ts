// Measure schedules on a plan (issue 16, decision 046).
import { Instrument, MeasureRespondent } from "@/lib/enums";
import { z } from "@/lib/validation/zod";
import { ZId, ZVersion } from "./common";

/** Rules a clinician schedules; ONCE entries come from "Ask now" only. */
export const SCHEDULED_RULES = ["AT_START", "EVERY_N_WEEKS", "AT_DISCHARGE", "EACH_SESSION"] as const;

/** What the patient may be asked from home by a one-off ask: NPRS is already their daily pain report. */
export const ASKABLE_INSTRUMENTS = ["ODI", "RMDQ", "PSFS"] as const;

export const ZMeasureEntry = z
  .strictObject({
    instrument: z.enum(Instrument, { error: "Choose a measure" }),
    rule: z.enum(SCHEDULED_RULES, { error: "Choose when it is due" }),
    everyWeeks: z.number().int().min(1, "Every 1 to 12 weeks").max(12, "Every 1 to 12 weeks").nullable().default(null),
    answeredBy: z.enum(MeasureRespondent, { error: "Choose who answers it" }),
  })
  .superRefine((e, ctx) => {
    if (e.rule === "EVERY_N_WEEKS" && e.everyWeeks === null) ctx.addIssue({ code: "custom", path: ["everyWeeks"], message: "Say every how many weeks (1 to 12)" });
    if (e.rule !== "EVERY_N_WEEKS" && e.everyWeeks !== null) ctx.addIssue({ code: "custom", path: ["everyWeeks"], message: "Only a repeating measure has a number of weeks" });
    if (e.rule === "EACH_SESSION" && e.answeredBy !== "CLINICIAN") ctx.addIssue({ code: "custom", path: ["answeredBy"], message: "A measure taken at each session is recorded by the clinician" });
    if (e.instrument === "NPRS" && e.answeredBy === "PATIENT") ctx.addIssue({ code: "custom", path: ["answeredBy"], message: "The patient already reports pain daily on their Today page; schedule NPRS in the clinic" });
  });
export type TMeasureEntry = z.infer<typeof ZMeasureEntry>;

export const ZAddMeasureSchedules = z.strictObject({ planId: ZId, entries: z.array(ZMeasureEntry).min(1, "Choose a measure").max(4, "At most four entries at once") });
export type TAddMeasureSchedules = z.input<typeof ZAddMeasureSchedules>;

/** The client sends `confirm: true` only after the confirmation dialog. */
export const ZRemoveMeasureSchedule = z.strictObject({ planId: ZId, scheduleId: ZId, version: ZVersion, confirm: z.literal(true, { error: "Confirm the removal" }) });
export type TRemoveMeasureSchedule = z.infer<typeof ZRemoveMeasureSchedule>;

export const ZAskMeasureNow = z.strictObject({ planId: ZId, instrument: z.enum(ASKABLE_INSTRUMENTS, { error: "Choose a questionnaire" }), requested: z.boolean() });
export type TAskMeasureNow = z.infer<typeof ZAskMeasureNow>;
