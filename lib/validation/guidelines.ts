// Guideline statements on treatments (issue 16, decision 044): what an admin may save.
import { z } from "@/lib/validation/zod";
import { GuidelineStance } from "@/lib/enums";
import { ZId, ZVersion } from "./common";
import { calendarDay, optionalText, optionalWhole, requiredText } from "./fields";

const ZUrl = requiredText("Link", 500).refine((url) => /^https:\/\/[^\s/]+\.[^\s]+$/.test(url), "Give the guideline's https:// link");
const ZYear = (label: string) => optionalWhole(label, 1950, 2100);

const fields = z.object({
    catalogItemId: ZId,
    condition: requiredText("Condition", 80, 3).transform((c) => c.toLowerCase()),
    population: requiredText("Population", 300, 3),
    guideline: requiredText("Guideline", 300, 3),
    publisher: requiredText("Publisher", 80, 2),
    year: ZYear("Year").refine((y) => y !== null, "Year is required"),
    recommendation: optionalText("Recommendation number", 40),
    url: ZUrl,
    stance: z.enum(GuidelineStance, { error: "Choose a stance" }),
    stanceCondition: optionalText("Stated condition", 300),
    requiresExercise: z.boolean().default(false),
    quote: optionalText("Quote", 2000),
    supersededBy: optionalText("Superseded by", 300),
    supersededYear: ZYear("Superseded year"),
    lastCheckedOn: calendarDay({ required: "Enter the date it was last checked" }),
    note: optionalText("Note", 2000),
  });

function consistent(s: z.infer<typeof fields>, ctx: z.RefinementCtx) {
    if (s.stance === "CONSIDER_WITH_CONDITION" && !s.stanceCondition) ctx.addIssue({ code: "custom", path: ["stanceCondition"], message: "Say the condition the guideline states" });
    if (s.stance !== "CONSIDER_WITH_CONDITION" && s.requiresExercise) ctx.addIssue({ code: "custom", path: ["requiresExercise"], message: "Only a stance with a stated condition can require exercise" });
    if (s.stance !== "NOT_COVERED" && !s.quote) ctx.addIssue({ code: "custom", path: ["quote"], message: "Quote the recommendation's own words" });
    if (s.stance !== "NOT_COVERED" && !s.recommendation) ctx.addIssue({ code: "custom", path: ["recommendation"], message: "Give the recommendation's number" });
    if ((s.supersededBy === null) !== (s.supersededYear === null)) {
      ctx.addIssue({ code: "custom", path: [s.supersededBy === null ? "supersededBy" : "supersededYear"], message: "Give both what superseded it and the year, or neither" });
    }
    if (s.supersededYear !== null && s.year !== null && s.supersededYear < s.year) ctx.addIssue({ code: "custom", path: ["supersededYear"], message: "It cannot be superseded before it was published" });
}

export const ZGuidelineStatementCreate = fields.superRefine(consistent);
export type TGuidelineStatementCreate = z.input<typeof ZGuidelineStatementCreate>;

export const ZGuidelineStatementUpdate = fields.extend({ id: ZId, version: ZVersion }).superRefine(consistent);
export type TGuidelineStatementUpdate = z.input<typeof ZGuidelineStatementUpdate>;

export const ZGuidelineStatementRetire = z.object({ id: ZId, version: ZVersion, retired: z.boolean() });
export type TGuidelineStatementRetire = z.input<typeof ZGuidelineStatementRetire>;

export const ZGuidelineStances = z.object({ condition: requiredText("Condition", 200), icd10Code: optionalText("ICD-10 code", 10) });

export const ZGuidelineOverrideReport = z
  .object({ from: calendarDay().optional(), to: calendarDay().optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ["to"], message: "The end date must be on or after the start date" });
export type TGuidelineOverrideReport = z.input<typeof ZGuidelineOverrideReport>;
