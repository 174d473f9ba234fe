// Display formatting shared by pages (dates in the clinic's time zone, labels for enums).
import { dateTimeFormat } from "@/lib/intl/date-time-format";

export function formatDate(iso: string): string {
  return dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function formatDateTime(iso: string, timeZone: string): string {
  return dateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** Enum values whose words are not their spelling (issue 15: "Both" said nothing on its own). */
const LABELS: Record<string, string> = {
  // Setting.BOTH: an activity done in the clinic and at home.
  BOTH: "Clinic and home",
};

/** An enum value in words: "IN_CLINIC" → "In clinic", and the few in LABELS by their own words. */
export function label(value: string): string {
  if (Object.hasOwn(LABELS, value)) return LABELS[value]!;
  const text = value.replaceAll("_", " ").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatTimestamp(iso: string, timeZone: string): string {
  return dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(new Date(iso));
}

export { plural } from "@/lib/intl/plural";
