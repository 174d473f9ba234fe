// URIs the protocol exchange adds to lib/fhir/systems.ts (ADR 051). Pure constants.
import { FHIR_NS } from "../systems";

export const IMPORT_SYSTEMS = {
  /**
   * A clinic-independent code for a treatment: its name normalised (lowercase, letters and digits
   * joined by "-"). Our catalog has no code column and no verified SNOMED CT mapping per item, so
   * two clinics' "Knee-to-chest stretch" share this code and nothing else does (ADR 051).
   */
  treatment: `${FHIR_NS}/CodeSystem/treatment`,
  bodyRegion: `${FHIR_NS}/CodeSystem/body-region`,
} as const;

export const IMPORT_EXTENSIONS = {
  /** Search facets (decision 040): a body region (valueCoding), a condition (valueString), a tag (valueString). */
  bodyRegion: `${FHIR_NS}/StructureDefinition/body-region`,
  condition: `${FHIR_NS}/StructureDefinition/catalog-condition`,
  tag: `${FHIR_NS}/StructureDefinition/tag`,
} as const;

/** "Knee-to-chest Stretch " → "knee-to-chest-stretch"; accents dropped. Empty for a name with no letters or digits. */
export function treatmentCode(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
