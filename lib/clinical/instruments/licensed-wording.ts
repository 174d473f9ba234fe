// A clinic's licensed ODI wording (issue 16, docs/decisions/045): exactly ten sections of six
// statements each plus the licence reference (ZLicensedOdiWording, lib/validation/instruments).
// Loading it makes a new version of the clinic's ODI definition with the licensed statements and
// the label "ODI"; items' values and the scoring are unchanged.
import type { TLicensedOdiWording } from "@/lib/validation/instruments";
import type { OdiSection } from "@/lib/clinical/odi-sections";
import type { InstrumentDefinition } from "./definition";
import { ODI_LICENSED_LABEL } from "./odi";

export { ZLicensedOdiWording, type TLicensedOdiWording } from "@/lib/validation/instruments";

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
