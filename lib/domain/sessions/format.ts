/** "Tue 1 Dec, 10:00" in the clinic's time zone, for messages. */
export function formatForMessage(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone }).format(instant);
}
