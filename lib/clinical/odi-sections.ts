// The ten sections of the Oswestry Disability Index, in questionnaire order. Pure data shared by
// the scoring rules (lib/domain/outcomes/rules.ts), the schemas that parse answers
// (lib/validation/sessions.ts) and the forms that ask them; lib/validation may not import lib/domain,
// so the instrument's shape lives here (docs/decisions/019).

export const ODI_SECTIONS = [
  "painIntensity",
  "personalCare",
  "lifting",
  "walking",
  "sitting",
  "standing",
  "sleeping",
  "sexLife",
  "socialLife",
  "travelling",
] as const;
export type OdiSection = (typeof ODI_SECTIONS)[number];
