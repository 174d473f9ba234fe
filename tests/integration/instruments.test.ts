// Outcome instruments as data (issue 16, ADR 045) against the real database: PSFS in the clinic
// and in the portal (claimed against the plan's open ask), the clinic's versioned definitions,
// licensed ODI wording loaded by an admin (validated, versioned, audited, relabelled; scores
// unchanged), refusals that change nothing, and clinics that never see each other's definitions.
//
// The asks themselves belong to the measure-schedule side (lib/domain/portal/asked-measures);
// here they are an in-memory stand-in with the same contract (openAsks, claimAsk), so this file
// tests the questionnaire side whatever asks exist on the branch it runs on.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Tx } from "@/lib/db";
import { getInstrument, listInstruments, loadLicensedOdiWording } from "@/lib/domain/instruments/definitions";
import { getOutcomeFormContext } from "@/lib/domain/outcomes/outcome-form-context";
import { recordOutcome } from "@/lib/domain/outcomes/record-outcome";
import { getMyQuestionnaire, listMyQuestionnaires } from "@/lib/domain/portal/questionnaires";
import { selfReportQuestionnaire } from "@/lib/domain/portal/self-report";
import { AppError } from "@/lib/errors";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

const asks = vi.hoisted(() => ({ open: new Map<string, Date>() }));
vi.mock("@/lib/domain/portal/asked-measures", () => ({
  openAsks: async (_tx: Tx, planId: string, now: Date) =>
    [...asks.open].filter(([key, at]) => key.startsWith(`${planId}:`) && at <= now).map(([key, at]) => ({ instrument: key.split(":")[1], askedAt: at, reason: "scheduled" as const })),
  claimAsk: async (_tx: Tx, planId: string, instrument: string, now: Date) => {
    const key = `${planId}:${instrument}`;
    const at = asks.open.get(key);
    if (!at || at > now) return false;
    asks.open.delete(key);
    return true;
  },
}));
const ask = (planId: string, instrument: string) => asks.open.set(`${planId}:${instrument}`, new Date(Date.now() - 60_000));

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code, error.message).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

async function world() {
  const clinic = await createClinic();
  const admin = await createUser(clinic.id, "ADMIN");
  const clinician = await createUser(clinic.id, "CLINICIAN");
  const outsider = await createUser(clinic.id, "CLINICIAN");
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }], withPortal: true });
  const plan = await createPlan(clinic.id, patient.id, clinician.id);
  return { clinic, patient, plan, admin: actorFor(admin), clinician: actorFor(clinician), outsider: actorFor(outsider), me: actorFor(portal!, patient.id) };
}

const outcomes = (patientId: string) => testDb().outcomeResponse.findMany({ where: { patientId }, orderBy: { recordedAt: "asc" } });
const SECTIONS = { painIntensity: 3, personalCare: 2, lifting: 2, walking: 1, sitting: 2, standing: 2, sleeping: 1, sexLife: 1, socialLife: 1, travelling: 1 };
const wording = (tag: string) => ({
  licenceReference: `Licence ${tag}`,
  sections: Object.fromEntries(ODI_SECTIONS.map((s) => [s, { prompt: `${tag} ${s}?`, statements: [0, 1, 2, 3, 4, 5].map((n) => `${tag} ${s} statement ${n}`) }])),
});

beforeEach(async () => {
  asks.open.clear();
  await truncateAll();
});

describe("PSFS in the clinic", () => {
  it("scores the mean of the named activities by the clinic's definition, stores its version and the activities, audited", async () => {
    const w = await world();
    const result = await recordOutcome(w.clinician, {
      instrument: "PSFS",
      patientId: w.patient.id,
      planId: w.plan.id,
      context: "BASELINE",
      activities: [
        { activity: "Running 5 km", rating: 3 },
        { activity: "Lifting my child", rating: 5 },
        { activity: "Sitting through a film", rating: 6 },
      ],
    });
    expect(result).toMatchObject({ score: 4.7, band: null, label: "PSFS" });
    const [row] = await outcomes(w.patient.id);
    expect(row).toMatchObject({ instrument: "PSFS", score: 4.7, definitionVersion: 1 });
    expect(row!.answers).toEqual({ activities: [{ activity: "Running 5 km", rating: 3 }, { activity: "Lifting my child", rating: 5 }, { activity: "Sitting through a film", rating: 6 }] });
    expect(await auditCount({ action: "outcome.record.psfs", patientId: w.patient.id })).toBe(1);

    // The next administration re-rates the same activities: the form is given last time's names.
    const context = await getOutcomeFormContext(w.clinician, w.patient.id);
    expect(context.previousPsfsActivities).toEqual(["Running 5 km", "Lifting my child", "Sitting through a film"]);
    expect(context.definitions.ODI.label).toBe("ODI, adapted wording");
    expect(context.definitions.ODI.items[0]!.options).toHaveLength(6);
    await rejects(getOutcomeFormContext(w.outsider, w.patient.id), "NOT_FOUND");
  });

  it.each([
    ["no activity", []],
    ["a rating above 10", [{ activity: "Running", rating: 11 }]],
    ["a rating that is not whole", [{ activity: "Running", rating: 2.5 }]],
    ["an unnamed activity", [{ activity: "  ", rating: 4 }]],
    ["six activities", Array.from({ length: 6 }, (_, i) => ({ activity: `Activity ${i}`, rating: 4 }))],
    ["the same activity twice", [{ activity: "Running", rating: 4 }, { activity: "running", rating: 5 }]],
  ])("refuses %s with VALIDATION and stores nothing", async (_, activities) => {
    const w = await world();
    await rejects(recordOutcome(w.clinician, { instrument: "PSFS", patientId: w.patient.id, planId: w.plan.id, context: "BASELINE", activities }), "VALIDATION");
    expect(await outcomes(w.patient.id)).toEqual([]);
    expect(await auditCount({ patientId: w.patient.id })).toBe(0);
  });

  it("answers NOT_FOUND for a patient outside the care team or of another clinic", async () => {
    const w = await world();
    const other = await world();
    const input = { instrument: "PSFS" as const, patientId: w.patient.id, planId: w.plan.id, context: "BASELINE" as const, activities: [{ activity: "Running", rating: 4 }] };
    await rejects(recordOutcome(w.outsider, input), "NOT_FOUND");
    await rejects(recordOutcome(other.clinician, input), "NOT_FOUND");
    expect(await outcomes(w.patient.id)).toEqual([]);
  });
});

describe("PSFS and the ODI in the portal", () => {
  it("refuses an answer no ask is open for (CONFLICT), stores one claimed answer, and refuses a second", async () => {
    const w = await world();
    const input = { instrument: "PSFS" as const, planId: w.plan.id, activities: [{ activity: "Gardening", rating: 2 }, { activity: "Driving", rating: 7 }] };
    await rejects(selfReportQuestionnaire(w.me, input), "CONFLICT");
    expect(await outcomes(w.patient.id)).toEqual([]);

    ask(w.plan.id, "PSFS");
    expect((await listMyQuestionnaires(w.me)).map((a) => [a.code, a.label])).toEqual([["PSFS", "PSFS"]]);
    const mine = await getMyQuestionnaire(w.me, "psfs");
    expect(mine.ask).toMatchObject({ code: "PSFS", planId: w.plan.id });
    expect(mine.previousActivities).toEqual([]);
    const result = await selfReportQuestionnaire(w.me, input);
    expect(result).toMatchObject({ score: 4.5, label: "PSFS" });
    const [row] = await outcomes(w.patient.id);
    expect(row).toMatchObject({ instrument: "PSFS", context: "INTERIM", score: 4.5, definitionVersion: 1, recordedById: w.me.userId });
    expect(await auditCount({ action: "outcome.self_report.psfs", patientId: w.patient.id })).toBe(1);
    await rejects(selfReportQuestionnaire(w.me, input), "CONFLICT");
    expect(await outcomes(w.patient.id)).toHaveLength(1);

    // Asked again: the patient re-rates the activities they named.
    ask(w.plan.id, "PSFS");
    expect((await getMyQuestionnaire(w.me, "psfs")).previousActivities).toEqual(["Gardening", "Driving"]);
  });

  it("refuses bad answers with VALIDATION before the ask is claimed", async () => {
    const w = await world();
    ask(w.plan.id, "PSFS");
    ask(w.plan.id, "ODI");
    await rejects(selfReportQuestionnaire(w.me, { instrument: "PSFS", planId: w.plan.id, activities: [{ activity: "Gardening", rating: 12 }] }), "VALIDATION");
    const odi = await rejects(selfReportQuestionnaire(w.me, { instrument: "ODI", planId: w.plan.id, sections: { ...SECTIONS, sexLife: null, travelling: null } }), "VALIDATION");
    expect(odi.fieldErrors?.sections?.[0]).toBe("2 sections missing; at most one may be missing");
    expect(await outcomes(w.patient.id)).toEqual([]);
    expect([...asks.open.keys()].sort()).toEqual([`${w.plan.id}:ODI`, `${w.plan.id}:PSFS`]);
  });

  it("claims RMDQ answers too, and answers NOT_FOUND for an unknown questionnaire and FORBIDDEN to a clinician", async () => {
    const w = await world();
    ask(w.plan.id, "RMDQ");
    const result = await selfReportQuestionnaire(w.me, { instrument: "RMDQ", planId: w.plan.id, answers: Array.from({ length: 24 }, (_, i) => i < 7) });
    expect(result.score).toBe(7);
    await rejects(selfReportQuestionnaire(w.me, { instrument: "RMDQ", planId: w.plan.id, answers: Array.from({ length: 24 }, () => false) }), "CONFLICT");
    await rejects(getMyQuestionnaire(w.me, "nprs"), "NOT_FOUND");
    await rejects(getMyQuestionnaire(w.me, "../odi"), "NOT_FOUND");
    await rejects(getMyQuestionnaire(w.clinician, "odi"), "FORBIDDEN");
  });
});

describe("licensed ODI wording", () => {
  it("loads as a new version (audited), relabels the ODI to \"ODI\" for that clinic only, and leaves scores unchanged", async () => {
    const w = await world();
    const other = await world();
    await recordOutcome(w.clinician, { instrument: "ODI", patientId: w.patient.id, planId: w.plan.id, context: "BASELINE", sections: SECTIONS });
    const before = await getInstrument(w.admin, "odi");
    expect(before.current).toMatchObject({ version: 1, wording: "ADAPTED" });
    expect(before.current.definition.label).toBe("ODI, adapted wording");

    const loaded = await loadLicensedOdiWording(w.admin, { version: 1, wording: JSON.stringify(wording("Licensed")) });
    expect(loaded).toMatchObject({ version: 2, label: "ODI" });
    expect(await auditCount({ action: "instrument.licensed_wording.load", actorId: w.admin.userId })).toBe(1);
    const after = await getInstrument(w.admin, "ODI");
    expect(after.current).toMatchObject({ version: 2, wording: "LICENSED" });
    expect(after.versions.map((v) => [v.version, v.wording, v.label, v.licenceReference])).toEqual([
      [2, "LICENSED", "ODI", "Licence Licensed"],
      [1, "ADAPTED", "ODI, adapted wording", null],
    ]);
    expect((await listInstruments(w.admin)).find((i) => i.code === "ODI")).toMatchObject({ label: "ODI", version: 2, versions: 2 });

    // The patient is asked in the licensed words; the same answers score the same.
    ask(w.plan.id, "ODI");
    const mine = await getMyQuestionnaire(w.me, "odi");
    expect(mine.definition.items[0]!.options![3]!.label).toBe("Licensed painIntensity statement 3");
    const reported = await selfReportQuestionnaire(w.me, { instrument: "ODI", planId: w.plan.id, sections: SECTIONS });
    expect(reported).toMatchObject({ score: 32, band: "moderate", label: "ODI" });
    const rows = await outcomes(w.patient.id);
    expect(rows.map((r) => [r.score, r.band, r.definitionVersion])).toEqual([
      [32, "moderate", 1],
      [32, "moderate", 2],
    ]);

    // The other clinic's ODI is untouched, and it cannot see this clinic's versions.
    const theirs = await getInstrument(other.admin, "ODI");
    expect(theirs.current).toMatchObject({ version: 1, wording: "ADAPTED" });
    expect(theirs.versions).toHaveLength(1);
  });

  it.each([
    ["five statements in a section", (x: ReturnType<typeof wording>) => ({ ...x, sections: { ...x.sections, lifting: { prompt: "Lifting?", statements: ["a", "b", "c", "d", "e"] } } })],
    ["a missing section", (x: ReturnType<typeof wording>) => ({ ...x, sections: Object.fromEntries(Object.entries(x.sections).filter(([k]) => k !== "sexLife")) })],
    ["an extra section", (x: ReturnType<typeof wording>) => ({ ...x, sections: { ...x.sections, employment: x.sections.lifting } })],
    ["an empty statement", (x: ReturnType<typeof wording>) => ({ ...x, sections: { ...x.sections, walking: { prompt: "Walking?", statements: ["a", "b", "", "d", "e", "f"] } } })],
    ["no licence reference", (x: ReturnType<typeof wording>) => ({ ...x, licenceReference: "" })],
    ["an unknown key", (x: ReturnType<typeof wording>) => ({ ...x, scoring: "sum" })],
    ["text that is not JSON", () => "{ not json"],
  ])("refuses %s with VALIDATION and changes nothing", async (_, make) => {
    const w = await world();
    expect((await getInstrument(w.admin, "ODI")).versions).toHaveLength(1);
    await rejects(loadLicensedOdiWording(w.admin, { version: 1, wording: make(wording("Bad")) as never }), "VALIDATION");
    expect(await testDb().instrumentDefinition.count({ where: { clinicId: w.clinic.id } })).toBe(0);
    expect((await getInstrument(w.admin, "ODI")).current).toMatchObject({ version: 1, wording: "ADAPTED" });
    expect(await auditCount({ action: "instrument.licensed_wording.load" })).toBe(0);
  });

  it("refuses a stale version (CONFLICT), a clinician (FORBIDDEN) and an unknown instrument (NOT_FOUND)", async () => {
    const w = await world();
    await loadLicensedOdiWording(w.admin, { version: 1, wording: wording("First") });
    await rejects(loadLicensedOdiWording(w.admin, { version: 1, wording: wording("Second") }), "CONFLICT");
    await rejects(loadLicensedOdiWording(w.clinician, { version: 2, wording: wording("Second") }), "FORBIDDEN");
    await rejects(getInstrument(w.clinician, "ODI"), "FORBIDDEN");
    await rejects(getInstrument(w.admin, "XYZ"), "NOT_FOUND");
    expect(await testDb().instrumentDefinition.count({ where: { clinicId: w.clinic.id, code: "ODI" } })).toBe(2);
  });
});
