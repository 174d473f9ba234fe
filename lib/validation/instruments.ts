// Instruments as data (issue 16, docs/decisions/045): the licensed ODI wording an admin loads, and
// the patient's and clinic's questionnaire answers. The definition schema itself lives with the
// definitions (lib/clinical/instruments/definition.ts).
import { z } from "@/lib/validation/zod";
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import { ZVersion } from "./common";
import { psfsListProblem } from "./psfs-rules";

const ZStatement = z.string().trim().min(1, "A statement cannot be empty").max(300, "At most 300 characters");

const ZWordingSection = z.strictObject({
  prompt: z.string().trim().min(1, "The section's question cannot be empty").max(300, "At most 300 characters"),
  statements: z.array(ZStatement, { error: "A list of six statements" }).length(6, "Exactly six statements, least to most limited"),
});

/** Exactly the ten ODI sections, each its question and six statements (0 least … 5 most limited), and the licence reference. */
export const ZLicensedOdiWording = z.strictObject({
  licenceReference: z.string({ error: "Give the licence reference" }).trim().min(3, "Give the licence reference (e.g. the licence number or agreement)").max(300, "At most 300 characters"),
  sections: z.strictObject(Object.fromEntries(ODI_SECTIONS.map((s) => [s, ZWordingSection])) as Record<OdiSection, typeof ZWordingSection>, { error: "The ten ODI sections" }),
});
export type TLicensedOdiWording = z.infer<typeof ZLicensedOdiWording>;

/** JSON text (pasted or uploaded) or the parsed object. */
const INVALID_JSON = Symbol("invalid-json");
const fromJsonText = (v: unknown) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return INVALID_JSON;
  }
};

export const ZLoadLicensedOdiWording = z.strictObject({
  version: ZVersion,
  wording: z.preprocess(fromJsonText, z.custom<unknown>((v) => v !== INVALID_JSON, "Not valid JSON: paste or upload the wording file as JSON").pipe(ZLicensedOdiWording)),
});
export type TLoadLicensedOdiWording = z.input<typeof ZLoadLicensedOdiWording>;

/** An instrument code in a URL (lowercase). */
export const ZQuestionnaireCode = z.enum(["odi", "rmdq", "psfs"]);

/** One PSFS activity: its name and today's rating, 0 (unable) to 10 (as before). */
export const ZPsfsActivity = z.strictObject({
  activity: z.string({ error: "Name the activity" }).trim().min(1, "Name the activity").max(120, "At most 120 characters"),
  rating: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
    z.number({ error: "Rate it from 0 to 10" }).int("Rate it with a whole number from 0 to 10").min(0, "Rate it from 0 to 10").max(10, "Rate it from 0 to 10"),
  ),
});
export const ZPsfsActivities = z.array(ZPsfsActivity).superRefine((list, ctx) => {
  const problem = psfsListProblem(list);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
export const ZRmdqAnswers = z.array(z.boolean(), { error: "Answer all 24 items" }).length(24, "Answer all 24 items");
