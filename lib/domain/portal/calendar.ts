// iCalendar (RFC 5545) text for a patient's appointments: a pure function of the events.
// Times are written in UTC ("Z" form, RFC 5545 §3.3.5 form #2): an instant that every calendar
// app imports correctly and shows in the device's own time zone, with no VTIMEZONE to get wrong.

export type CalendarEvent = {
  /** Globally unique and stable: re-importing the file updates the event instead of duplicating it. */
  uid: string;
  /** Bumped whenever the event changes (RFC 5545 §3.8.7.4). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  status: "CONFIRMED" | "CANCELLED";
};

export type CalendarOptions = { name: string; now: Date };

const CRLF = "\r\n";

/** 20261126T093000Z */
export function icsDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    // Other control characters are not allowed in TEXT.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space.
 * Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  // The first line holds 75 octets, continuation lines 74 after their leading space.
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

/** A VCALENDAR with one VEVENT per event, CRLF line endings, folded lines. */
export function buildCalendar(events: CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Clinic Plans//Patient portal//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    property("X-WR-CALNAME", escapeText(options.name)),
  ];
  const stamp = icsDateTime(options.now);
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      property("UID", event.uid),
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDateTime(event.start)}`,
      `DTEND:${icsDateTime(event.end)}`,
      `SEQUENCE:${event.sequence}`,
      `STATUS:${event.status}`,
      property("SUMMARY", escapeText(event.summary)),
    );
    if (event.location) lines.push(property("LOCATION", escapeText(event.location)));
    if (event.description) lines.push(property("DESCRIPTION", escapeText(event.description)));
    lines.push("TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}
