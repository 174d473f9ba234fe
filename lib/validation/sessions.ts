import { z } from "@/lib/validation/zod";
import { Instrument, OutcomeContext } from "@/lib/enums";
import { ZId, ZVersion } from "./common";
import { calendarDay, optionalText, isStorableText } from "./fields";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import { ZPsfsActivities, ZRmdqAnswers } from "./instruments";

/** The sections "copy forward" takes from the last signed note (decision 037). */
export const COPYABLE_SECTIONS = ["subjective", "objective"] as const;
export type CopyableSection = (typeof COPYABLE_SECTIONS)[number];

const ZLocalDate = calendarDay();
const ZLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM");
const ZDuration = z.coerce.number({ error: "Duration must be a number" }).int().min(5, "At least 5 minutes").max(240, "At most 240 minutes");
const ZPain = z.preprocess(
  (v) => (v === "" || v === undefined ? null : typeof v === "string" ? Number(v) : v),
  z.number({ error: "Pain is a number from 0 to 10" }).int("Pain is a whole number").min(0, "Pain is 0 to 10").max(10, "Pain is 0 to 10").nullable(),
);

/** The week view's `week` from the URL: any day of the week to show; anything else shows this week. */
export const ZWeekQuery = z.object({ week: ZLocalDate.optional().catch(undefined) });

/** The first day of a week to list (the domain checks it again: pages are not the boundary). */
export const ZWeekStart = ZLocalDate;

export const ZScheduleSession = z.object({ planId: ZId, date: ZLocalDate, time: ZLocalTime, durationMin: ZDuration });
export const ZRescheduleSession = z.object({ sessionId: ZId, version: ZVersion, date: ZLocalDate, time: ZLocalTime, durationMin: ZDuration });
export const ZSessionStatusChange = z.object({
  sessionId: ZId,
  version: ZVersion,
  status: z.enum(["CANCELLED", "NO_SHOW"]),
  reason: optionalText("Reason", 500),
});

export const ZPerformedInput = z.discriminatedUnion("status", [
  z.object({ planActivityId: ZId, status: z.literal("COMPLETED"), durationMin: z.number().int().min(1).max(240).nullable().default(null), parameters: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ planActivityId: ZId, status: z.literal("NOT_DONE"), notDoneReason: z.string().trim().min(3, "Say why it was not done").max(500).refine(isStorableText, "The reason contains an invalid character") }),
]);
export type TPerformedInput = z.input<typeof ZPerformedInput>;

export const ZSessionNote = z.object({
  sessionId: ZId,
  version: ZVersion,
  painBefore: ZPain,
  painAfter: ZPain,
  subjective: optionalText("Subjective", 4000),
  objective: optionalText("Objective", 4000),
  assessment: optionalText("Assessment", 4000),
  planNote: optionalText("Plan", 4000),
  adverseEvent: optionalText("Adverse event", 2000),
  patientSummary: optionalText("Summary for the patient", 2000),
  performed: z.array(ZPerformedInput).max(60).default([]),
  // Set when the draft took sections from the last signed note ("copy forward", decision 037).
  copiedFrom: z.object({ sessionId: ZId, sections: z.array(z.enum(COPYABLE_SECTIONS)).min(1).max(2) }).nullable().optional(),
});
export type TSessionNote = z.input<typeof ZSessionNote>;

export const ZCopyForward = z.object({ sessionId: ZId });
export type TCopyForward = z.input<typeof ZCopyForward>;

export const ZSignSession = z.object({ sessionId: ZId, version: ZVersion });
export const ZAddendum = z.object({ sessionId: ZId, text: z.string().trim().min(3, "Write the correction").max(4000).refine(isStorableText, "The correction contains an invalid character") });

const ZSection = z.preprocess((v) => (v === "" || v === undefined ? null : typeof v === "string" ? Number(v) : v), z.number().int().min(0).max(5).nullable());
/** The ten ODI section scores (0–5, null when not answered), as clinic and portal forms send them. */
export const ZOdiSections = z.object(Object.fromEntries(ODI_SECTIONS.map((s) => [s, ZSection])) as Record<(typeof ODI_SECTIONS)[number], typeof ZSection>);

export const ZRecordOutcome = z.discriminatedUnion("instrument", [
  z.object({ instrument: z.literal(Instrument.NPRS), patientId: ZId, planId: ZId.nullable().default(null), sessionId: ZId.nullable().default(null), context: z.enum(OutcomeContext), pain: z.coerce.number().int().min(0).max(10) }),
  z.object({
    instrument: z.literal(Instrument.ODI),
    patientId: ZId,
    planId: ZId.nullable().default(null),
    sessionId: ZId.nullable().default(null),
    context: z.enum(OutcomeContext),
    sections: ZOdiSections,
  }),
  z.object({
    instrument: z.literal(Instrument.RMDQ),
    patientId: ZId,
    planId: ZId.nullable().default(null),
    sessionId: ZId.nullable().default(null),
    context: z.enum(OutcomeContext),
    answers: ZRmdqAnswers,
  }),
  // Patient-Specific Functional Scale (issue 16): up to five named activities, each rated 0–10.
  z.object({
    instrument: z.literal(Instrument.PSFS),
    patientId: ZId,
    planId: ZId.nullable().default(null),
    sessionId: ZId.nullable().default(null),
    context: z.enum(OutcomeContext),
    activities: ZPsfsActivities,
  }),
]);
export type TRecordOutcome = z.input<typeof ZRecordOutcome>;

// ---- A series of sessions (issue 15, decision 038): weekly or twice weekly, 2 to 26 in all.

export const SERIES_MIN = 2;
export const SERIES_MAX = 26;
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * The first session's date, time and length, how often, and how many sessions in all. Twice
 * weekly names a second weekday (1 Monday … 7 Sunday) other than the first date's. `skip` lists
 * dates of the series to leave out (the clashes the preview showed).
 */
export const ZSessionSeries = z
  .object({
    planId: ZId,
    date: ZLocalDate,
    time: ZLocalTime,
    durationMin: ZDuration,
    frequency: z.enum(["WEEKLY", "TWICE_WEEKLY"], { error: "Choose weekly or twice weekly" }),
    secondDay: z.preprocess(emptyToUndefined, z.coerce.number({ error: "Choose the second day" }).int().min(1, "Choose a day of the week").max(7, "Choose a day of the week").optional()),
    count: z.coerce
      .number({ error: "Number of sessions must be a number" })
      .int("Number of sessions is a whole number")
      .min(SERIES_MIN, `At least ${SERIES_MIN} sessions`)
      .max(SERIES_MAX, `At most ${SERIES_MAX} sessions`),
    skip: z.array(ZLocalDate).max(SERIES_MAX).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.frequency !== "TWICE_WEEKLY") return;
    if (v.secondDay === undefined) ctx.addIssue({ code: "custom", path: ["secondDay"], message: "Choose the second day of the week" });
    else if (/^\d{4}-\d{2}-\d{2}$/.test(v.date) && isoWeekdayOf(v.date) === v.secondDay)
      ctx.addIssue({ code: "custom", path: ["secondDay"], message: "The second day must differ from the first session's day" });
  });
export type TSessionSeries = z.input<typeof ZSessionSeries>;

/** ISO weekday of a YYYY-MM-DD date: 1 Monday … 7 Sunday (UTC arithmetic, no time zone involved). */
export function isoWeekdayOf(iso: string): number {
  const day = new Date(`${iso}T00:00:00.000Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

// ---- The clinic calendar (decision 038)

/** The calendar's view and day from the URL: anything malformed shows today's day view. */
export const ZCalendarQuery = z.object({
  view: z.enum(["day", "week"]).catch("day"),
  date: ZLocalDate.optional().catch(undefined),
});
/** What the domain takes (checked again there: pages are not the boundary). */
export const ZCalendarRange = z.object({ view: z.enum(["day", "week"]), date: ZLocalDate });
