-- Issue 16, decision 046: measure schedules on a plan, and the occurrences a patient's answer claimed.
CREATE TYPE "MeasureRule" AS ENUM ('AT_START', 'EVERY_N_WEEKS', 'AT_DISCHARGE', 'EACH_SESSION', 'ONCE');
CREATE TYPE "MeasureRespondent" AS ENUM ('PATIENT', 'CLINICIAN');

CREATE TABLE "MeasureSchedule" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "instrument" "Instrument" NOT NULL,
    "rule" "MeasureRule" NOT NULL,
    "everyWeeks" INTEGER,
    "answeredBy" "MeasureRespondent" NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "MeasureSchedule_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MeasureOccurrence" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeasureOccurrence_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MeasureSchedule_planId_removedAt_idx" ON "MeasureSchedule"("planId", "removedAt");
CREATE INDEX "MeasureSchedule_clinicId_removedAt_answeredBy_idx" ON "MeasureSchedule"("clinicId", "removedAt", "answeredBy");
CREATE UNIQUE INDEX "MeasureOccurrence_scheduleId_dueDate_key" ON "MeasureOccurrence"("scheduleId", "dueDate");

ALTER TABLE "MeasureSchedule" ADD CONSTRAINT "MeasureSchedule_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TreatmentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MeasureOccurrence" ADD CONSTRAINT "MeasureOccurrence_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "MeasureSchedule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: an open one-off ODI request (TreatmentPlan.odiRequestedAt) becomes a ONCE entry asked
-- of the patient. The column stays, kept in step by the code, for readers not yet moved.
INSERT INTO "MeasureSchedule" ("id", "clinicId", "planId", "instrument", "rule", "answeredBy", "createdById", "createdAt")
SELECT 'mso' || md5(t."id" || t."odiRequestedAt"::text), t."clinicId", t."id", 'ODI', 'ONCE', 'PATIENT', t."clinicianId", t."odiRequestedAt"
FROM "TreatmentPlan" t WHERE t."odiRequestedAt" IS NOT NULL;
