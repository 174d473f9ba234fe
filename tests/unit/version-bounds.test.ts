// Regression (issue 7 fuzz): a version above PostgreSQL's int4 range (2 147 483 648) passed
// validation, reached the optimistic-concurrency query and was answered 500 / INTERNAL by every
// versioned save. Versions are now bounded like the column they are compared with.
import { describe, expect, it } from "vitest";
import { ZAssignCareTeam } from "@/lib/validation/accounts";
import { ZCatalogDelete, ZCatalogStatusChange } from "@/lib/validation/catalog";
import { ZVersion } from "@/lib/validation/common";
import { ZUpdatePatient } from "@/lib/validation/patients";
import { ZChangePlanStatus, ZMoveActivity, ZMoveActivityTo } from "@/lib/validation/plans";
import { ZSignSession } from "@/lib/validation/sessions";
import { ZTemplateStatusChange } from "@/lib/validation/templates";

const ID = "c000000000000000000000000";
const TOO_BIG = 2_147_483_648;

describe("ZVersion", () => {
  it.each([1, 2, 2_147_483_647])("accepts %d", (v) => expect(ZVersion.safeParse(v).success).toBe(true));
  it.each([0, -1, 1.5, TOO_BIG, 1e308, Number.MAX_SAFE_INTEGER, "1", null])("refuses %j", (v) => expect(ZVersion.safeParse(v).success).toBe(false));
});

describe("every versioned save refuses a version outside int4", () => {
  it.each([
    ["catalog status", ZCatalogStatusChange, { id: ID, status: "RETIRED", usage: "usage-fingerprint" }],
    ["catalog delete", ZCatalogDelete, { id: ID }],
    ["template status", ZTemplateStatusChange, { id: ID, status: "RETIRED" }],
    ["care team", ZAssignCareTeam, { patientId: ID, members: [{ clinicianId: ID, isPrimary: true }] }],
    ["plan status", ZChangePlanStatus, { planId: ID, status: "ON_HOLD", reason: "Away" }],
    ["activity move", ZMoveActivity, { planId: ID, activityId: ID, direction: "up" }],
    ["activity drag and drop", ZMoveActivityTo, { planId: ID, activityId: ID, toIndex: 2 }],
    ["session sign", ZSignSession, { sessionId: ID }],
    ["patient", ZUpdatePatient, { patientId: ID, firstName: "A", lastName: "B", dateOfBirth: "1990-01-01", email: null, phone: null, contraindications: [] }],
  ] as const)("%s", (_, schema, input) => {
    expect(schema.safeParse({ ...input, version: 3 }).success).toBe(true);
    const refused = schema.safeParse({ ...input, version: TOO_BIG });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["version"]);
  });
});
