// Pure rules of protocol templates: status changes, settings a treatment allows, what clinicians
// see, phase grouping and the messages that say which item was refused and why.
import { describe, expect, it } from "vitest";
import {
  allowedSettings,
  canChangeTemplateStatus,
  catalogItemProblem,
  groupByPhase,
  isVisibleToClinicians,
  nextTemplateStatuses,
  settingProblem,
} from "@/lib/domain/templates/rules";

describe("template status", () => {
  it("goes ACTIVE ⇄ RETIRED and never to the status it already has", () => {
    expect(canChangeTemplateStatus("ACTIVE", "RETIRED")).toBe(true);
    expect(canChangeTemplateStatus("RETIRED", "ACTIVE")).toBe(true);
    expect(canChangeTemplateStatus("ACTIVE", "ACTIVE")).toBe(false);
    expect(canChangeTemplateStatus("RETIRED", "RETIRED")).toBe(false);
    expect(canChangeTemplateStatus("ACTIVE", "DRAFT")).toBe(false);
    expect(canChangeTemplateStatus("RETIRED", "DRAFT")).toBe(false);
  });

  it("offers the admin exactly the next statuses", () => {
    expect(nextTemplateStatuses("ACTIVE")).toEqual(["RETIRED"]);
    expect(nextTemplateStatuses("RETIRED")).toEqual(["ACTIVE"]);
    expect(nextTemplateStatuses("DRAFT")).toEqual(["ACTIVE"]);
  });
});

describe("allowedSettings", () => {
  it("keeps a clinic-only or home-only treatment where it belongs and lets BOTH go anywhere", () => {
    expect(allowedSettings("IN_CLINIC")).toEqual(["IN_CLINIC"]);
    expect(allowedSettings("HOME")).toEqual(["HOME"]);
    expect(allowedSettings("BOTH")).toEqual(["IN_CLINIC", "HOME", "BOTH"]);
  });

  it("explains a setting the treatment does not allow, and accepts an allowed one", () => {
    const needling = { name: "Dry needling", status: "ACTIVE" as const, setting: "IN_CLINIC" as const };
    expect(settingProblem(0, needling, "HOME")).toBe("Treatment 1 (Dry needling) is given in the clinic only.");
    expect(settingProblem(0, needling, "BOTH")).toBe("Treatment 1 (Dry needling) is given in the clinic only.");
    expect(settingProblem(0, needling, "IN_CLINIC")).toBeNull();
    expect(settingProblem(4, { name: "Bridging", status: "ACTIVE", setting: "HOME" }, "IN_CLINIC")).toBe("Treatment 5 (Bridging) is done at home only.");
  });
});

describe("catalogItemProblem", () => {
  const item = (status: "DRAFT" | "ACTIVE" | "RETIRED") => ({ name: "Laser therapy", status, setting: "IN_CLINIC" as const });

  it("accepts an ACTIVE treatment", () => {
    expect(catalogItemProblem(0, item("ACTIVE"), false)).toBeNull();
  });

  it("names the item and the reason for a retired or draft treatment being added", () => {
    expect(catalogItemProblem(2, item("RETIRED"), false)).toBe("Treatment 3 (Laser therapy) is retired in the catalog and cannot be added.");
    expect(catalogItemProblem(0, item("DRAFT"), false)).toBe("Treatment 1 (Laser therapy) is still a draft in the catalog; activate it before adding it.");
  });

  it("keeps a treatment the template already held even if it was retired since", () => {
    expect(catalogItemProblem(1, item("RETIRED"), true)).toBeNull();
  });

  it("does not name a treatment outside the clinic's catalog", () => {
    expect(catalogItemProblem(0, undefined, false)).toBe("Treatment 1 is not in this clinic's catalog.");
    expect(catalogItemProblem(0, undefined, true)).toBe("Treatment 1 is not in this clinic's catalog.");
  });
});

describe("what clinicians see", () => {
  it("shows only items whose treatment is ACTIVE", () => {
    expect(isVisibleToClinicians({ catalogStatus: "ACTIVE" })).toBe(true);
    expect(isVisibleToClinicians({ catalogStatus: "RETIRED" })).toBe(false);
    expect(isVisibleToClinicians({ catalogStatus: "DRAFT" })).toBe(false);
  });

  it("groups items by phase in clinical order, keeping the template's order within a phase", () => {
    const items = [
      { name: "Bridging", phase: "STRENGTHENING" as const, position: 3 },
      { name: "Cat-cow", phase: "MOBILITY" as const, position: 1 },
      { name: "Ice", phase: "PAIN_RELIEF" as const, position: 2 },
      { name: "Massage", phase: "PAIN_RELIEF" as const, position: 0 },
    ];
    expect(groupByPhase(items).map((g) => [g.phase, g.items.map((i) => i.name)])).toEqual([
      ["PAIN_RELIEF", ["Massage", "Ice"]],
      ["MOBILITY", ["Cat-cow"]],
      ["STRENGTHENING", ["Bridging"]],
    ]);
    expect(groupByPhase([])).toEqual([]);
  });
});
