// Who is in the clinic group: clinics of different sizes, their catalogs, clinicians with
// different caseloads, patients, and each patient's care team. Pure and deterministic.
// Dates are whole-day offsets from "today" (negative = past); SQL turns them into dates.
import type { Contraindication } from "../../../lib/db/generated/enums";
import { DRAFT_ITEM_INDEX, EXTRA_ITEM_SHARE, OPTIONAL_ITEMS, SCALE_ITEMS, itemIndex } from "./catalog";
import { CLINIC_KINDS, CLINIC_PLACES, FIRST_NAMES, LAST_NAMES } from "./names";
import { apportion, intBetween, mulberry32, pick, triangular, weightedIndex, type Rng } from "./random";

export type CatalogEntry = { itemIndex: number; status: "ACTIVE" | "RETIRED" | "DRAFT"; version: number; editedOffset: number; retiredOffset: number | null };
export type ClinicShape = { no: number; name: string; slug: string; timezone: string; openedOffset: number; clinicians: number; patients: number; catalog: CatalogEntry[] };
export type ClinicianShape = { no: number; clinicNo: number; n: number; firstName: string; lastName: string; title: string; weight: number; createdOffset: number };
export type PatientShape = {
  no: number;
  clinicNo: number;
  n: number;
  firstName: string;
  lastName: string;
  dobOffset: number;
  age: number;
  flags: Contraindication[];
  /** Has a portal account (sign-in user). */
  portal: boolean;
  archived: boolean;
  /** Share of due home-activity days the patient logs (0 for those who never log). */
  adherence: number;
  /** The demo patient of the clinic: p<clinic>-1, always with an ACTIVE plan. */
  showcase: boolean;
};
export type CareTeamEntry = { patientNo: number; clinicianNo: number; isPrimary: boolean };

export type GroupTargets = { clinics: number; clinicians: number; patients: number };

// Clinic 1 is the largest; the smallest is about a third of its size.
const CLINIC_WEIGHTS = [1.6, 1.45, 1.35, 1.25, 1.2, 1.1, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.6, 0.55];
export const TIMEZONES = ["Europe/London", "Europe/Dublin", "Europe/Amsterdam"] as const;
export const CLINIC_OPENED_OFFSET = -2200;

function clinicTimezone(no: number, count: number): string {
  // The last few clinics are abroad: 3 in Ireland, 3 in the Netherlands (at 20 clinics).
  const abroad = Math.round(count * 0.15);
  if (no > count - abroad) return TIMEZONES[2];
  if (no > count - 2 * abroad) return TIMEZONES[1];
  return TIMEZONES[0];
}

function clinicCatalog(rng: Rng): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const firstExtra = itemIndex("McKenzie prone press-up");
  SCALE_ITEMS.forEach((item, index) => {
    if (index === DRAFT_ITEM_INDEX) return;
    const optional = OPTIONAL_ITEMS.get(item.name);
    if (optional !== undefined && rng() < optional) return;
    if (index >= firstExtra && rng() >= EXTRA_ITEM_SHARE) return;
    const r = rng();
    const version = r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
    entries.push({ itemIndex: index, status: "ACTIVE", version, editedOffset: version === 1 ? CLINIC_OPENED_OFFSET : -intBetween(rng, 30, 500), retiredOffset: null });
  });
  // Some clinics retired a treatment (older plans still use it) or keep a draft nobody uses.
  if (rng() < 0.3) {
    const candidates = ["Wireless electrical muscle stimulation", "Heat wrap at work", "Hip flexor stretch", "Super inductive stimulation"].map(itemIndex);
    const present = entries.filter((e) => candidates.includes(e.itemIndex));
    if (present.length > 0) {
      const retired = pick(rng, present);
      retired.status = "RETIRED";
      retired.retiredOffset = -intBetween(rng, 200, 600);
      retired.editedOffset = Math.min(retired.editedOffset, retired.retiredOffset);
    }
  }
  if (rng() < 0.25) entries.push({ itemIndex: DRAFT_ITEM_INDEX, status: "DRAFT", version: 1, editedOffset: -intBetween(rng, 5, 60), retiredOffset: null });
  return entries;
}

const FLAG_CHANCES: [Contraindication, (age: number) => number][] = [
  ["PREGNANCY", (age) => (age >= 20 && age <= 44 ? 0.04 : 0)],
  ["ANTICOAGULANTS", (age) => (age >= 60 ? 0.12 : 0.02)],
  ["BLEEDING_DISORDER", () => 0.01],
  ["PACEMAKER_OR_IMPLANT", (age) => (age >= 65 ? 0.08 : 0.01)],
  ["MALIGNANCY", (age) => (age >= 55 ? 0.03 : 0.008)],
  ["OSTEOPOROSIS", (age) => (age >= 60 ? 0.12 : 0.01)],
  ["ACUTE_FRACTURE", () => 0.005],
  ["INFECTION_OR_OPEN_WOUND", () => 0.01],
  ["IMPAIRED_SENSATION", () => 0.03],
  ["NEEDLE_PHOBIA", () => 0.04],
];

function adherenceOf(rng: Rng): number {
  const r = rng();
  if (r < 0.15) return 0; // has the portal, never logs
  if (r < 0.6) return triangular(rng, 0.65, 0.97);
  if (r < 0.9) return triangular(rng, 0.3, 0.65);
  return triangular(rng, 0.05, 0.3);
}

export function buildPeople(targets: GroupTargets, seed: number) {
  const rng = mulberry32(seed);
  const weights = Array.from({ length: targets.clinics }, (_, i) => CLINIC_WEIGHTS[i % CLINIC_WEIGHTS.length]!);
  const clinicianCounts = apportion(targets.clinicians, weights);
  const patientCounts = apportion(targets.patients, weights);

  const clinics: ClinicShape[] = weights.map((_, i) => {
    const no = i + 1;
    const place = CLINIC_PLACES[i % CLINIC_PLACES.length]!;
    return {
      no,
      name: `${place} ${CLINIC_KINDS[i % CLINIC_KINDS.length]}`,
      slug: `scale-${String(no).padStart(2, "0")}`,
      timezone: clinicTimezone(no, targets.clinics),
      openedOffset: CLINIC_OPENED_OFFSET - 7 * i,
      clinicians: clinicianCounts[i]!,
      patients: patientCounts[i]!,
      catalog: clinicCatalog(rng),
    };
  });

  const clinicians: ClinicianShape[] = [];
  const patients: PatientShape[] = [];
  const careTeam: CareTeamEntry[] = [];
  for (const clinic of clinics) {
    const staff: ClinicianShape[] = [];
    for (let n = 1; n <= clinic.clinicians; n++) {
      const c = {
        no: clinicians.length + 1,
        clinicNo: clinic.no,
        n,
        firstName: pick(rng, FIRST_NAMES),
        lastName: pick(rng, LAST_NAMES),
        title: rng() < 0.3 ? "Dr " : "",
        // Caseload weight: c<clinic>-1 is the clinic's busiest, full-time clinician.
        weight: n === 1 ? 1.5 : triangular(rng, 0.4, 1.3),
        createdOffset: clinic.openedOffset + intBetween(rng, 0, 1800),
      };
      clinicians.push(c);
      staff.push(c);
    }
    for (let n = 1; n <= clinic.patients; n++) {
      const age = Math.round(triangular(rng, 18, 88));
      const patient: PatientShape = {
        no: patients.length + 1,
        clinicNo: clinic.no,
        n,
        firstName: pick(rng, FIRST_NAMES),
        lastName: pick(rng, LAST_NAMES),
        dobOffset: -(age * 365 + intBetween(rng, 0, 364)),
        age,
        flags: [],
        portal: n % 10 !== 0,
        archived: n % 50 === 0,
        adherence: 0,
        showcase: n === 1,
      };
      if (!patient.showcase) patient.flags = FLAG_CHANCES.filter(([, chance]) => rng() < chance(age)).map(([flag]) => flag);
      patient.adherence = patient.portal ? (patient.showcase ? 0.85 : adherenceOf(rng)) : 0;
      patients.push(patient);

      const primary = patient.showcase ? staff[0]! : staff[weightedIndex(rng, staff.map((s) => s.weight))]!;
      careTeam.push({ patientNo: patient.no, clinicianNo: primary.no, isPrimary: true });
      const r = rng();
      const others = Math.min(staff.length - 1, r < 0.55 ? 0 : r < 0.9 ? 1 : 2);
      const pool = staff.filter((s) => s.no !== primary.no);
      for (let k = 0; k < others; k++) {
        const member = pool.splice(Math.floor(rng() * pool.length), 1)[0]!;
        careTeam.push({ patientNo: patient.no, clinicianNo: member.no, isPrimary: false });
      }
    }
  }
  return { clinics, clinicians, patients, careTeam };
}

export type People = ReturnType<typeof buildPeople>;
