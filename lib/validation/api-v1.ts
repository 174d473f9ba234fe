// The /api/v1 JSON API's query parameters and response bodies (decision 048). The list routes
// parse their query with these schemas; the domain's results are typed from the response schemas;
// lib/api/openapi.ts turns both into the OpenAPI 3.1 document, so the document and the code cannot
// drift apart without the openapi tests failing.
import { ActivityStatus, CatalogKind, Contraindication, Instrument, NoteStatus, OutcomeContext, PlanStatus, SessionStatus, Setting, TreatmentPhase } from "@/lib/enums";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/validation/zod";
import { ZId } from "./common";
import { decodeCursor, type CursorList } from "./cursor";
import { calendarDay, fieldErrorsOf } from "./fields";

/**
 * The response bodies the OpenAPI document names as components (its own registry: ids of other
 * schemas in the app can neither collide with these nor slip into the document).
 */
export const apiSchemas = z.registry<{ id: string }>();

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 100;

const ZDay = calendarDay().meta({ format: "date", description: "A calendar day, YYYY-MM-DD, in the clinic's time zone" });

function ZCursorParam(list: CursorList) {
  return z
    .string()
    .max(200)
    .refine((text) => decodeCursor(list, text) !== null, "Not a cursor of this list: pass the nextCursor of a previous page unchanged")
    .meta({ description: "The nextCursor of the previous page (opaque)" });
}

const ZLimit = z.coerce
  .number({ error: "limit must be a whole number" })
  .int("limit must be a whole number")
  .min(1, "limit must be between 1 and 100")
  .max(LIST_LIMIT_MAX, "limit must be between 1 and 100")
  .default(LIST_LIMIT_DEFAULT)
  .meta({ description: `Rows per page, 1–${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})` });

const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_TO = { message: "from must be on or before to", path: ["to"] };

// Unknown parameters are refused (a misspelt filter would otherwise widen the list silently).
export const ZPatientListQuery = z.strictObject({ cursor: ZCursorParam("patients").optional(), limit: ZLimit });
export const ZPlanListQuery = z.strictObject({
  cursor: ZCursorParam("plans").optional(),
  limit: ZLimit,
  status: z.enum(PlanStatus).optional(),
  patientId: ZId.optional(),
});
export const ZSessionListQuery = z
  .strictObject({
    cursor: ZCursorParam("sessions").optional(),
    limit: ZLimit,
    patientId: ZId.optional(),
    status: z.enum(SessionStatus).optional(),
    from: ZDay.optional().meta({ description: "Sessions starting on or after this day (clinic time zone)" }),
    to: ZDay.optional().meta({ description: "Sessions starting on or before this day (clinic time zone)" }),
  })
  .refine(fromBeforeTo, FROM_TO);
export const ZOutcomeListQuery = z
  .strictObject({
    cursor: ZCursorParam("outcomes").optional(),
    limit: ZLimit,
    patientId: ZId.optional(),
    instrument: z.enum(Instrument).optional(),
    from: ZDay.optional().meta({ description: "Recorded on or after this day (clinic time zone)" }),
    to: ZDay.optional().meta({ description: "Recorded on or before this day (clinic time zone)" }),
  })
  .refine(fromBeforeTo, FROM_TO);
export type TPatientListQuery = z.infer<typeof ZPatientListQuery>;
export type TPlanListQuery = z.infer<typeof ZPlanListQuery>;
export type TSessionListQuery = z.infer<typeof ZSessionListQuery>;
export type TOutcomeListQuery = z.infer<typeof ZOutcomeListQuery>;

/** The outcome scores' CSV export (GET /api/v1/outcomes/export). */
export const ZOutcomeExportQuery = z
  .strictObject({
    deidentified: z.enum(["0", "1"]).optional().meta({ description: "1: pseudonyms instead of names and ids, dates shifted per patient" }),
    instrument: z.enum(Instrument).optional(),
    from: ZDay.optional().meta({ description: "Recorded on or after this day (clinic time zone)" }),
    to: ZDay.optional().meta({ description: "Recorded on or before this day (clinic time zone)" }),
  })
  .refine(fromBeforeTo, FROM_TO);
export type TOutcomeExportQuery = z.infer<typeof ZOutcomeExportQuery>;

/**
 * A query string's parameters as a schema takes them: 400 BAD_REQUEST with field errors when they
 * do not fit (a URL is not a form: there is nothing to correct field by field, so not 422).
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string> | URLSearchParams): z.infer<S> {
  const input = query instanceof URLSearchParams ? Object.fromEntries(query) : query;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Invalid query parameters", fieldErrorsOf(parsed.error));
  return parsed.data;
}

// ---- Response bodies

const ZInstant = z.iso.datetime();
const ZDate = z.iso.date();

export const ZPatientItem = z
  .object({
    id: ZId,
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: ZDate,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    contraindications: z.array(z.enum(Contraindication)),
    createdAt: ZInstant,
    updatedAt: ZInstant,
  })
  .register(apiSchemas, { id: "Patient" });

export const ZPlanItem = z
  .object({
    id: ZId,
    patientId: ZId,
    clinicianId: ZId,
    title: z.string(),
    condition: z.string(),
    icd10Code: z.string().nullable(),
    goals: z.string(),
    status: z.enum(PlanStatus),
    startDate: ZDate,
    reviewDate: ZDate.nullable(),
    endDate: ZDate.nullable(),
    plannedSessions: z.number().int(),
    version: z.number().int(),
    createdAt: ZInstant,
    updatedAt: ZInstant,
  })
  .register(apiSchemas, { id: "PlanSummary" });

export const ZSessionItem = z
  .object({
    id: ZId,
    patientId: ZId,
    /** Null for a patient when the session's plan is one they may not see (a draft). */
    planId: ZId.nullable(),
    clinicianId: ZId,
    startsAt: ZInstant,
    durationMin: z.number().int(),
    status: z.enum(SessionStatus),
    noteStatus: z.enum(NoteStatus),
  })
  .register(apiSchemas, { id: "Session" });

export const ZOutcomeItem = z
  .object({
    id: ZId,
    patientId: ZId,
    planId: ZId.nullable(),
    sessionId: ZId.nullable(),
    instrument: z.enum(Instrument),
    context: z.enum(OutcomeContext),
    score: z.number(),
    band: z.string().nullable(),
    recordedAt: ZInstant,
  })
  .register(apiSchemas, { id: "Outcome" });

function ZListPage<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last page" }),
      links: z.object({ next: z.string().nullable().meta({ description: "The next page's path and query; null on the last page" }) }),
    })
    .register(apiSchemas, { id });
}

export const ZPatientPage = ZListPage(ZPatientItem, "PatientPage");
export const ZPlanPage = ZListPage(ZPlanItem, "PlanPage");
export const ZSessionPage = ZListPage(ZSessionItem, "SessionPage");
export const ZOutcomePage = ZListPage(ZOutcomeItem, "OutcomePage");
export type TPatientItem = z.infer<typeof ZPatientItem>;
export type TPlanItem = z.infer<typeof ZPlanItem>;
export type TSessionItem = z.infer<typeof ZSessionItem>;
export type TOutcomeItem = z.infer<typeof ZOutcomeItem>;
export type TListPage<T> = { data: T[]; nextCursor: string | null; links: { next: string | null } };

const ZDose = z.object({
  durationMin: z.number().int().nullable(),
  sets: z.number().int().nullable(),
  reps: z.number().int().nullable(),
  holdSec: z.number().int().nullable(),
  timesPerDay: z.number().int().nullable(),
  daysPerWeek: z.number().int().nullable(),
});

/** GET /api/v1/plans/{planId}: lib/domain/plans/get-plan.ts's PlanDto (a type test keeps them equal). */
export const ZPlanDetail = z
  .object({
    id: ZId,
    patientId: ZId,
    patientName: z.string(),
    clinicianName: z.string(),
    title: z.string(),
    condition: z.string(),
    icd10Code: z.string().nullable(),
    goals: z.string(),
    status: z.enum(PlanStatus),
    startDate: ZDate,
    reviewDate: ZDate.nullable(),
    plannedSessions: z.number().int(),
    odiRequestedAt: ZInstant.nullable(),
    version: z.number().int(),
    activities: z.array(
      z.object({
        id: ZId,
        name: z.string(),
        instructions: z.string(),
        kind: z.enum(CatalogKind),
        setting: z.enum(Setting),
        phase: z.enum(TreatmentPhase),
        status: z.enum(ActivityStatus),
        dose: ZDose,
        override: z.object({ flags: z.array(z.enum(Contraindication)), reason: z.string() }).nullable(),
        catalogItemId: ZId,
        // Chosen against "do not offer" guideline statements (decision 044), with the reason given.
        guidelineOverride: z
          .object({ reason: z.string(), statementIds: z.array(ZId), at: ZInstant.nullable(), byName: z.string().nullable() })
          .nullable(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Plan" });

/** Every error the API answers (lib/server/map-error.ts). */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(["BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "RATE_LIMITED", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "UNAVAILABLE", "INTERNAL"]),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .register(apiSchemas, { id: "Error" });
