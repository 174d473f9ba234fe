import "server-only";
import { db } from "@/lib/db";

// The next keyset batch of an export's patients (decision 050), bounded twice: by patients and by
// the session rows their records hold. A batch's rows and the resources mapped from them are what
// the export holds in memory at once, and a record's size is its sessions (each brings its
// performed treatments, note and pain observations): 100 patients of the scale data are ~2 100
// sessions, ~13 500 resources, but one long-treated patient can have hundreds. Counting first keeps
// that working set bounded whatever the clinic's patients look like, which is what keeps the
// export's resident memory flat (issue 17). A patient is never split: a batch always takes at least one.

export type PatientBatch = { ids: string[]; sessions: number; last: boolean };

export async function nextPatientBatch(clinicId: string, after: string | null, limits: { patients: number; sessionRows: number }): Promise<PatientBatch> {
  if (!clinicId) throw new Error("nextPatientBatch needs a clinic");
  // Same order and comparison as the checkpoint's `after` (text ids, the database's collation; a
  // cuid is never empty, so '' means "from the start" and the id bound stays an index condition).
  // The patients are picked first, then their sessions counted: 100 index-only counts.
  const candidates = await db().$queryRaw<{ id: string; sessions: number }[]>`
    SELECT b."id",
           (SELECT count(*)::int FROM "Session" s WHERE s."patientId" = b."id" AND s."clinicId" = ${clinicId}) AS "sessions"
      FROM (SELECT p."id" FROM "Patient" p
             WHERE p."clinicId" = ${clinicId} AND p."id" > ${after ?? ""}
             ORDER BY p."id" LIMIT ${limits.patients}) b
     ORDER BY b."id"`;
  const ids: string[] = [];
  let sessions = 0;
  for (const c of candidates) {
    if (ids.length > 0 && sessions + c.sessions > limits.sessionRows) break;
    ids.push(c.id);
    sessions += c.sessions;
  }
  return { ids, sessions, last: ids.length === candidates.length && candidates.length < limits.patients };
}
