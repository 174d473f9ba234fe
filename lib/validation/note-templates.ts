import { z } from "@/lib/validation/zod";
import { ZId, ZVersion } from "./common";
import { optionalText, requiredText } from "./fields";

/** The four SOAP sections a template (and "copy forward") fills, in the note's order. */
export const SOAP_SECTIONS = ["subjective", "objective", "assessment", "planNote"] as const;
export type SoapSection = (typeof SOAP_SECTIONS)[number];

const ZNoteTemplateFields = z.object({
  name: requiredText("Name", 80, 2),
  subjective: optionalText("Subjective", 4000),
  objective: optionalText("Objective", 4000),
  assessment: optionalText("Assessment", 4000),
  planNote: optionalText("Plan", 4000),
});

const someText = (t: { subjective: string | null; objective: string | null; assessment: string | null; planNote: string | null }) =>
  SOAP_SECTIONS.some((s) => t[s] !== null);
const EMPTY = { message: "Write the starter text of at least one section.", path: ["subjective"] };

export const ZCreateNoteTemplate = ZNoteTemplateFields.refine(someText, EMPTY);
export type TCreateNoteTemplate = z.input<typeof ZCreateNoteTemplate>;

export const ZUpdateNoteTemplate = ZNoteTemplateFields.extend({ id: ZId, version: ZVersion }).refine(someText, EMPTY);
export type TUpdateNoteTemplate = z.input<typeof ZUpdateNoteTemplate>;

export const ZArchiveNoteTemplate = z.object({ id: ZId, version: ZVersion, archived: z.boolean() });
export type TArchiveNoteTemplate = z.input<typeof ZArchiveNoteTemplate>;
