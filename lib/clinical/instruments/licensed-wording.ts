// A clinic's licensed ODI wording (issue 16, docs/decisions/045): exactly ten sections of six
// statements each plus the licence reference. Loading it makes a new version of the clinic's ODI
// definition with the licensed statements and the label "ODI"; the scoring is unchanged.
import { z } from "@/lib/validation/zod";
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import type { InstrumentDefinition } from "./definition";
import { ODI_LICENSED_LABEL } from "./odi";

const ZStatement = z.string().trim().min(1, "A statement cannot be empty").max(300, "At most 300 characters");

const ZSection = z.strictObject({
  prompt: z.string().trim().min(1, "The section's question cannot be empty").max(300, "At most 300 characters"),
  statements: z.array(ZStatement).length(6, "Exactly six statements, least to most limited"),
});

export const ZLicensedOdiWording = z.strictObject({
  licenceReference: z.string().trim().min(3, "Give the licence reference (e.g. the licence number or agreement)").max(300, "At most 300 characters"),
  sections: z.strictObject(Object.fromEntries(ODI_SECTIONS.map((s) => [s, ZSection])) as Record<OdiSection, typeof ZSection>),
});
export type TLicensedOdiWording = z.infer<typeof ZLicensedOdiWording>;

/** The definition with the licensed statements in place of the adapted ones; items, values and scoring stay as they are. */
export function withLicensedOdiWording(definition: InstrumentDefinition, wording: TLicensedOdiWording): InstrumentDefinition {
  return {
    ...definition,
    label: ODI_LICENSED_LABEL,
    wording: "LICENSED",
    licence: `Licensed ODI wording loaded by the clinic. Licence reference: ${wording.licenceReference}.`,
    items: definition.items.map((item) => {
      const section = wording.sections[item.id as OdiSection];
      if (!section) return item;
      return { ...item, prompt: section.prompt, options: section.statements.map((label, value) => ({ value, label })) };
    }),
  };
}
