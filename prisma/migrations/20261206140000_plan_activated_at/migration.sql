-- AlterTable
ALTER TABLE "TreatmentPlan" ADD COLUMN     "activatedAt" TIMESTAMP(3);

-- Backfill (ADR 041): the last time the audit trail saw the plan become active. A plan with no such
-- event (written ACTIVE by the seed or an import) stays NULL, which counts from its start date; not
-- updatedAt, which any later edit moves and which would hold back a real alert for days.
UPDATE "TreatmentPlan" t
   SET "activatedAt" = a.at
  FROM (SELECT "entityId", max("at") AS at FROM "AuditEvent"
         WHERE "entityType" = 'TreatmentPlan' AND "action" = 'plan.status.active'
         GROUP BY "entityId") a
 WHERE a."entityId" = t."id" AND t."status" <> 'DRAFT';

-- AlterTable: an audit event's detail (an export's filters and row count), ADR 041.
ALTER TABLE "AuditEvent" ADD COLUMN     "detail" JSONB;
