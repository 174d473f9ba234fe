// The protocol exchange's pure parts (ADR 051): the exported Bundle is valid R4 (structure and
// required bindings) with every canonical resolving inside it, and the parser reads back exactly
// what was exported; each kind of bad input is one issue with the element it concerns.
import type { ActivityDefinition, Bundle, PlanDefinition } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { toProtocolBundle, type ExportCatalogItemRow, type ExportTemplateRow } from "@/lib/fhir/import/export-protocol";
import { parseProtocol } from "@/lib/fhir/import/parse-protocol";
import { treatmentCode } from "@/lib/fhir/import/systems";
import { EXTENSIONS } from "@/lib/fhir/systems";
import { canonicalsIn, fhirProblems, loadFhirDefinitions } from "../fixtures/fhir";

beforeAll(loadFhirDefinitions, 60_000);

const T = new Date("2026-11-20T10:00:00Z");
const stretch: ExportCatalogItemRow = {
  id: "itemstretch", clinicId: "clinicA", name: "Knee-to-chest stretch", kind: "EXERCISE", category: "STRETCH", setting: "HOME", description: "Gentle lumbar flexion stretch.",
  patientInstructions: "Lie on your back and pull one knee to your chest.", defaultDurationMin: null, defaultSets: 2, defaultReps: 10, defaultHoldSec: 20, defaultTimesPerDay: 2, defaultDaysPerWeek: 7,
  contraindications: ["PREGNANCY"], equipment: ["Mat"], status: "ACTIVE", version: 3, updatedAt: T, bodyRegions: ["LOWER_BACK"], conditions: ["low back pain"], tags: ["gentle"],
};
const needling: ExportCatalogItemRow = {
  ...stretch, id: "itemneedle", name: "Dry needling", kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC", contraindications: ["ANTICOAGULANTS", "NEEDLE_PHOBIA"], equipment: [],
  defaultSets: null, defaultReps: null, defaultHoldSec: null, defaultTimesPerDay: null, defaultDaysPerWeek: null, defaultDurationMin: 15, version: 1, conditions: [], tags: [],
};
const template: ExportTemplateRow = {
  id: "tplacute", clinicId: "clinicA", name: "Lower back spasm — acute", condition: "Muscle spasm of back", icd10Code: "M62.830", description: "First two weeks.", status: "ACTIVE", version: 2, updatedAt: T,
  bodyRegions: ["LOWER_BACK"], tags: ["acute"],
  items: [
    { id: "ti2", templateId: "tplacute", catalogItemId: "itemneedle", catalogItemName: "Dry needling", setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 0, durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null },
    { id: "ti1", templateId: "tplacute", catalogItemId: "itemstretch", catalogItemName: "Knee-to-chest stretch", setting: "HOME", phase: "MOBILITY", position: 1, durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 5 },
    { id: "ti3", templateId: "tplacute", catalogItemId: "itemstretch", catalogItemName: "Knee-to-chest stretch", setting: "HOME", phase: "MAINTENANCE", position: 2, durationMin: null, sets: 1, reps: 10, holdSec: 20, timesPerDay: 1, daysPerWeek: 3 },
  ],
};

const exported = () => toProtocolBundle(template, [stretch, needling], T);
const clone = <X>(x: X): X => JSON.parse(JSON.stringify(x)) as X;
const pdOf = (b: Bundle) => b.entry![0]!.resource as PlanDefinition;
const adOf = (b: Bundle, i: number) => b.entry![i]!.resource as ActivityDefinition;

function issuesOf(input: unknown) {
  const result = parseProtocol(input);
  if (result.ok) throw new Error("expected the input to be refused");
  return result.issues;
}

describe("export", () => {
  it("is valid R4, every resource, with every definitionCanonical resolving inside the Bundle", () => {
    const bundle = exported();
    expect(fhirProblems(bundle)).toEqual([]);
    for (const e of bundle.entry!) expect(fhirProblems(e.resource!)).toEqual([]);
    const urls = new Set(bundle.entry!.map((e) => (e.resource as ActivityDefinition).url));
    const canonicals = canonicalsIn(pdOf(bundle));
    expect(canonicals).toHaveLength(3);
    for (const c of canonicals) expect(urls.has(c.canonical.split("|")[0])).toBe(true);
  });

  it("lists each ActivityDefinition once, in the protocol's order, with a clinic-independent treatment code", () => {
    const bundle = exported();
    expect(bundle.type).toBe("collection");
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual(["PlanDefinition", "ActivityDefinition", "ActivityDefinition"]);
    expect([adOf(bundle, 1).title, adOf(bundle, 2).title]).toEqual(["Dry needling", "Knee-to-chest stretch"]);
    expect(adOf(bundle, 2).identifier).toEqual([{ use: "usual", system: "https://riverside-plans.example/fhir/CodeSystem/treatment", value: "knee-to-chest-stretch" }]);
    expect(JSON.stringify(adOf(bundle, 2).identifier)).not.toContain("clinicA");
  });

  it("treatment codes ignore case, accents, spacing and punctuation", () => {
    expect(treatmentCode("  Knee-to-Chest   stretch ")).toBe("knee-to-chest-stretch");
    expect(treatmentCode("Mobilisation — épaule")).toBe("mobilisation-epaule");
    expect(treatmentCode("—")).toBe("");
  });
});

describe("parse", () => {
  beforeAll(() => void parseProtocol({ resourceType: "Bundle", type: "collection" }), 60_000);

  it("reads back exactly what was exported: header, facets, items in order with doses, phases and settings", () => {
    const result = parseProtocol(exported());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const p = result.protocol;
    expect({ name: p.name, condition: p.condition, icd10Code: p.icd10Code, description: p.description, bodyRegions: p.bodyRegions, tags: p.tags }).toEqual({
      name: "Lower back spasm — acute", condition: "Muscle spasm of back", icd10Code: "M62.830", description: "First two weeks.", bodyRegions: ["LOWER_BACK"], tags: ["acute"],
    });
    const names = new Map(p.activities.map((a) => [a.key, a.item.name]));
    expect(p.actions.map((a) => [names.get(a.activityKey), a.phase, a.setting, a.dose])).toEqual([
      ["Dry needling", "PAIN_RELIEF", "IN_CLINIC", { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null }],
      ["Knee-to-chest stretch", "MOBILITY", "HOME", { durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 5 }],
      ["Knee-to-chest stretch", "MAINTENANCE", "HOME", { durationMin: null, sets: 1, reps: 10, holdSec: 20, timesPerDay: 1, daysPerWeek: 3 }],
    ]);
    const knee = p.activities.find((a) => a.item.name === "Knee-to-chest stretch")!;
    expect(knee.code).toBe("knee-to-chest-stretch");
    expect(knee.item).toEqual({
      name: "Knee-to-chest stretch", kind: "EXERCISE", category: "STRETCH", setting: "HOME", description: "Gentle lumbar flexion stretch.",
      patientInstructions: "Lie on your back and pull one knee to your chest.", dose: { durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 7 },
      contraindications: ["PREGNANCY"], equipment: ["Mat"], bodyRegions: ["LOWER_BACK"], conditions: ["low back pain"], tags: ["gentle"],
    });
  });

  it("takes a bare PlanDefinition with its ActivityDefinitions contained", () => {
    const bundle = exported();
    const pd = clone(pdOf(bundle));
    // dom-4: a contained resource carries no meta.lastUpdated.
    const ads = [adOf(bundle, 1), adOf(bundle, 2)].map((ad, i) => ({ ...clone(ad), id: `ad${i}`, meta: undefined }));
    pd.contained = ads;
    for (const action of pd.action!) action.definitionCanonical = `#${ads.find((a) => action.definitionCanonical!.startsWith(a.url!))!.id}`;
    const result = parseProtocol(pd);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.protocol.actions.map((a) => a.activityKey)).toEqual(["#ad0", "#ad1", "#ad1"]);
  });

  it("refuses what is not a FHIR resource, or the wrong one", () => {
    expect(issuesOf([1, 2])).toEqual([expect.objectContaining({ code: "structure" })]);
    expect(issuesOf({ resourceType: "Patient" })).toEqual([expect.objectContaining({ code: "not-supported", expression: ["resourceType"] })]);
  });

  it("lists every structural problem medplum finds (missing required, wrong types, unknown elements)", () => {
    const bundle = clone(exported());
    delete (pdOf(bundle) as Partial<PlanDefinition>).status;
    (adOf(bundle, 1) as unknown as Record<string, unknown>).title = 42;
    (adOf(bundle, 2) as unknown as Record<string, unknown>).colour = "blue";
    const issues = issuesOf(bundle);
    expect(issues.map((i) => i.expression?.[0]).sort()).toEqual(["Bundle.entry[0].resource.status", "Bundle.entry[1].resource.title", "Bundle.entry[2].resource.colour"]);
  });

  it("lists each broken rule of ours: bindings, unresolved canonical, dose out of range, unknown codes", () => {
    const bundle = clone(exported());
    pdOf(bundle).status = "bogus" as PlanDefinition["status"];
    pdOf(bundle).action![1]!.definitionCanonical = "https://elsewhere.example/ActivityDefinition/nope|1";
    const dose = pdOf(bundle).action![2]!.extension!.find((e) => e.url === EXTENSIONS.dose)!;
    dose.extension!.find((e) => e.url === "sets")!.valueInteger = 500;
    adOf(bundle, 1).topic = [{ coding: [{ system: "https://riverside-plans.example/fhir/CodeSystem/catalog-kind", code: "SURGERY" }] }];
    const issues = issuesOf(bundle);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "code-invalid", expression: ["Bundle.entry[0].resource.status"] }),
        expect.objectContaining({ code: "not-found", expression: ["Bundle.entry[0].resource.action[1].definitionCanonical"] }),
        expect.objectContaining({ code: "value", diagnostics: "Sets must be at most 20", expression: [`Bundle.entry[0].resource.action[2].extension.where(url='${EXTENSIONS.dose}').extension.where(url='sets')`] }),
        expect.objectContaining({ code: "code-invalid", expression: ["Bundle.entry[1].resource.topic"] }),
      ]),
    );
    expect(issues).toHaveLength(4);
    for (const i of issues) expect(i.severity).toBe("error");
  });

  it("refuses a home exercise scheduled in the clinic, a missing phase, a missing condition and an empty protocol", () => {
    const bundle = clone(exported());
    pdOf(bundle).action![1]!.extension = pdOf(bundle).action![1]!.extension!.map((e) => (e.url === EXTENSIONS.setting ? { ...e, valueCoding: { ...e.valueCoding, code: "IN_CLINIC" } } : e));
    pdOf(bundle).action![2]!.extension = pdOf(bundle).action![2]!.extension!.filter((e) => e.url !== EXTENSIONS.phase);
    pdOf(bundle).useContext = undefined;
    const issues = issuesOf(bundle);
    expect(issues.map((i) => i.code).sort()).toEqual(["business-rule", "required", "required"]);
    const empty = clone(exported());
    delete pdOf(empty).action;
    expect(issuesOf(empty)).toEqual([expect.objectContaining({ code: "required", expression: ["Bundle.entry[0].resource.action"] })]);
  });

  it("refuses a Bundle with no PlanDefinition, or two", () => {
    const none = clone(exported());
    none.entry = none.entry!.slice(1);
    expect(issuesOf(none)).toEqual([expect.objectContaining({ code: "business-rule", expression: ["Bundle.entry"] })]);
    const two = clone(exported());
    two.entry = [{ ...two.entry![0]!, fullUrl: "https://elsewhere.example/PlanDefinition/copy" }, ...two.entry!];
    expect(issuesOf(two)).toEqual([expect.objectContaining({ code: "business-rule", expression: ["Bundle.entry"] })]);
  });
});
