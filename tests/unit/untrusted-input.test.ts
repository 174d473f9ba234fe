// Regression (issue 7 fuzz): a server action called with "$T" in its arguments receives a React
// temporary client reference, a proxy that throws on almost every property access; zod's length
// checks read `.length` after the type check failed, so validation threw and the action answered
// INTERNAL. Such input is now a validation failure.
import { describe, expect, it } from "vitest";
import { safeParseUntrusted } from "@/lib/validation/parse";
import { ZPatientDetails } from "@/lib/validation/patients";

/** Behaves like react-server-dom's temporary reference: a function proxy that throws when read. */
function temporaryReference(): unknown {
  const target = Object.defineProperties(function () {}, { $$typeof: { value: Symbol.for("react.temporary.reference") } });
  return new Proxy(target, {
    get(t, name) {
      if (name === "$$typeof") return (t as unknown as { $$typeof: symbol }).$$typeof;
      if (name === "then" || name === "name" || name === "toJSON") return undefined;
      throw new Error(`Cannot access ${String(name)} on the server.`);
    },
  });
}

const patient = { firstName: "Ana", lastName: "Silva", dateOfBirth: "1993-01-22", email: null, phone: null, contraindications: [] };

describe("safeParseUntrusted", () => {
  it("is what zod says for ordinary input", () => {
    expect(safeParseUntrusted(ZPatientDetails, patient)).toMatchObject({ success: true, data: { firstName: "Ana" } });
    expect(safeParseUntrusted(ZPatientDetails, { ...patient, firstName: 5 })).toMatchObject({ success: false, fieldErrors: { firstName: expect.any(Array) } });
  });

  it("turns input that throws when zod reads it into a validation failure", () => {
    expect(() => ZPatientDetails.safeParse({ ...patient, firstName: temporaryReference() })).toThrow(/Cannot access/);
    expect(safeParseUntrusted(ZPatientDetails, { ...patient, firstName: temporaryReference() })).toEqual({ success: false, fieldErrors: { _form: ["This input could not be read."] } });
    expect(safeParseUntrusted(ZPatientDetails, temporaryReference()).success).toBe(false);
  });
});
