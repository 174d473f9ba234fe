// The iCalendar builder of the patient portal: RFC 5545 text that a real parser (ical.js) reads
// back exactly — UTC instants, escaped TEXT, lines folded at 75 octets, CRLF line endings.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, icsDateTime, type CalendarEvent } from "@/lib/domain/portal/calendar";
import { zonedToUtc } from "@/lib/domain/schedule/dates";

const NOW = new Date("2026-11-26T10:15:42.123Z");
const octets = (s: string) => new TextEncoder().encode(s).length;

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = zonedToUtc("2026-12-03", "14:00", "Europe/London");
  return {
    uid: "session-c0000000000000000000001@clinic-plans",
    sequence: 0,
    start,
    end: new Date(start.getTime() + 45 * 60_000),
    summary: "Appointment with Dr Alex Example",
    status: "CONFIRMED",
    ...overrides,
  };
}

/** The physical lines of a calendar body: every one must end in CRLF, so the body ends in one too. */
function physicalLines(body: string): string[] {
  expect(body.endsWith("\r\n")).toBe(true);
  return body.slice(0, -2).split("\r\n");
}

function parse(body: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c)) };
}

function expectCrlfOnly(body: string) {
  // No bare LF or bare CR anywhere: each line break is exactly CRLF.
  expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  expect(body.endsWith("\r\n")).toBe(true);
}

describe("icsDateTime", () => {
  it("writes the UTC instant in RFC 5545 form #2, dropping milliseconds", () => {
    expect(icsDateTime(new Date("2026-11-26T09:30:00.000Z"))).toBe("20261126T093000Z");
    expect(icsDateTime(new Date("2026-01-05T23:59:59.999Z"))).toBe("20260105T235959Z");
    expect(icsDateTime(new Date("2026-07-01T00:00:00Z"))).toBe("20260701T000000Z");
  });

  it("turns a Europe/London wall-clock time into the right UTC instant in summer and in winter", () => {
    expect(icsDateTime(zonedToUtc("2026-07-15", "09:30", "Europe/London"))).toBe("20260715T083000Z");
    expect(icsDateTime(zonedToUtc("2026-12-15", "09:30", "Europe/London"))).toBe("20261215T093000Z");
  });
});

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and every kind of newline", () => {
    expect(escapeText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
    expect(escapeText("one\ntwo\r\nthree\rfour")).toBe("one\\ntwo\\nthree\\nfour");
    // The backslash is escaped first, so an escape never doubles up.
    expect(escapeText("\\n")).toBe("\\\\n");
    expect(escapeText(",;")).toBe("\\,\\;");
  });

  it("drops control characters that TEXT does not allow but keeps tabs and non-ASCII text", () => {
    expect(escapeText("a\u0000b\u0007c\u001fd\u007fe")).toBe("abcde");
    expect(escapeText("tab\there")).toBe("tab\there");
    expect(escapeText("Søren 😀 Zoë")).toBe("Søren 😀 Zoë");
  });
});

describe("foldLine", () => {
  it("leaves a line of exactly 75 octets alone and folds one of 76", () => {
    const exact = "X".repeat(75);
    expect(foldLine(exact)).toBe(exact);
    const longer = "X".repeat(76);
    expect(foldLine(longer)).toBe(`${"X".repeat(75)}\r\n X`);
  });

  it("counts octets, not characters, and never splits a UTF-8 character", () => {
    // 40 × "Ø" is 80 octets in 40 characters.
    const line = `DESCRIPTION:${"Ø".repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBe(2);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    // "DESCRIPTION:" is 12 octets; 31 × Ø = 62 octets fit (74), a 32nd would make 76.
    expect(parts[0]).toBe(`DESCRIPTION:${"Ø".repeat(31)}`);
    expect(parts[1]).toBe(` ${"Ø".repeat(9)}`);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("folds a long emoji line into continuation lines of at most 75 octets that unfold to the original", () => {
    const line = `SUMMARY:${"😀".repeat(50)}`;
    const parts = foldLine(line).split("\r\n");
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      // Each piece is valid UTF-16 (no lone surrogate): a split emoji would not round-trip.
      expect(part).toBe(new TextDecoder().decode(new TextEncoder().encode(part)));
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });
});

describe("buildCalendar", () => {
  it("writes VCALENDAR with VERSION and PRODID that ical.js parses", () => {
    const body = buildCalendar([event()], { name: "Riverside Physio appointments", now: NOW });
    const { calendar, events } = parse(body);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Clinic Plans//Patient portal//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(physicalLines(body)).toContain("X-WR-CALNAME:Riverside Physio appointments");
    expect(events).toHaveLength(1);
    expect(body.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(body.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("gives each VEVENT its UID, DTSTAMP, SEQUENCE and the exact UTC start and end instants (summer and winter)", () => {
    const summerStart = zonedToUtc("2026-07-15", "09:30", "Europe/London");
    const winterStart = zonedToUtc("2026-12-15", "09:30", "Europe/London");
    const body = buildCalendar(
      [
        event({ uid: "session-summer@clinic-plans", sequence: 0, start: summerStart, end: new Date(summerStart.getTime() + 30 * 60_000) }),
        event({ uid: "session-winter@clinic-plans", sequence: 3, start: winterStart, end: new Date(winterStart.getTime() + 60 * 60_000) }),
      ],
      { name: "Clinic", now: NOW },
    );
    const lines = physicalLines(body);
    expect(lines).toContain("DTSTART:20260715T083000Z");
    expect(lines).toContain("DTEND:20260715T090000Z");
    expect(lines).toContain("DTSTART:20261215T093000Z");
    expect(lines).toContain("DTEND:20261215T103000Z");
    expect(lines.filter((l) => l === "DTSTAMP:20261126T101542Z")).toHaveLength(2);

    const { events } = parse(body);
    expect(events.map((e) => e.uid)).toEqual(["session-summer@clinic-plans", "session-winter@clinic-plans"]);
    expect(events.map((e) => e.sequence)).toEqual([0, 3]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2026-07-15T08:30:00.000Z", "2026-12-15T09:30:00.000Z"]);
    expect(events.map((e) => e.endDate.toJSDate().toISOString())).toEqual(["2026-07-15T09:00:00.000Z", "2026-12-15T10:30:00.000Z"]);
    // UTC ("Z") times, not floating local times.
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(["UTC", "UTC"]);
    expect(events.map((e) => e.startDate.toString())).toEqual(["2026-07-15T08:30:00Z", "2026-12-15T09:30:00Z"]);
  });

  it("round-trips a SUMMARY, LOCATION and DESCRIPTION with commas, semicolons, backslashes and newlines exactly", () => {
    const summary = "Check-up; bring shoes, towel \\ notes\nand the referral";
    const location = "Unit 4, 12 High St; Leeds\\North";
    const description = "Line one,\nline two; with \\ a backslash\n\nand a blank line before";
    const body = buildCalendar([event({ summary, location, description })], { name: "Clinic", now: NOW });
    expect(physicalLines(body)).toContain("SUMMARY:Check-up\\; bring shoes\\, towel \\\\ notes\\nand the referral");
    const [parsed] = parse(body).events;
    expect(parsed?.summary).toBe(summary);
    expect(parsed?.location).toBe(location);
    expect(parsed?.description).toBe(description);
  });

  it("folds a long non-ASCII description at no more than 75 octets per physical line and it round-trips", () => {
    const description = `Behandling hos Søren Ødegård 😀🦴💪 — ${"Ø".repeat(50)} ${"🧘‍♀️".repeat(12)}, then rest; ${"é".repeat(40)}.`;
    const summary = `Appointment with ${"Zoë Ångström ".repeat(8)}`.trim();
    const body = buildCalendar([event({ summary, description })], { name: `Klinikk ${"Å".repeat(60)}`, now: NOW });
    expectCrlfOnly(body);
    const lines = physicalLines(body);
    for (const line of lines) expect(octets(line), line).toBeLessThanOrEqual(75);
    // It really was folded: continuation lines exist and start with a single space.
    const continuations = lines.filter((l) => l.startsWith(" "));
    expect(continuations.length).toBeGreaterThanOrEqual(4);
    const [parsed] = parse(body).events;
    expect(parsed?.description).toBe(description);
    expect(parsed?.summary).toBe(summary);
  });

  it("ends every line in CRLF", () => {
    const body = buildCalendar([event({ description: "a\nb\r\nc", location: "x" }), event({ uid: "second@x" })], { name: "Clinic", now: NOW });
    expectCrlfOnly(body);
    const lines = physicalLines(body);
    expect(lines.every((l) => l.length > 0)).toBe(true);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(2);
  });

  it("writes STATUS:CANCELLED for a cancelled event and STATUS:CONFIRMED otherwise", () => {
    const body = buildCalendar([event({ uid: "ok@x" }), event({ uid: "cancelled@x", status: "CANCELLED" })], { name: "Clinic", now: NOW });
    const { calendar } = parse(body);
    const statuses = calendar.getAllSubcomponents("vevent").map((c) => [c.getFirstPropertyValue("uid"), c.getFirstPropertyValue("status")]);
    expect(statuses).toEqual([
      ["ok@x", "CONFIRMED"],
      ["cancelled@x", "CANCELLED"],
    ]);
  });

  it("leaves out LOCATION and DESCRIPTION when they are not given", () => {
    const body = buildCalendar([event()], { name: "Clinic", now: NOW });
    expect(body).not.toMatch(/^LOCATION/m);
    expect(body).not.toMatch(/^DESCRIPTION/m);
    const vevent = parse(body).calendar.getFirstSubcomponent("vevent");
    expect(vevent?.hasProperty("location")).toBe(false);
    expect(vevent?.hasProperty("description")).toBe(false);
    expect(vevent?.getFirstPropertyValue("transp")).toBe("OPAQUE");
  });

  it("is still a valid calendar with no events", () => {
    const body = buildCalendar([], { name: "Clinic; Leeds", now: NOW });
    expectCrlfOnly(body);
    expect(physicalLines(body)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Clinic Plans//Patient portal//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Clinic\\; Leeds",
      "END:VCALENDAR",
    ]);
    const { calendar, events } = parse(body);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(events).toEqual([]);
  });
});
