// The permission table against DESIGN.md's "Roles and what each may do".
import { describe, expect, it } from "vitest";
import { API_SCOPE_PERMISSIONS, can, canWithScopes, HOME_BY_ROLE, PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Scope } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";

const ROLES: Role[] = ["ADMIN", "CLINICIAN", "PATIENT"];

const CLINICAL: Permission[] = [
  "plan:read",
  "plan:write",
  "session:read",
  "session:write",
  "outcome:read",
  "outcome:write",
  "outcome:self-report",
  "homelog:read",
  "homelog:write",
];

/** The whole expected table; anything not listed must be refused (null). */
const EXPECTED: Record<Role, Partial<Record<Permission, Scope>>> = {
  ADMIN: {
    "catalog:read": "clinic",
    "catalog:manage": "clinic",
    "template:read": "clinic",
    "template:manage": "clinic",
    "account:manage": "clinic",
    "audit:read": "clinic",
    "clinic:manage": "clinic",
    "outbox:read": "clinic",
    "patient:read": "clinic",
    "patient:invite": "clinic",
    "audit:export": "clinic",
    "calendar:read": "clinic",
    // API clients (issue 17, ADR 047)
    "apiclient:manage": "clinic",
    "fhir:bulk-export": "clinic",
    // The report of treatments chosen against a guideline, with reasons (decision 044): admins only.
    "guideline:report": "clinic",
    // Outcome instruments as data (issue 16, ADR 045).
    "instrument:manage": "clinic",
    // Outcome scores CSV for the clinic's own audit (decision 048).
    "outcome:export": "clinic",
  },
  CLINICIAN: {
    "catalog:read": "clinic",
    "template:read": "clinic",
    "patient:create": "clinic",
    "patient:read": "care-team",
    "patient:edit": "care-team",
    "patient:invite": "care-team",
    "plan:read": "care-team",
    "plan:write": "care-team",
    "session:read": "care-team",
    "session:write": "care-team",
    "outcome:read": "care-team",
    "outcome:write": "care-team",
    "homelog:read": "care-team",
    // A clinician's own protocols, saved from a plan (decision 039).
    "template:own": "clinic",
    "calendar:read": "care-team",
    // Outcome scores CSV, their care team's (decision 048).
    "outcome:export": "care-team",
  },
  PATIENT: {
    "patient:read": "own",
    "plan:read": "own",
    "session:read": "own",
    "outcome:read": "own",
    "outcome:self-report": "own",
    "homelog:read": "own",
    "homelog:write": "own",
    "reminders:manage": "own",
    // Push notifications on the patient's own devices (decision 036); staff get none.
    "push:subscribe": "own",
  },
};

describe("PERMISSIONS", () => {
  it("lists each permission once", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it("contains every permission any role is granted", () => {
    for (const role of ROLES) {
      for (const permission of Object.keys(ROLE_PERMISSIONS[role])) {
        expect(PERMISSIONS as readonly string[], `${role} ${permission}`).toContain(permission);
      }
    }
  });

  it("grants only the three known scopes", () => {
    for (const role of ROLES) {
      for (const scope of Object.values(ROLE_PERMISSIONS[role])) {
        expect(["clinic", "care-team", "own"]).toContain(scope);
      }
    }
  });
});

describe("can", () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))(
    "%s / %s matches the table",
    (role, permission) => {
      expect(can(role, permission)).toBe(EXPECTED[role][permission] ?? null);
    },
  );

  describe("ADMIN", () => {
    it("has no access to the clinical record", () => {
      for (const permission of CLINICAL) expect(can("ADMIN", permission), permission).toBeNull();
    });

    it("reads patient demographics clinic-wide but cannot create or edit patients", () => {
      expect(can("ADMIN", "patient:read")).toBe("clinic");
      expect(can("ADMIN", "patient:create")).toBeNull();
      expect(can("ADMIN", "patient:edit")).toBeNull();
    });

    it("manages catalog, templates and accounts and reads the audit log, clinic-wide", () => {
      for (const permission of [
        "catalog:read",
        "catalog:manage",
        "template:read",
        "template:manage",
        "account:manage",
        "audit:read",
      ] as const) {
        expect(can("ADMIN", permission), permission).toBe("clinic");
      }
    });
  });

  describe("CLINICIAN", () => {
    it("holds clinical and patient permissions only for the care team", () => {
      for (const permission of [...CLINICAL, "patient:read", "patient:edit"] as Permission[]) {
        const scope = can("CLINICIAN", permission);
        expect(scope === null || scope === "care-team", `${permission}: ${scope}`).toBe(true);
      }
      for (const permission of ["plan:read", "plan:write", "session:read", "session:write", "outcome:read", "outcome:write"] as const) {
        expect(can("CLINICIAN", permission), permission).toBe("care-team");
      }
      expect(can("CLINICIAN", "patient:read")).toBe("care-team");
      expect(can("CLINICIAN", "patient:edit")).toBe("care-team");
    });

    it("reads but does not write home logs", () => {
      expect(can("CLINICIAN", "homelog:read")).toBe("care-team");
      expect(can("CLINICIAN", "homelog:write")).toBeNull();
    });

    it("may create patients", () => {
      expect(can("CLINICIAN", "patient:create")).toBe("clinic");
    });

    it("reads the catalog and templates but cannot manage them, accounts or the audit log", () => {
      expect(can("CLINICIAN", "catalog:read")).toBe("clinic");
      expect(can("CLINICIAN", "template:read")).toBe("clinic");
      expect(can("CLINICIAN", "catalog:manage")).toBeNull();
      expect(can("CLINICIAN", "template:manage")).toBeNull();
      expect(can("CLINICIAN", "account:manage")).toBeNull();
      expect(can("CLINICIAN", "audit:read")).toBeNull();
    });

    it("never has a clinic-wide scope on patient records", () => {
      for (const permission of PERMISSIONS) {
        if (permission === "patient:create" || permission.startsWith("catalog:") || permission.startsWith("template:")) continue;
        expect(can("CLINICIAN", permission), permission).not.toBe("clinic");
      }
    });
  });

  describe("PATIENT", () => {
    it("holds only 'own' scopes", () => {
      for (const permission of PERMISSIONS) {
        const scope = can("PATIENT", permission);
        expect(scope === null || scope === "own", `${permission}: ${scope}`).toBe(true);
      }
    });

    it("cannot write plans or sessions", () => {
      expect(can("PATIENT", "plan:write")).toBeNull();
      expect(can("PATIENT", "session:write")).toBeNull();
    });

    it("reads own plans, sessions, outcomes and record, and writes own home logs", () => {
      expect(can("PATIENT", "plan:read")).toBe("own");
      expect(can("PATIENT", "session:read")).toBe("own");
      expect(can("PATIENT", "outcome:read")).toBe("own");
      expect(can("PATIENT", "patient:read")).toBe("own");
      expect(can("PATIENT", "homelog:read")).toBe("own");
      expect(can("PATIENT", "homelog:write")).toBe("own");
    });

    it("manages own reminder settings, which no staff role has (staff get no reminders)", () => {
      expect(can("PATIENT", "reminders:manage")).toBe("own");
      expect(can("CLINICIAN", "reminders:manage")).toBeNull();
      expect(can("ADMIN", "reminders:manage")).toBeNull();
    });

    it("has no catalog, template, account, audit or patient-management permission", () => {
      for (const permission of [
        "catalog:read",
        "catalog:manage",
        "template:read",
        "template:manage",
        "account:manage",
        "audit:read",
        "patient:create",
        "patient:edit",
      ] as const) {
        expect(can("PATIENT", permission), permission).toBeNull();
      }
    });
  });

  it("only ADMIN holds the admin-area permissions", () => {
    for (const permission of ["catalog:manage", "template:manage", "account:manage", "audit:read"] as const) {
      expect(ROLES.filter((role) => can(role, permission) !== null)).toEqual(["ADMIN"]);
    }
  });
});

describe("HOME_BY_ROLE", () => {
  it("sends each role to its own area", () => {
    expect(HOME_BY_ROLE).toEqual({ ADMIN: "/admin/catalog", CLINICIAN: "/clinic", PATIENT: "/my" });
  });

  it("has an absolute, distinct path for every role", () => {
    expect(Object.keys(HOME_BY_ROLE).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(HOME_BY_ROLE[role]).toMatch(/^\/[a-z]/);
    expect(new Set(Object.values(HOME_BY_ROLE)).size).toBe(ROLES.length);
  });
});

describe("audit:export (ADR 041)", () => {
  it("is the admins' alone, clinic-wide", () => {
    expect(ROLES.filter((role) => can(role, "audit:export") !== null)).toEqual(["ADMIN"]);
    expect(can("ADMIN", "audit:export")).toBe("clinic");
  });
});

describe("template:own (decision 039)", () => {
  it("lets clinicians keep their own protocols; admins review proposals with template:manage; patients neither", () => {
    // "clinic": the permission holds in the clinician's clinic; ownership is the row's ownerId ("own" means the patient's own record).
    expect(can("CLINICIAN", "template:own")).toBe("clinic");
    expect(can("ADMIN", "template:own")).toBeNull();
    expect(can("PATIENT", "template:own")).toBeNull();
  });
});

// API clients (issue 17, ADR 047): grants by scope, never a role's, reads only, whole clinic.
describe("API client scopes", () => {
  const WRITES: Permission[] = PERMISSIONS.filter((p) => /:(write|manage|create|edit|invite|self-report|subscribe|own|export)$/.test(p) && p !== "fhir:bulk-export");

  it("API_CLIENT holds nothing through can(): only its scopes grant", () => {
    for (const permission of PERMISSIONS) expect(can("API_CLIENT", permission), permission).toBeNull();
  });

  it("PATIENT_READ reads the clinical record clinic-wide, and nothing of the catalog", () => {
    for (const permission of ["patient:read", "plan:read", "session:read", "outcome:read", "homelog:read"] as const) {
      expect(canWithScopes(["PATIENT_READ"], permission), permission).toBe("clinic");
    }
    expect(canWithScopes(["PATIENT_READ"], "catalog:read")).toBeNull();
    expect(canWithScopes(["PATIENT_READ"], "fhir:bulk-export")).toBeNull();
  });

  it("CATALOG_READ reads treatments and protocols only", () => {
    expect(canWithScopes(["CATALOG_READ"], "catalog:read")).toBe("clinic");
    expect(canWithScopes(["CATALOG_READ"], "template:read")).toBe("clinic");
    expect(canWithScopes(["CATALOG_READ"], "plan:read")).toBeNull();
    expect(canWithScopes(["CATALOG_READ"], "patient:read")).toBeNull();
  });

  it("BULK_EXPORT grants the bulk export only", () => {
    expect(canWithScopes(["BULK_EXPORT"], "fhir:bulk-export")).toBe("clinic");
    expect(canWithScopes(["BULK_EXPORT"], "plan:read")).toBeNull();
  });

  it("no scope writes, manages accounts, reads the audit log or the outbox", () => {
    const all = ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"] as const;
    for (const permission of [...WRITES, "audit:read", "outbox:read", "apiclient:manage", "calendar:read"] as Permission[]) {
      expect(canWithScopes(all, permission), permission).toBeNull();
    }
    expect(canWithScopes([], "plan:read")).toBeNull();
  });

  it("every scope's grants are known permissions at clinic scope", () => {
    for (const grants of Object.values(API_SCOPE_PERMISSIONS)) {
      for (const [permission, scope] of Object.entries(grants)) {
        expect(PERMISSIONS as readonly string[]).toContain(permission);
        expect(scope).toBe("clinic");
      }
    }
  });
});

describe("instrument:manage (issue 16, ADR 045)", () => {
  it("is the admins' alone: loading licensed wording changes what every patient of the clinic reads", () => {
    expect(ROLES.filter((role) => can(role, "instrument:manage") !== null)).toEqual(["ADMIN"]);
  });
});
