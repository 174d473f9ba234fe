// The /api/v1 lists' opaque cursors and query parameters (decision 048).
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseQuery, ZOutcomeListQuery, ZPatientListQuery, ZPlanListQuery, ZSessionListQuery } from "@/lib/validation/api-v1";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";

const ID = "cabcdefghijklmnopqrstuvw";
const AT = "2026-11-12T09:30:00.123Z";

function badRequest(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("BAD_REQUEST");
    return (e as AppError).fieldErrors ?? {};
  }
  throw new Error("expected BAD_REQUEST");
}

describe("cursor", () => {
  it("round-trips (sortKey, id) through an opaque base64url text", () => {
    const text = encodeCursor("plans", { sortKey: AT, id: ID });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain(ID);
    expect(decodeCursor("plans", text)).toEqual({ sortKey: AT, id: ID });
  });

  it("refuses another list's cursor, tampered or foreign texts", () => {
    const plans = encodeCursor("plans", { sortKey: AT, id: ID });
    expect(decodeCursor("sessions", plans)).toBeNull();
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const text of [
      "",
      "not a cursor!",
      "%%%",
      b64(["plans", AT]),
      b64(["plans", AT, ID, "x"]),
      b64({ list: "plans", sortKey: AT, id: ID }),
      b64(["plans", "2026-13-40T00:00:00.000Z", ID]),
      b64(["plans", "2026-11-12", ID]),
      b64(["plans", AT, "'; DROP TABLE x; --"]),
      b64(["plans", 1, ID]),
      Buffer.from("{not json").toString("base64url"),
      "A".repeat(201),
    ]) {
      expect(decodeCursor("plans", text), text).toBeNull();
    }
  });
});

describe("list query parameters", () => {
  it("defaults the limit to 50 and takes 1 to 100", () => {
    expect(parseQuery(ZPatientListQuery, {})).toEqual({ limit: 50 });
    expect(parseQuery(ZPatientListQuery, { limit: "1" }).limit).toBe(1);
    expect(parseQuery(ZPatientListQuery, { limit: "100" }).limit).toBe(100);
    for (const limit of ["0", "101", "-5", "2.5", "ten", ""]) expect(badRequest(() => parseQuery(ZPatientListQuery, { limit }))).toHaveProperty("limit");
  });

  it("refuses a bad cursor, an unknown parameter and a bad filter with a 400 naming the field", () => {
    expect(badRequest(() => parseQuery(ZPlanListQuery, { cursor: "nope" }))).toHaveProperty("cursor");
    expect(badRequest(() => parseQuery(ZPlanListQuery, { cursor: encodeCursor("sessions", { sortKey: AT, id: ID }) }))).toHaveProperty("cursor");
    expect(Object.values(badRequest(() => parseQuery(ZPlanListQuery, { stauts: "ACTIVE" }))).flat().join(" ")).toMatch(/stauts/);
    expect(badRequest(() => parseQuery(ZPlanListQuery, { status: "active" }))).toHaveProperty("status");
    expect(badRequest(() => parseQuery(ZPlanListQuery, { patientId: "1 OR 1=1" }))).toHaveProperty("patientId");
    expect(badRequest(() => parseQuery(ZSessionListQuery, { from: "2026-02-30" }))).toHaveProperty("from");
    expect(badRequest(() => parseQuery(ZSessionListQuery, { from: "2026-03-02", to: "2026-03-01" }))).toHaveProperty("to");
    expect(badRequest(() => parseQuery(ZOutcomeListQuery, { instrument: "VAS" }))).toHaveProperty("instrument");
    expect(parseQuery(ZOutcomeListQuery, { instrument: "ODI", from: "2026-03-01", to: "2026-03-01" })).toEqual({ limit: 50, instrument: "ODI", from: "2026-03-01", to: "2026-03-01" });
  });
});
