// The kick-off parameters of a FHIR Bulk Data export (issue 17, decision 050), as the FHIR Bulk
// Data Access IG v2 names them (https://hl7.org/fhir/uv/bulkdata/export.html#query-parameters).
import { z } from "./zod";

/** The resource types a clinic's export can hold, in the order the files are written. */
export const BULK_EXPORT_TYPES = [
  // The clinic's own: written once, first.
  "Organization",
  "Practitioner",
  "PractitionerRole",
  "ActivityDefinition",
  "PlanDefinition",
  "Questionnaire",
  // The patients' records.
  "Patient",
  "Flag",
  "Condition",
  "Goal",
  "CarePlan",
  "Encounter",
  "Procedure",
  "Observation",
  "QuestionnaireResponse",
  "DocumentReference",
  "Provenance",
] as const;
export type TBulkExportType = (typeof BULK_EXPORT_TYPES)[number];

/** The IG's output formats; every one of them means FHIR NDJSON (the IG lists the short forms as abbreviations). */
export const BULK_OUTPUT_FORMATS = ["application/fhir+ndjson", "application/ndjson", "ndjson"] as const;

/** Parameters of the IG this server does not support: refused, not silently ignored (the client would get more than it asked for). */
export const UNSUPPORTED_BULK_PARAMS = ["_elements", "_typeFilter", "patient", "includeAssociatedData", "_until", "organizeOutputBy", "allowPartialManifests"] as const;

const isType = (value: string): value is TBulkExportType => (BULK_EXPORT_TYPES as readonly string[]).includes(value);

// A FHIR `instant`: date, time to the second and a zone (Z or an offset) are all required.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const ZBulkExportParams = z
  .object({
    _type: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return [...BULK_EXPORT_TYPES];
        const asked = value.split(",").map((t) => t.trim());
        const unknown = asked.filter((t) => !isType(t));
        if (unknown.length > 0) {
          ctx.addIssue({ code: "custom", message: `Unsupported resource type(s): ${unknown.slice(0, 5).map((t) => t.slice(0, 40) || "(empty)").join(", ")}. Supported: ${BULK_EXPORT_TYPES.join(", ")}.` });
          return z.NEVER;
        }
        // Written in the server's order, each once, whatever order the client listed them in.
        return BULK_EXPORT_TYPES.filter((t) => asked.includes(t));
      }),
    _since: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const date = INSTANT.test(value) ? new Date(value) : null;
        if (!date || Number.isNaN(date.getTime())) {
          ctx.addIssue({ code: "custom", message: "_since must be a FHIR instant, e.g. 2026-01-31T00:00:00Z." });
          return z.NEVER;
        }
        return date;
      }),
    _outputFormat: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return "application/fhir+ndjson";
        if (!(BULK_OUTPUT_FORMATS as readonly string[]).includes(value)) {
          ctx.addIssue({ code: "custom", message: `Unsupported _outputFormat; use ${BULK_OUTPUT_FORMATS.join(", ")}.` });
          return z.NEVER;
        }
        return "application/fhir+ndjson";
      }),
  })
  .passthrough()
  .superRefine((params, ctx) => {
    for (const name of UNSUPPORTED_BULK_PARAMS) {
      if (name in params) ctx.addIssue({ code: "custom", path: [name], message: `The ${name} parameter is not supported by this server.` });
    }
  });

export type TBulkExportParams = { types: TBulkExportType[]; since: Date | null; outputFormat: string };

/** An export id (a cuid) as it appears in a status or file URL. */
export const ZBulkExportId = z.string().regex(/^[a-z0-9]{20,40}$/);

/** A file's name in a manifest: `<Type>.<part>.ndjson`. */
export const ZBulkExportFileName = z.string().regex(/^[A-Za-z]{3,40}\.\d{1,5}\.ndjson$/);
