// The outcome scores' CSV for the clinic's own audit (decision 048): identified, or de-identified
// with a per-export pseudonym and per-patient date shift that keeps each patient's intervals;
// admins the clinic's, clinicians their care team's, patients never; streamed a page at a time;
// spreadsheet-safe; audited with its filters, mode and row count.
import { beforeEach, describe, expect, it } from "vitest";
import { DEIDENTIFIED_EXPORT_COLUMNS, exportOutcomeScores, MAX_DATE_SHIFT_DAYS, OUTCOME_EXPORT_COLUMNS } from "@/lib/domain/outcomes/export-outcome-scores";
import { dayNumber } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { actorFor, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { parseCsv } from "../fixtures/csv";

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}

const rejects = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

/** Three patients of Maya's, each with scores on known days, one of Sam's, and one in another clinic. */
async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const maya = await createUser(clinic.id, "CLINICIAN", "Maya Care");
  const sam = await createUser(clinic.id, "CLINICIAN", "Sam Other");
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const names = [
    ["Zelda", "=HYPERLINK(\"http://x\")"],
    ["Quentin", "Marsh"],
    ["Odile", "Brandt"],
  ];
  const patients = [];
  for (const [firstName, lastName] of names) {
    const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: maya.id, isPrimary: true }], withPortal: true });
    patients.push({ ...(await db.patient.update({ where: { id: patient.id }, data: { firstName, lastName } })), portal: portal! });
  }
  const { patient: samsPatient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sam.id, isPrimary: true }] });
  const other = await createClinic();
  const otherUser = await createUser(other.id, "CLINICIAN");
  const { patient: foreign } = await createPatient(other.id, { careTeam: [{ clinicianId: otherUser.id, isPrimary: true }] });
  // Patient i's scores: 0, 9 + i and 30 + 2i days after a start of their own (noon UTC: the same
  // day in London), so each patient's intervals are theirs alone.
  const days: Record<string, string[]> = {};
  const add = (clinicId: string, patientId: string, recordedById: string, instrument: "NPRS" | "ODI", day: string, score: number) =>
    db.outcomeResponse.create({
      data: { clinicId, patientId, instrument, context: "INTERIM", answers: { note: "ZZ free text" }, score, band: instrument === "ODI" ? "Moderate disability" : null, recordedById, recordedAt: new Date(`${day}T12:00:00Z`) },
    });
  const starts = ["2026-02-01", "2026-02-10", "2026-03-20"];
  for (const [i, p] of patients.entries()) {
    days[p.id] = [];
    for (const [k, offset] of [0, 9 + i, 30 + 2 * i].entries()) {
      const day = new Date(Date.parse(`${starts[i]}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      days[p.id]!.push(day);
      await add(clinic.id, p.id, maya.id, k === 1 ? "ODI" : "NPRS", day, 10 - k);
    }
  }
  await add(clinic.id, samsPatient.id, sam.id, "NPRS", "2026-02-05", 4);
  await add(other.id, foreign.id, otherUser.id, "NPRS", "2026-02-05", 2);
  return { clinic, maya: actorFor(maya), sam: actorFor(sam), admin, patients, samsPatient, foreign, days, patientActor: actorFor(patients[0]!.portal, patients[0]!.id) };
}

describe("outcome scores CSV", () => {
  beforeEach(truncateAll);

  it("identified: name, id, instrument, context, score, band and clinic date, patient by patient; the care team's only for a clinician", async () => {
    const w = await world();
    const file = await exportOutcomeScores(w.maya, {}, { pageSize: 2 });
    expect(file.filename).toMatch(/^outcome-scores-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readAll(file.body);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(OUTCOME_EXPORT_COLUMNS);
    expect(rows).toHaveLength(9);
    expect(file.rows).toBe(9);
    // A patient's rows come together, oldest first.
    const byPatient = new Map<string, string[][]>();
    for (const r of rows) byPatient.set(r[1]!, [...(byPatient.get(r[1]!) ?? []), r]);
    expect([...byPatient.keys()].sort()).toEqual(w.patients.map((p) => p.id).sort());
    let previous = "";
    for (const r of rows) {
      if (r[1] !== previous) expect(rows.filter((x) => x[1] === r[1]).map((x) => x[6])).toEqual(w.days[r[1]!]);
      previous = r[1]!;
    }
    expect(rows.map((r) => r[1]).filter((id, i, all) => i === 0 || id !== all[i - 1])).toHaveLength(3);
    const zelda = rows.find((r) => r[1] === w.patients[0]!.id)!;
    expect(zelda[0]).toBe('Zelda =HYPERLINK("http://x")');
    expect(rows.find((r) => r[3] === "INTERIM" && r[2] === "ODI")).toEqual(expect.arrayContaining(["ODI", "INTERIM", "9", "Moderate disability"]));
    expect(text).not.toContain("ZZ free text");
    expect(text).not.toContain(w.samsPatient.id);
    expect(text).not.toContain(w.foreign.id);
  });

  it("neutralises a cell that starts like a formula", async () => {
    const w = await world();
    await testDb().patient.update({ where: { id: w.patients[1]!.id }, data: { firstName: "=cmd|' /C calc'!A0" } });
    const rows = parseCsv((await readAll((await exportOutcomeScores(w.maya, { instrument: "ODI" })).body)).slice(1));
    expect(rows.find((r) => r[1] === w.patients[1]!.id)![0]).toBe("'=cmd|' /C calc'!A0 Marsh");
  });

  it("de-identified: no name, id or real date; a pseudonym and a date shift per patient that keep each patient's intervals", async () => {
    const w = await world();
    const file = await exportOutcomeScores(w.admin, { deidentified: "1" }, { pageSize: 4 });
    expect(file.filename).toMatch(/^outcome-scores-deidentified-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readAll(file.body);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(DEIDENTIFIED_EXPORT_COLUMNS);
    // The admin exports the clinic: Maya's three patients and Sam's one.
    expect(rows).toHaveLength(10);
    for (const p of [...w.patients, w.samsPatient]) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.firstName);
      expect(text).not.toContain(p.lastName.replaceAll('"', '""'));
    }
    expect(text).not.toContain("Marsh");
    expect(text).not.toContain("ZZ free text");
    const groups = new Map<string, string[][]>();
    for (const r of rows) groups.set(r[0]!, [...(groups.get(r[0]!) ?? []), r]);
    expect(groups.size).toBe(4);
    for (const name of groups.keys()) expect(name).toMatch(/^P-[0-9A-F]{8}$/);
    // Maya's patients: three rows each, their intervals as recorded (each patient's own, so a group
    // tells whose it is here), every date moved by the same 1–30 days, earlier or later, never 0.
    const triples = [...groups.values()].filter((g) => g.length === 3);
    expect(triples).toHaveLength(3);
    const matched = new Set<string>();
    for (const g of triples) {
      const d = g.map((r) => dayNumber(r[5]!));
      expect(g.map((r) => r[1])).toEqual(["NPRS", "ODI", "NPRS"]);
      const patient = w.patients.find((p) => {
        const real = w.days[p.id]!.map(dayNumber);
        return real[1]! - real[0]! === d[1]! - d[0]! && real[2]! - real[1]! === d[2]! - d[1]!;
      });
      expect(patient, `intervals ${d[1]! - d[0]!}, ${d[2]! - d[1]!} kept`).toBeDefined();
      matched.add(patient!.id);
      const shift = d[0]! - dayNumber(w.days[patient!.id]![0]!);
      expect(Math.abs(shift)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(shift)).toBeLessThanOrEqual(MAX_DATE_SHIFT_DAYS);
    }
    expect(matched.size).toBe(3);
    const single = [...groups.values()].find((g) => g.length === 1)![0]!;
    expect(single[5]).not.toBe("2026-02-05");
    // Another export draws new pseudonyms: two files cannot be joined on them.
    const again = parseCsv((await readAll((await exportOutcomeScores(w.admin, { deidentified: "1" })).body)).slice(1)).slice(1);
    const names = new Set(rows.map((r) => r[0]));
    expect(again.some((r) => names.has(r[0]))).toBe(false);
  });

  it("filters by instrument and recorded days, and is audited before the first byte with its filters, mode and row count", async () => {
    const w = await world();
    const file = await exportOutcomeScores(w.maya, { instrument: "NPRS", from: "2026-02-01", to: "2026-02-28", deidentified: "0" });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "outcome.export" } });
    expect(event).toMatchObject({ actorId: w.maya.userId, clinicId: w.clinic.id, entityType: "OutcomeResponse", patientId: null, detail: { rows: 2, deidentified: false, instrument: "NPRS", from: "2026-02-01", to: "2026-02-28" } });
    const rows = parseCsv((await readAll(file.body)).slice(1)).slice(1);
    // NPRS in February: patient 0's first score (1 Feb) and patient 1's (10 Feb); the ODIs between and March's scores are out.
    const who = (id: string) => w.patients.findIndex((p) => p.id === id);
    expect(rows.map((r) => `${who(r[1]!)} ${r[2]} ${r[6]}`).sort()).toEqual(["0 NPRS 2026-02-01", "1 NPRS 2026-02-10"]);
    expect(file.rows).toBe(2);
    expect(await testDb().auditEvent.count({ where: { action: "outcome.export" } })).toBe(1);
  });

  it("refuses patients (403) and bad parameters (400), writing no audit event", async () => {
    const w = await world();
    await expect(exportOutcomeScores(w.patientActor, {})).rejects.toSatisfy(rejects("FORBIDDEN"));
    await expect(exportOutcomeScores(w.admin, { deidentified: "yes" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    await expect(exportOutcomeScores(w.admin, { from: "2026-03-01", to: "2026-02-01" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    await expect(exportOutcomeScores(w.admin, { patientName: "x" })).rejects.toSatisfy(rejects("BAD_REQUEST"));
    expect(await testDb().auditEvent.count({ where: { action: "outcome.export" } })).toBe(0);
  });
});
