// An audit trail shaped like real use, for query plans that read AuditEvent (the audit log, plan
// history). Not part of `npm run seed:scale` (ADR 011: no audit events), because every page view
// writes one and the data set is about clinical rows; the query-plan test and
// scripts/explain-scale.ts add it. Derived from rows already there, so it is deterministic:
// for every past session the clinician read the patient's record, plan, session or progress;
// for every fourth home log the patient read their Today page; every session day the clinician
// listed their patients (no patient id). Ids are cuid-shaped ('caud' + 21 digits).
import type pg from "pg";

export async function fillAuditEvents(db: pg.ClientBase): Promise<number> {
  const { rowCount } = await db.query(`
    INSERT INTO "AuditEvent" (id, "clinicId", "actorId", "actorRole", action, "entityType", "entityId", "patientId", origin, at)
    SELECT 'caud' || lpad((row_number() OVER ())::text, 21, '0'), e.* FROM (
      SELECT s."clinicId", s."clinicianId", 'CLINICIAN'::"Role",
             a.action, a.entity, CASE a.entity WHEN 'Patient' THEN s."patientId" WHEN 'TreatmentPlan' THEN s."planId" ELSE s.id END,
             s."patientId", '10.0.0.1', s."startsAt" + interval '5 minutes'
      FROM "Session" s
      CROSS JOIN LATERAL (SELECT (ARRAY['patient.read', 'plan.read', 'session.read', 'progress.read'])[1 + abs(hashtext(s.id)) % 4] AS action) x
      CROSS JOIN LATERAL (SELECT x.action, CASE x.action WHEN 'plan.read' THEN 'TreatmentPlan' WHEN 'session.read' THEN 'Session' ELSE 'Patient' END AS entity) a
      WHERE s."startsAt" < now()
      UNION ALL
      SELECT h."clinicId", p."userId", 'PATIENT'::"Role", 'portal.home.read', 'Patient', h."patientId", h."patientId", '10.0.0.2', h."createdAt"
      FROM "HomeLog" h JOIN "Patient" p ON p.id = h."patientId"
      WHERE abs(hashtext(h.id)) % 4 = 0
      UNION ALL
      SELECT DISTINCT ON (s."clinicianId", s."startsAt"::date) s."clinicId", s."clinicianId", 'CLINICIAN'::"Role", 'patient.list', 'Patient', NULL, NULL, '10.0.0.1',
             date_trunc('day', s."startsAt") + interval '7 hours 45 minutes'
      FROM "Session" s WHERE s."startsAt" < now()
    ) e(clinic_id, actor_id, actor_role, action, entity_type, entity_id, patient_id, origin, at)`);
  return rowCount ?? 0;
}
