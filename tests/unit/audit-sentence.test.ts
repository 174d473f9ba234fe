// The audit log's sentences (decision 041): who did what, for whom, to which record, in words.
import { describe, expect, it } from "vitest";
import { auditSentence } from "@/lib/audit/describe-event";
import { plural } from "@/lib/intl/plural";
import { csvCell, csvLine } from "@/lib/audit/csv";

const base = { actorName: "Sam Rivera", patientName: "Jordan Lee", target: null };

describe("auditSentence", () => {
  it("reads as a sentence: actor, action, patient, record", () => {
    expect(auditSentence({ ...base, action: "session.note.sign", entityType: "Session", target: "session on 12 Nov 2026, 09:00" })).toBe(
      "Sam Rivera signed a session note for Jordan Lee: session on 12 Nov 2026, 09:00.",
    );
  });

  it("does not name the same person twice", () => {
    expect(auditSentence({ ...base, action: "auth.sign_in", entityType: "User", patientName: null, target: "Sam Rivera" })).toBe("Sam Rivera signed in.");
    expect(auditSentence({ ...base, action: "patient.read", entityType: "Patient", target: "Jordan Lee" })).toBe("Sam Rivera viewed a patient's record: Jordan Lee.");
    expect(auditSentence({ action: "homelog.create", entityType: "HomeLog", actorName: "Jordan Lee", patientName: "Jordan Lee", target: null })).toBe("Jordan Lee logged a home activity.");
  });

  it("puts headline-like actions first, and says who when someone was signed in", () => {
    expect(auditSentence({ action: "auth.lockout", entityType: "User", actorName: null, patientName: null, target: "Sam Rivera" })).toBe("Account locked after failed sign-ins: Sam Rivera.");
    expect(auditSentence({ ...base, action: "access.refused", entityType: "Patient", patientName: null, target: null })).toBe("Refused: record outside the user's access by Sam Rivera.");
  });

  it("keeps an action this version does not know as its code, with the kind of record", () => {
    expect(auditSentence({ ...base, action: "legacy.thing", entityType: "TreatmentPlan", patientName: null })).toBe("legacy.thing by Sam Rivera (Plan).");
  });

  it("says who when nobody was signed in", () => {
    expect(auditSentence({ action: "session.read", entityType: "Session", actorName: null, patientName: null, target: null })).toBe("Someone not signed in viewed a session.");
  });
});

describe("plural", () => {
  it("uses the singular for one only", () => {
    expect([0, 1, 2].map((n) => plural(n, "matching event"))).toEqual(["0 matching events", "1 matching event", "2 matching events"]);
  });
});

describe("CSV cells", () => {
  it("prefixes what a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("Jordan Lee")).toBe("Jordan Lee");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", "=b", 3])).toBe("a,'=b,3\r\n");
  });
});
