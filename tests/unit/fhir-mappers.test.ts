// Each FHIR mapper (lib/fhir, ADR 049) against the R4 structure definitions and the required code
// bindings, and the mapping decisions a receiving system would notice: statuses, LOINC codes,
// doses as Timing, the note text, signatures and overrides as Provenance.
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { toFhirContraindicationFlags, toFhirOrganization, toFhirPatient, toFhirPractitioner, toFhirPractitionerRole } from "@/lib/fhir/administrative";
import { CARE_PLAN_STATUS, toFhirCarePlan, toFhirOverrideProvenance, toFhirPlanCondition, toFhirPlanGoal } from "@/lib/fhir/care-plan";
import { computableName, toFhirActivityDefinition, toFhirPlanDefinition } from "@/lib/fhir/definitions";
import { toFhirAddendumDocument, toFhirEncounter, toFhirNoteDocument, toFhirProcedure, toFhirSessionPainObservations, toFhirSignatureProvenance } from "@/lib/fhir/encounter";
import { toFhirOutcomeObservation, toFhirQuestionnaire, toFhirQuestionnaireResponse } from "@/lib/fhir/outcomes";
import { mapPatientRecord } from "@/lib/fhir/patient-record";
import { toSearchsetBundle } from "@/lib/fhir/bundle";
import { ODI } from "@/lib/clinical/instruments";
import type { FhirActivityRow, FhirCatalogItemRow, FhirClinicRows, FhirOutcomeRow, FhirPatientRecordRows, FhirPerformedRow, FhirPlanRow, FhirSessionRow, FhirTemplateRow, FhirUserRow } from "@/lib/fhir/rows";
import { fhirProblems, loadFhirDefinitions, requiredBindingProblems, unresolvedInBundle } from "../fixtures/fhir";

beforeAll(loadFhirDefinitions, 60_000);

const T = new Date("2026-11-20T10:00:00Z");
const clinic = { id: "clinic1", name: "Riverside Physio", slug: "riverside", timezone: "Europe/London", address: "1 River St", phone: "+44 20 0000 0000", createdAt: T };
const maya: FhirUserRow = { id: "usermaya", clinicId: "clinic1", name: "Maya Chen", email: "maya@x.example", role: "CLINICIAN", active: true, updatedAt: T };
const patient = {
  id: "patjordan", clinicId: "clinic1", userId: "userjordan", firstName: "Jordan", lastName: "Lee", dateOfBirth: new Date("1988-04-12T00:00:00Z"),
  email: "jordan@x.example", phone: null, contraindications: ["ANTICOAGULANTS" as const], archivedAt: null, updatedAt: T,
};
const item: FhirCatalogItemRow = {
  id: "itemstretch", clinicId: "clinic1", name: "Knee-to-chest stretch", kind: "EXERCISE", category: "STRETCH", setting: "HOME", description: "Gentle lumbar flexion stretch.",
  patientInstructions: "Lie on your back…", defaultDurationMin: null, defaultSets: 2, defaultReps: 10, defaultHoldSec: 20, defaultTimesPerDay: 2, defaultDaysPerWeek: 7,
  contraindications: [], equipment: ["Mat"], status: "ACTIVE", version: 3, updatedAt: T,
};
const needling: FhirCatalogItemRow = { ...item, id: "itemneedle", name: "Dry needling", kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC", contraindications: ["ANTICOAGULANTS", "NEEDLE_PHOBIA"], equipment: [], defaultSets: null, defaultReps: null, defaultHoldSec: null, defaultTimesPerDay: null, defaultDaysPerWeek: null, defaultDurationMin: 15, version: 1 };
const template: FhirTemplateRow = {
  id: "tplacute", clinicId: "clinic1", name: "Lower back spasm — acute", condition: "Muscle spasm of back", icd10Code: "M62.830", description: "First two weeks.", status: "ACTIVE", version: 2, updatedAt: T,
  items: [
    { id: "ti2", templateId: "tplacute", catalogItemId: "itemneedle", catalogItemName: "Dry needling", setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 1, durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null },
    { id: "ti1", templateId: "tplacute", catalogItemId: "itemstretch", catalogItemName: "Knee-to-chest stretch", setting: "HOME", phase: "MOBILITY", position: 0, durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 5 },
  ],
};
const plan: FhirPlanRow = {
  id: "planjordan", clinicId: "clinic1", patientId: "patjordan", clinicianId: "usermaya", createdById: "usermaya", title: "Lower back spasm", condition: "Muscle spasm of back",
  icd10Code: "M62.830", goals: "Back to work without pain.", status: "ACTIVE", statusReason: null, startDate: new Date("2026-11-01T00:00:00Z"), reviewDate: new Date("2026-12-01T00:00:00Z"),
  endDate: null, plannedSessions: 6, templateId: "tplacute", createdAt: T, updatedAt: T,
};
const stretch: FhirActivityRow = {
  id: "actstretch", clinicId: "clinic1", planId: "planjordan", catalogItemId: "itemstretch", nameSnapshot: "Knee-to-chest stretch", instructionsSnapshot: "Lie on your back…", kindSnapshot: "EXERCISE",
  catalogVersionSnapshot: 3, setting: "HOME", phase: "MOBILITY", position: 0, durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 5, status: "ACTIVE",
  overriddenFlags: [], overrideReason: null, overriddenById: null, overriddenAt: null, updatedAt: T,
};
const needle: FhirActivityRow = {
  ...stretch, id: "actneedle", catalogItemId: "itemneedle", nameSnapshot: "Dry needling", instructionsSnapshot: "", kindSnapshot: "MODALITY", catalogVersionSnapshot: 1, setting: "IN_CLINIC",
  phase: "PAIN_RELIEF", position: 1, durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null,
  overriddenFlags: ["ANTICOAGULANTS"], overrideReason: "INR stable, discussed with GP", overriddenById: "usermaya", overriddenAt: T,
};
const session: FhirSessionRow = {
  id: "sess1", clinicId: "clinic1", planId: "planjordan", patientId: "patjordan", clinicianId: "usermaya", startsAt: T, durationMin: 45, status: "COMPLETED", statusReason: null,
  painBefore: 7, painAfter: 5, subjective: "Pain 7/10 – began lifting boxes.", objective: "Flexion 40%.", assessment: "Acute spasm.", planNote: "Continue.", adverseEvent: null,
  noteStatus: "SIGNED", noteAuthorId: "usermaya", signedAt: new Date("2026-11-20T10:50:00Z"), signedById: "usermaya", updatedAt: T,
};
const performed: FhirPerformedRow = {
  id: "perf1", clinicId: "clinic1", sessionId: "sess1", planActivityId: "actneedle", catalogItemId: "itemneedle", status: "COMPLETED", notDoneReason: null,
  parameters: { sites: ["L4 paraspinal", "L5 paraspinal"], needles: 4 }, durationMin: 15, adverseEvent: null, createdAt: T,
};
const nprs: FhirOutcomeRow = { id: "outnprs", clinicId: "clinic1", patientId: "patjordan", planId: "planjordan", sessionId: null, instrument: "NPRS", context: "BASELINE", answers: { pain: 7 }, score: 7, band: null, recordedById: "usermaya", recordedAt: T };
const odi: FhirOutcomeRow = { ...nprs, id: "outodi", instrument: "ODI", answers: { painIntensity: 3, personalCare: 1, lifting: 3, walking: 2, sitting: 3, standing: 2, sleeping: 2, sexLife: null, socialLife: 2, travelling: 2 }, score: 44.4, band: "severe", sessionId: "sess1" };
const rmdq: FhirOutcomeRow = { ...nprs, id: "outrmdq", instrument: "RMDQ", answers: { items: [true, false, true, ...Array(21).fill(false)] }, score: 2, recordedById: "userjordan" };

const expectValid = (resource: Resource) => expect(fhirProblems(resource)).toEqual([]);

describe("the checks themselves", () => {
  it("report a code outside a required binding that validateResource lets through", () => {
    const bogus = { ...toFhirCarePlan(plan, [stretch]), status: "bogus" } as unknown as Resource;
    expect(requiredBindingProblems(bogus).join()).toContain("request-status");
    const nested = toFhirCarePlan(plan, [stretch]);
    (nested.activity![0]!.detail!.scheduledTiming!.repeat as { periodUnit: string }).periodUnit = "fortnight";
    expect(requiredBindingProblems(nested).join()).toContain("units-of-time");
    // Inside a datatype (Identifier.use), inside a Bundle entry, and a Coding (Encounter.class is extensible: not checked).
    const patientResource = { ...toFhirPatient(patient), identifier: [{ use: "bogus", system: "x", value: "y" }] } as unknown as Resource;
    const inBundle: Bundle = { resourceType: "Bundle", type: "collection", entry: [{ resource: patientResource }, { resource: { ...toFhirEncounter(session), status: "done" } as unknown as Resource }] };
    const problems = requiredBindingProblems(inBundle).join("\n");
    expect(problems).toContain("identifier-use");
    expect(problems).toContain("encounter-status");
    expect(requiredBindingProblems({ ...inBundle, type: "pile" } as unknown as Resource).join()).toContain("bundle-type");
  });
  it("report a structural error and an unresolved reference", () => {
    expect(fhirProblems({ ...toFhirPatient(patient), birthDate: "1988-13-40" } as Resource).length).toBeGreaterThan(0);
    const bundle: Bundle = { resourceType: "Bundle", type: "collection", entry: [{ resource: toFhirCarePlan(plan, [stretch]) }] };
    expect(unresolvedInBundle(bundle)).toContain("CarePlan/planjordan.subject.reference → Patient/patjordan");
  });
});

describe("administrative resources", () => {
  it("map clinic, staff and patient with per-clinic identifier systems", () => {
    const org = toFhirOrganization(clinic);
    const pat = toFhirPatient(patient, [{ patientId: "patjordan", clinicianId: "usermaya", isPrimary: true }]);
    for (const r of [org, toFhirPractitioner(maya), toFhirPractitionerRole(maya), pat, ...toFhirContraindicationFlags(patient)]) expectValid(r);
    expect(pat.identifier?.[0]).toEqual({ use: "official", system: "https://riverside-plans.example/fhir/clinic/clinic1/patient", value: "patjordan" });
    expect(pat.birthDate).toBe("1988-04-12");
    expect(pat.generalPractitioner).toEqual([{ reference: "Practitioner/usermaya" }]);
    expect(pat.meta?.lastUpdated).toBe(T.toISOString());
    expect(toFhirContraindicationFlags(patient).map((f) => [f.id, f.code.coding?.[0]?.code])).toEqual([["patjordan-anticoagulants", "ANTICOAGULANTS"]]);
    expect(toFhirPatient({ ...patient, archivedAt: T }).active).toBe(false);
  });
});

describe("definitions", () => {
  it("map a catalog item to an ActivityDefinition with its default dose as Timing", () => {
    const ad = toFhirActivityDefinition(item);
    expectValid(ad);
    expect(ad.url).toBe("https://riverside-plans.example/fhir/clinic/clinic1/ActivityDefinition/itemstretch");
    expect(ad.version).toBe("3");
    expect(ad.status).toBe("active");
    expect(ad.timingTiming?.repeat).toMatchObject({ frequency: 2, period: 1, periodUnit: "d" });
    expectValid(toFhirActivityDefinition({ ...needling, status: "RETIRED" }));
    expect(computableName("Lower back spasm — acute")).toBe("LowerBackSpasmAcute");
    expect(ad.relatedArtifact).toBeUndefined();
  });
  it("cite an item's guideline statements as relatedArtifact, superseded guidance said to be not current", () => {
    // Two of the seed's laser statements (prisma/seed-data/guideline-statements.ts), as stored.
    const acp = {
      id: "gsacp", condition: "low back pain", population: "Adults with chronic low back pain", publisher: "American College of Physicians (ACP)", year: 2017,
      guideline: "Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain: A Clinical Practice Guideline From the American College of Physicians (Qaseem et al., Ann Intern Med 2017;166:514-530)",
      recommendation: "Recommendation 2", url: "https://www.acpjournals.org/doi/10.7326/M16-2367", stance: "RECOMMEND" as const, stanceCondition: null,
      quote: "For patients with chronic low back pain, clinicians and patients should initially select nonpharmacologic treatment with exercise, […] low-level laser therapy, […]",
      supersededBy: null, supersededYear: null, lastCheckedOn: new Date("2026-12-05T00:00:00Z"),
    };
    const cg88 = {
      ...acp, id: "gscg88", population: "Adults with persistent or recurrent non-specific low back pain that has lasted for more than 6 weeks, but for less than 12 months",
      publisher: "National Institute for Health and Clinical Excellence (NICE)", year: 2009, guideline: "Low back pain: early management of persistent non-specific low back pain (CG88)",
      recommendation: "1.5.1", url: "https://www.nice.org.uk/guidance/cg88", stance: "DO_NOT_OFFER" as const, quote: "Do not offer laser therapy.", supersededBy: "NICE NG59", supersededYear: 2016,
    };
    const ad = toFhirActivityDefinition({ ...needling, id: "itemlaser", name: "Laser therapy", guidelineStatements: [acp, cg88] });
    expectValid(ad);
    expect(ad.relatedArtifact).toHaveLength(2);
    const [current, superseded] = ad.relatedArtifact!;
    expect(current).toMatchObject({ type: "citation", label: "Recommendation 2", url: "https://www.acpjournals.org/doi/10.7326/M16-2367", citation: acp.quote });
    expect(current!.display).toBe("American College of Physicians (ACP) 2017 Recommendation 2, low back pain (Adults with chronic low back pain): Recommend");
    expect(superseded!.display).toBe(
      "National Institute for Health and Clinical Excellence (NICE) CG88 2009 recommendation 1.5.1, low back pain (Adults with persistent or recurrent non-specific low back pain that has lasted for more than 6 weeks, but for less than 12 months): Do not offer; superseded by NICE NG59 (2016), not current",
    );
    expect(superseded!.extension).toEqual([
      { url: "https://riverside-plans.example/fhir/StructureDefinition/guideline-stance", valueCoding: { system: "https://riverside-plans.example/fhir/CodeSystem/guideline-stance", code: "DO_NOT_OFFER", display: "Do not offer" } },
      { url: "https://riverside-plans.example/fhir/StructureDefinition/guideline-condition", valueString: "low back pain" },
      { url: "https://riverside-plans.example/fhir/StructureDefinition/guideline-last-checked", valueDate: "2026-12-05" },
    ]);
  });
  it("map a protocol to a PlanDefinition with ordered actions pointing at versioned ActivityDefinitions", () => {
    const pd = toFhirPlanDefinition(template, [item, needling]);
    expectValid(pd);
    expect(pd.action?.map((a) => a.title)).toEqual(["Knee-to-chest stretch", "Dry needling"]);
    expect(pd.action?.[0]?.definitionCanonical).toBe("https://riverside-plans.example/fhir/clinic/clinic1/ActivityDefinition/itemstretch|3");
    expect(pd.useContext?.[0]?.valueCodeableConcept?.coding?.[0]).toEqual({ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "M62.830" });
  });
});

describe("CarePlan", () => {
  it("maps each plan status (CANCELLED → revoked) and intent plan", () => {
    expect(CARE_PLAN_STATUS).toEqual({ DRAFT: "draft", ACTIVE: "active", ON_HOLD: "on-hold", COMPLETED: "completed", CANCELLED: "revoked", ENTERED_IN_ERROR: "entered-in-error" });
    for (const status of Object.keys(CARE_PLAN_STATUS) as FhirPlanRow["status"][]) {
      const cp = toFhirCarePlan({ ...plan, status }, [stretch, needle], [performed], template);
      expectValid(cp);
      expect(cp.intent).toBe("plan");
      expectValid(toFhirPlanGoal({ ...plan, status }));
      expectValid(toFhirPlanCondition({ ...plan, status }));
    }
  });
  it("carries activities as detail with dose, schedule, performers and performed treatments", () => {
    const cp = toFhirCarePlan(plan, [needle, stretch], [performed], template);
    expect(cp.instantiatesCanonical).toEqual(["https://riverside-plans.example/fhir/clinic/clinic1/PlanDefinition/tplacute|2"]);
    const [first, second] = cp.activity!;
    expect(first!.detail?.code?.text).toBe("Knee-to-chest stretch");
    expect(first!.detail?.scheduledTiming?.repeat).toMatchObject({ frequency: 2, period: 1, periodUnit: "d", extension: [{ valueInteger: 5 }] });
    expect(first!.detail?.quantity).toEqual({ value: 10, unit: "repetitions" });
    expect(first!.detail?.performer).toEqual([{ reference: "Patient/patjordan" }]);
    expect(first!.detail?.status).toBe("in-progress");
    expect(second!.detail?.performer).toEqual([{ reference: "Practitioner/usermaya" }]);
    expect(second!.outcomeReference).toEqual([{ reference: "Procedure/perf1" }]);
    expect(toFhirCarePlan({ ...plan, status: "DRAFT" }, [stretch]).activity?.[0]?.detail?.status).toBe("not-started");
  });
  it("records a contraindication override as a Provenance, and none without one", () => {
    const prov = toFhirOverrideProvenance(plan, needle)!;
    expectValid(prov);
    expect(prov.target).toEqual([{ reference: "CarePlan/planjordan" }]);
    expect(prov.agent[0]?.who).toEqual({ reference: "Practitioner/usermaya" });
    expect(prov.reason?.[0]?.text).toContain("Anticoagulants");
    expect(toFhirOverrideProvenance(plan, stretch)).toBeUndefined();
  });
});

describe("sessions", () => {
  it("map each session status to an Encounter status", () => {
    for (const [status, expected] of [["SCHEDULED", "planned"], ["COMPLETED", "finished"], ["CANCELLED", "cancelled"], ["NO_SHOW", "cancelled"]] as const) {
      const enc = toFhirEncounter({ ...session, status });
      expectValid(enc);
      expect(enc.status).toBe(expected);
    }
  });
  it("map pain before/after as NPRS Observations coded LOINC 72514-3", () => {
    const obs = toFhirSessionPainObservations(session);
    obs.forEach(expectValid);
    expect(obs.map((o) => [o.code.coding?.[0]?.code, o.valueInteger])).toEqual([["72514-3", 7], ["72514-3", 5]]);
    expect(toFhirSessionPainObservations({ ...session, painBefore: null, painAfter: null })).toEqual([]);
  });
  it("maps a performed treatment to a Procedure with its parameters", () => {
    const proc = toFhirProcedure(performed, session, needle);
    expectValid(proc);
    expect(proc.status).toBe("completed");
    const sites = proc.extension?.find((e) => e.extension?.[0]?.valueString === "sites");
    expect(sites?.extension?.slice(1).map((e) => e.valueString)).toEqual(["L4 paraspinal", "L5 paraspinal"]);
    const notDone = toFhirProcedure({ ...performed, status: "NOT_DONE", notDoneReason: "Patient declined", parameters: {} }, session, needle);
    expectValid(notDone);
    expect([notDone.status, notDone.statusReason?.text]).toEqual(["not-done", "Patient declined"]);
  });
  it("exports a signed note as text/plain base64 with its signature, addenda appended; a draft not at all", () => {
    const doc = toFhirNoteDocument(session)!;
    expectValid(doc);
    const text = Buffer.from(doc.content[0]!.attachment.data!, "base64").toString("utf8");
    expect(text).toBe("Subjective:\nPain 7/10 – began lifting boxes.\n\nObjective:\nFlexion 40%.\n\nAssessment:\nAcute spasm.\n\nPlan:\nContinue.");
    expect(doc.type?.coding?.[0]?.code).toBe("11506-3");
    const sig = toFhirSignatureProvenance(session)!;
    expectValid(sig);
    expect(sig.signature?.[0]?.when).toBe("2026-11-20T10:50:00.000Z");
    const add = toFhirAddendumDocument({ id: "add1", clinicId: "clinic1", sessionId: "sess1", authorId: "usermaya", text: "Correction: flexion 45%.", createdAt: T }, session);
    expectValid(add);
    expect(add.relatesTo).toEqual([{ code: "appends", target: { reference: "DocumentReference/sess1-note" } }]);
    expect(toFhirNoteDocument({ ...session, noteStatus: "DRAFT", signedAt: null })).toBeUndefined();
    expect(toFhirSignatureProvenance({ ...session, noteStatus: "DRAFT", signedAt: null, signedById: null })).toBeUndefined();
  });
});

describe("outcomes", () => {
  it("code NPRS with LOINC 72514-3 and ODI with 97909-6, RMDQ as text; ODI and RMDQ answers as QuestionnaireResponses", () => {
    const n = toFhirOutcomeObservation(nprs, "userjordan");
    const o = toFhirOutcomeObservation(odi, "userjordan");
    const r = toFhirOutcomeObservation(rmdq, "userjordan");
    [n, o, r].forEach(expectValid);
    expect(n.code.coding?.[0]?.code).toBe("72514-3");
    expect(o.code.coding?.[0]?.code).toBe("97909-6");
    expect(r.code.coding?.every((c) => c.system !== "http://loinc.org")).toBe(true);
    expect(o.valueQuantity).toMatchObject({ value: 44.4, code: "%" });
    expect(o.derivedFrom).toEqual([{ reference: "QuestionnaireResponse/outodi-answers" }]);
    expect(r.performer).toEqual([{ reference: "Patient/patjordan" }]);
    expect(toFhirQuestionnaireResponse(nprs, "userjordan")).toBeUndefined();
    const qr = toFhirQuestionnaireResponse(odi, "userjordan")!;
    expectValid(qr);
    expect(qr.item?.length).toBe(9);
    // Answers as the definition's options (lib/clinical/instruments): the value as code and ordinal, the statement as display.
    const first = qr.item?.[0];
    expect(first?.linkId).toBe("painIntensity");
    expect(first?.answer?.[0]?.valueCoding).toMatchObject({ code: "3", extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 3 }] });
    expect(first?.answer?.[0]?.valueCoding?.display).toBe(ODI.items[0]!.options!.find((o) => o.value === 3)!.label);
    const rq = toFhirQuestionnaireResponse(rmdq, "userjordan")!;
    expectValid(rq);
    expect(rq.item?.filter((i) => i.answer?.[0]?.valueBoolean).length).toBe(2);
    const psfs: FhirOutcomeRow = { ...nprs, id: "outpsfs", instrument: "PSFS", answers: { activities: [{ activity: "Lifting my toddler", rating: 3 }, { activity: "Golf", rating: 5 }] }, score: 4 };
    const pq = toFhirQuestionnaireResponse(psfs, "userjordan")!;
    expectValid(pq);
    expectValid(toFhirOutcomeObservation(psfs, "userjordan"));
    expect(pq.item?.map((i) => i.item?.map((x) => x.answer?.[0]?.valueString ?? x.answer?.[0]?.valueInteger))).toEqual([["Lifting my toddler", 3], ["Golf", 5]]);
    // Every response links to items its Questionnaire has.
    for (const [i, response] of [["ODI", qr], ["RMDQ", rq], ["PSFS", pq]] as const) {
      const q = toFhirQuestionnaire("clinic1", i);
      expectValid(q);
      expect(response.questionnaire).toBe(q.url);
      const linkIds = new Set(JSON.stringify(q).match(/"linkId":"[^"]+"/g));
      for (const id of JSON.stringify(response).match(/"linkId":"[^"]+"/g) ?? []) expect(linkIds.has(id), `${i} ${id}`).toBe(true);
    }
  });
});

describe("a patient's record in a Bundle", () => {
  const clinicRows: FhirClinicRows = { clinic, users: [maya], catalogItems: [item, needling], templates: [template] };
  const rows: FhirPatientRecordRows = {
    patients: [patient], careTeam: [{ patientId: "patjordan", clinicianId: "usermaya", isPrimary: true }], plans: [plan], activities: [stretch, needle], sessions: [session, { ...session, id: "sess2", noteStatus: "DRAFT", signedAt: null, signedById: null, painBefore: null, painAfter: null, status: "SCHEDULED" }],
    addenda: [{ id: "add1", clinicId: "clinic1", sessionId: "sess1", authorId: "usermaya", text: "Correction.", createdAt: T }], performed: [performed], outcomes: [nprs, odi, rmdq],
  };
  it("is valid resource by resource, and every reference and canonical resolves inside it", () => {
    const resources = mapPatientRecord(clinicRows, rows, "patjordan");
    const bundle = toSearchsetBundle(resources, { base: "https://clinic.example/api/fhir", selfUrl: "https://clinic.example/api/fhir/Patient/patjordan/$everything" });
    expect(fhirProblems(bundle)).toEqual([]);
    expect(unresolvedInBundle(bundle)).toEqual([]);
    const count = (type: string) => resources.filter((r) => r.resourceType === type).length;
    expect([count("Patient"), count("CarePlan"), count("Encounter"), count("Procedure"), count("DocumentReference"), count("Provenance"), count("QuestionnaireResponse"), count("Questionnaire")]).toEqual([1, 1, 2, 1, 2, 2, 2, 2]);
    const ids = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bundle.total).toBe(1);
  });
  it("is empty for a patient not in the rows", () => {
    expect(mapPatientRecord(clinicRows, rows, "someoneelse")).toEqual([]);
  });
});
