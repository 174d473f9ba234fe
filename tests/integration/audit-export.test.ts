// The audit log's CSV export (ADR 041): the page's filters, streamed a page at a time, safe to
// open in a spreadsheet, for admins only, and itself audited with its filters and row count.
import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_EXPORT_COLUMNS, exportAuditEvents } from "@/lib/domain/audit/export-audit-events";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { AppError } from "@/lib/errors";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { actorFor, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { parseCsv } from "../fixtures/csv";

/** The file as sent, byte-order mark included (Response.text() would drop it). */
async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}

const reject = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const admin = actorFor(await createUser(clinic.id, "ADMIN", "Priya Admin"));
  // Names a spreadsheet would run as formulas: they must stay text.
  const sneaky = await createUser(clinic.id, "CLINICIAN", "=HYPERLINK(\"http://evil.example\",\"x\")");
  const clinician = actorFor(sneaky);
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sneaky.id, isPrimary: true }], withPortal: true });
  await db.patient.update({ where: { id: patient.id }, data: { firstName: "+cmd|' /C calc'!A0", lastName: "Lee" } });
  const other = await createClinic();
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 12, 9, minute));
  await db.auditEvent.createMany({
    data: [
      ...Array.from({ length: 7 }, (_, i) => ({ clinicId: clinic.id, actorId: sneaky.id, actorRole: "CLINICIAN" as const, action: "patient.read", entityType: "Patient", entityId: patient.id, patientId: patient.id, at: at(i) })),
      { clinicId: clinic.id, actorId: sneaky.id, actorRole: "CLINICIAN" as const, action: "plan.read", entityType: "TreatmentPlan", entityId: "cgone000000000000000000", patientId: patient.id, at: at(20), origin: "@SUM(1+1)" },
      // Two events in the same millisecond: the cursor must not lose or repeat either.
      { id: "cevent0000000000000000001", clinicId: clinic.id, action: "auth.lockout", entityType: "User", entityId: sneaky.id, at: at(30) },
      { id: "cevent0000000000000000002", clinicId: clinic.id, action: "auth.lockout", entityType: "User", entityId: sneaky.id, at: at(30) },
      { clinicId: other.id, action: "patient.read", entityType: "Patient", at: at(40) },
    ],
  });
  return { clinic, admin, clinician, patient, portal, otherAdmin, sneaky };
}

describe("audit log CSV export", () => {
  beforeEach(truncateAll);

  it("holds every filtered event newest first, as the page lists them, and is audited with its filters and row count", async () => {
    const w = await world();
    const file = await exportAuditEvents(w.admin, {}, { pageSize: 3 });
    expect(file.filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readAll(file.body);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(AUDIT_EXPORT_COLUMNS);
    expect(rows).toHaveLength(10);
    expect(file.rows).toBe(10);
    // The same events in the same order as the page (which now also shows the export's own event, recorded after).
    const page = await listAuditEvents(w.admin, {});
    expect(page.rows[0]!.action).toBe("audit.export");
    expect(rows.map((r) => r[1])).toEqual(page.rows.slice(1).map((r) => r.at));
    // Sentences that start with the formula-like clinician's name carry the spreadsheet-safe apostrophe.
    const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    expect(rows.map((r) => r[5])).toEqual(page.rows.slice(1).map((r) => safe(r.sentence)));
    expect(rows.filter((r) => r[11] === "auth.lockout")).toHaveLength(2);

    const events = await testDb().auditEvent.findMany({ where: { action: "audit.export" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ clinicId: w.clinic.id, actorId: w.admin.userId, entityType: "AuditEvent", patientId: null });
    expect(events[0]!.detail).toEqual({ rows: 10, actorId: null, patientId: null, action: null, from: null, to: null });
    expect(page.rows[0]!.sentence).toBe("Priya Admin exported the audit log: 10 events exported.");
  });

  it("applies the page's filters, and the audit event says which", async () => {
    const w = await world();
    const file = await exportAuditEvents(w.admin, { action: "patient.read", patientId: w.patient.id, from: "2026-11-12", to: "2026-11-12" });
    const rows = parseCsv((await readAll(file.body)).slice(1)).slice(1);
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["Viewed a patient's record"]));
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "audit.export" } });
    expect(event.detail).toEqual({ rows: 7, actorId: null, patientId: w.patient.id, action: "patient.read", from: "2026-11-12", to: "2026-11-12" });
    const listed = await listAuditEvents(w.admin, { action: "audit.export" });
    expect(listed.rows[0]!.sentence).toBe(
      `Priya Admin exported the audit log: 7 events exported; event type “Viewed a patient's record”; patient +cmd|' /C calc'!A0 Lee; from 2026-11-12; to 2026-11-12.`,
    );
  });

  it("is streamed a page at a time: reading the first rows runs one page's query, not the whole log's", async () => {
    const w = await world();
    const restore = installRecordingDb();
    try {
      const pageQueries = (sqls: string[]) => sqls.filter((s) => /FROM "public"\."AuditEvent"/.test(s) && /ORDER BY/.test(s) && !/count\(/i.test(s)).length;
      const { result: file } = await recordQueries(() => exportAuditEvents(w.admin, {}, { pageSize: 3 }));
      const reader = file.body.getReader();
      const first = await recordQueries(async () => {
        await reader.read(); // the header
        return reader.read(); // the first page
      });
      expect(parseCsv(new TextDecoder().decode(first.result.value!))).toHaveLength(3);
      expect(pageQueries(first.recording.statements.map((s) => s.sql))).toBe(1);
      const rest = await recordQueries(async () => {
        let chunks = 0;
        for (;;) {
          const { done } = await reader.read();
          if (done) return chunks;
          chunks++;
        }
      });
      // 10 events, 3 a page: pages 2, 3 and 4 (the last one short).
      expect(rest.result).toBe(3);
      expect(pageQueries(rest.recording.statements.map((s) => s.sql))).toBe(3);
    } finally {
      await restore();
    }
  });

  it("makes no cell a spreadsheet formula (= + - @ tab CR are prefixed), whatever names and origins hold", async () => {
    const w = await world();
    await testDb().user.update({ where: { id: w.sneaky.id }, data: { name: "-2+3" } });
    await testDb().auditEvent.create({ data: { clinicId: w.clinic.id, actorId: w.admin.userId, action: "catalog.update", entityType: "CatalogItem", origin: "\tTAB", at: new Date(Date.UTC(2026, 10, 13)) } });
    await testDb().auditEvent.create({ data: { clinicId: w.clinic.id, actorId: w.admin.userId, action: "catalog.update", entityType: "CatalogItem", origin: "\rCR", at: new Date(Date.UTC(2026, 10, 13, 1)) } });
    const rows = parseCsv((await readAll((await exportAuditEvents(w.admin, {})).body)).slice(1)).slice(1);
    const cells = rows.flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'+cmd|' /C calc'!A0 Lee");
    expect(cells).toContain("'@SUM(1+1)");
    expect(cells).toContain("'\tTAB");
    expect(cells).toContain("'\rCR");
  });

  it("is for admins only, of their own clinic; anyone else gets FORBIDDEN and nothing is recorded", async () => {
    const w = await world();
    await expect(exportAuditEvents(w.clinician, {})).rejects.toSatisfy(reject("FORBIDDEN"));
    await expect(exportAuditEvents(actorFor(w.portal!, w.patient.id), {})).rejects.toSatisfy(reject("FORBIDDEN"));
    expect(await testDb().auditEvent.count({ where: { action: "audit.export" } })).toBe(0);
    const other = await exportAuditEvents(w.otherAdmin, {});
    expect(parseCsv((await readAll(other.body)).slice(1)).slice(1)).toHaveLength(1);
    expect(other.rows).toBe(1);
  });

  it("refuses a malformed filter (it would export more than asked) and records nothing", async () => {
    const w = await world();
    for (const bad of [{ action: "DROP TABLE" }, { patientId: "not-an-id" }, { from: "2026-02-30" }, { to: "9999-12-31" }]) {
      await expect(exportAuditEvents(w.admin, bad as never)).rejects.toSatisfy(reject("VALIDATION"));
    }
    expect(await testDb().auditEvent.count({ where: { action: "audit.export" } })).toBe(0);
  });
});
