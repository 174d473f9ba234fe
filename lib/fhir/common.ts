// Small builders the mappers share: references, meta, dates, doses. Pure.
import type { CodeableConcept, ExtractResource, Extension, Meta, Reference, ResourceType, Timing } from "@medplum/fhirtypes";
import { EXTENSIONS, SYSTEMS } from "./systems";
import type { FhirDoseRow } from "./rows";

/** A literal relative reference, `Type/id`: resolved inside an exported Bundle. */
export function ref<K extends ResourceType>(resourceType: K, id: string, display?: string): Reference<ExtractResource<K>> {
  return display ? { reference: `${resourceType}/${id}`, display } : { reference: `${resourceType}/${id}` };
}

export function meta(lastUpdated: Date): Meta {
  return { lastUpdated: lastUpdated.toISOString() };
}

/** A `date` from a Postgres DATE column (read as UTC midnight). */
export function fhirDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function coding(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [display ? { system, code, display } : { system, code }], ...(display ? { text: display } : {}) };
}

/** "LOWER_BACK" → "Lower back". */
export function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const minutes = (value: number) => ({ value, unit: "min", system: SYSTEMS.ucum, code: "min" });
const seconds = (value: number) => ({ value, unit: "s", system: SYSTEMS.ucum, code: "s" });

/** The dose as one extension with a sub-extension per set value; undefined when nothing is set. */
export function doseExtension(dose: FhirDoseRow): Extension | undefined {
  const parts: Extension[] = [];
  if (dose.sets !== null) parts.push({ url: "sets", valueInteger: dose.sets });
  if (dose.reps !== null) parts.push({ url: "reps", valueInteger: dose.reps });
  if (dose.holdSec !== null) parts.push({ url: "holdSec", valueDuration: seconds(dose.holdSec) });
  if (dose.durationMin !== null) parts.push({ url: "durationMin", valueDuration: minutes(dose.durationMin) });
  if (dose.timesPerDay !== null) parts.push({ url: "timesPerDay", valueInteger: dose.timesPerDay });
  if (dose.daysPerWeek !== null) parts.push({ url: "daysPerWeek", valueInteger: dose.daysPerWeek });
  return parts.length ? { url: EXTENSIONS.dose, extension: parts } : undefined;
}

/**
 * The schedule as a Timing: `timesPerDay` per 1 day; days a week, which a FHIR Timing cannot
 * combine with a daily frequency, as an extension on `repeat` (and in words in `code.text`).
 * A dose with only days a week is `daysPerWeek` per 1 week. Undefined when neither is set.
 */
export function doseTiming(dose: FhirDoseRow, words: string): Timing | undefined {
  if (dose.timesPerDay === null && dose.daysPerWeek === null) return undefined;
  if (dose.timesPerDay === null) {
    return { repeat: { frequency: dose.daysPerWeek!, period: 1, periodUnit: "wk", ...(dose.durationMin !== null ? { duration: dose.durationMin, durationUnit: "min" } : {}) }, code: { text: words } };
  }
  return {
    repeat: {
      frequency: dose.timesPerDay,
      period: 1,
      periodUnit: "d",
      ...(dose.durationMin !== null ? { duration: dose.durationMin, durationUnit: "min" } : {}),
      ...(dose.daysPerWeek !== null ? { extension: [{ url: EXTENSIONS.daysPerWeek, valueInteger: dose.daysPerWeek }] } : {}),
    },
    code: { text: words },
  };
}

export function compact<T>(items: (T | undefined | null | false)[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== null && x !== false);
}
