import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { csvLine } from "@/lib/audit/csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { utcTimestamp } from "@/lib/db/sql";
import { isInstrumentCode, shippedDefinition } from "@/lib/clinical/instruments";
import { addDays, todayIn, utcToZoned, zonedToUtc } from "@/lib/domain/schedule/dates";
import { parseQuery, ZOutcomeExportQuery } from "@/lib/validation/api-v1";

/** Rows read and written per step: memory stays one page (and one pseudonym per patient). */
export const OUTCOME_EXPORT_PAGE_SIZE = 500;
/** A de-identified export shifts each patient's dates by 1 to this many days, earlier or later. */
export const MAX_DATE_SHIFT_DAYS = 30;

// The last column names the wording the score was taken with (issue 16): "ODI, adapted wording"
// until the clinic loads licensed wording; rows scored before definitions were stored use the shipped one.
export const OUTCOME_EXPORT_COLUMNS = ["Patient", "Patient id", "Instrument", "Context", "Score", "Band", "Recorded (clinic date)", "Instrument label"];
export const DEIDENTIFIED_EXPORT_COLUMNS = ["Patient pseudonym", "Instrument", "Context", "Score", "Band", "Recorded (shifted date)", "Instrument label"];

export type OutcomeExport = { filename: string; rows: number; deidentified: boolean; body: ReadableStream<Uint8Array> };

type Row = { id: string; patientId: string; firstName: string; lastName: string; instrument: string; context: string; score: number; band: string | null; recordedAt: Date; sortKey: string; label: string | null };

/** A random offset of ±1…MAX_DATE_SHIFT_DAYS days (never 0). */
function randomShift(): number {
  const days = randomInt(1, MAX_DATE_SHIFT_DAYS + 1);
  return randomInt(2) === 0 ? -days : days;
}

/**
 * The outcome scores of the patients the actor may export (outcome:export: an admin, the clinic's;
 * a clinician, their care team's), as CSV for the clinic's own audit (decision 048), streamed a
 * page at a time. Filtered by instrument and recorded days (clinic time zone). Identified: the
 * patient's name and id. De-identified: neither, but a pseudonym drawn at random for each patient
 * in this export (another export draws new ones, so two files cannot be joined on it), and every
 * date moved by a random number of days per patient (the same for all of one patient's rows, so
 * the intervals between their scores stay true). No free text in either: item answers, notes and
 * PSFS activities are never in the file. Rows go patient by patient in an order drawn at random
 * for the export (a salted hash of the patient), so the order gives away neither ids nor real
 * dates. The export is audited before the first byte, with its filters, mode and row count.
 */
export async function exportOutcomeScores(actor: Actor, query: Record<string, string>, options: { pageSize?: number } = {}): Promise<OutcomeExport> {
  const scope = patientScopeSql(actor, "outcome:export", "p");
  // An empty field counts as not given: the admin page's form sends its blank dates that way.
  const q = parseQuery(ZOutcomeExportQuery, Object.fromEntries(Object.entries(query).filter(([, value]) => value !== "")));
  const deidentified = q.deidentified === "1";
  const pageSize = options.pageSize ?? OUTCOME_EXPORT_PAGE_SIZE;
  const startedAt = new Date();
  const from = q.from ? zonedToUtc(q.from, "00:00", actor.timeZone) : null;
  const to = q.to ? zonedToUtc(addDays(q.to, 1), "00:00", actor.timeZone) : null;
  const salt = randomBytes(16).toString("hex");
  const where = Prisma.sql`o."clinicId" = ${actor.clinicId} AND ${scope} AND o."recordedAt" < ${utcTimestamp(startedAt)}
    ${q.instrument ? Prisma.sql`AND o."instrument"::text = ${q.instrument}` : Prisma.empty}
    ${from ? Prisma.sql`AND o."recordedAt" >= ${utcTimestamp(from)}` : Prisma.empty}
    ${to ? Prisma.sql`AND o."recordedAt" < ${utcTimestamp(to)}` : Prisma.empty}`;

  const [{ count }] = await db().$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS "count" FROM "OutcomeResponse" o JOIN "Patient" p ON p."id" = o."patientId" WHERE ${where}`;
  await recordAuditEvent(db(), {
    actor,
    action: "outcome.export",
    entityType: "OutcomeResponse",
    detail: { rows: count, deidentified, instrument: q.instrument ?? null, from: q.from ?? null, to: q.to ?? null },
  });

  const pseudonyms = new Map<string, { name: string; shift: number }>();
  const used = new Set<string>();
  const pseudonymOf = (patientId: string) => {
    let entry = pseudonyms.get(patientId);
    if (!entry) {
      let name: string;
      do name = `P-${randomBytes(4).toString("hex").toUpperCase()}`;
      while (used.has(name));
      used.add(name);
      entry = { name, shift: randomShift() };
      pseudonyms.set(patientId, entry);
    }
    return entry;
  };

  const encoder = new TextEncoder();
  let cursor: { sortKey: string; recordedAt: Date; id: string } | null = null;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark: Excel then reads the file as UTF-8 (names with accents).
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(deidentified ? DEIDENTIFIED_EXPORT_COLUMNS : OUTCOME_EXPORT_COLUMNS)}`));
    },
    async pull(controller) {
      if (done) return;
      const sortKey = Prisma.sql`md5(${salt} || o."patientId")`;
      const after = cursor ? Prisma.sql`AND (${sortKey}, o."recordedAt", o."id") > (${cursor.sortKey}, ${utcTimestamp(cursor.recordedAt)}, ${cursor.id})` : Prisma.empty;
      const rows = await db().$queryRaw<Row[]>`
        SELECT o."id", o."patientId", p."firstName", p."lastName", o."instrument"::text AS "instrument", o."context"::text AS "context",
               o."score", o."band", o."recordedAt", ${sortKey} AS "sortKey", d."label"
          FROM "OutcomeResponse" o JOIN "Patient" p ON p."id" = o."patientId"
          LEFT JOIN "InstrumentDefinition" d ON d."clinicId" = o."clinicId" AND d."code" = o."instrument" AND d."version" = o."definitionVersion"
         WHERE ${where} ${after}
         ORDER BY 10, o."recordedAt", o."id"
         LIMIT ${pageSize}`;
      const lines = rows.map((r) => {
        const day = utcToZoned(r.recordedAt, actor.timeZone).date;
        const label = r.label ?? (isInstrumentCode(r.instrument) ? shippedDefinition(r.instrument).label : r.instrument);
        if (!deidentified) return csvLine([`${r.firstName} ${r.lastName}`, r.patientId, r.instrument, r.context, r.score, r.band, day, label]);
        const p = pseudonymOf(r.patientId);
        return csvLine([p.name, r.instrument, r.context, r.score, r.band, addDays(day, p.shift), label]);
      });
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) {
        done = true;
        controller.close();
      } else {
        cursor = { sortKey: last.sortKey, recordedAt: last.recordedAt, id: last.id };
      }
    },
  });
  const stamp = todayIn(actor.timeZone);
  return { filename: `outcome-scores${deidentified ? "-deidentified" : ""}-${stamp}.csv`, rows: count, deidentified, body };
}
