import { z } from "@/lib/validation/zod";

/** A protocol Bundle of 40 treatments is ~100 kB; a megabyte is far beyond any real one (ADR 051). */
export const MAX_FHIR_IMPORT_CHARS = 1024 * 1024;

/** The admin import page's form: the FHIR JSON as text (pasted, or read from the chosen file). */
export const ZFhirImportForm = z.object({
  text: z
    .string({ error: "Paste the FHIR JSON or choose a file" })
    .trim()
    .min(1, "Paste the FHIR JSON or choose a file")
    .max(MAX_FHIR_IMPORT_CHARS, "The file is too large (at most 1 MB)"),
});
export type TFhirImportForm = z.infer<typeof ZFhirImportForm>;
