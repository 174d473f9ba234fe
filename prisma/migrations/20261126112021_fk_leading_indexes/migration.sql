-- DropIndex
DROP INDEX "CareTeamMember_clinicId_clinicianId_idx";

-- DropIndex
DROP INDEX "PlanActivity_clinicId_planId_position_idx";

-- DropIndex
DROP INDEX "Session_clinicId_patientId_startsAt_idx";

-- DropIndex
DROP INDEX "TreatmentPlan_clinicId_patientId_status_idx";

-- CreateIndex
CREATE INDEX "CareTeamMember_clinicianId_clinicId_patientId_idx" ON "CareTeamMember"("clinicianId", "clinicId", "patientId");

-- CreateIndex
CREATE INDEX "PlanActivity_planId_clinicId_position_idx" ON "PlanActivity"("planId", "clinicId", "position");

-- CreateIndex
CREATE INDEX "Session_patientId_clinicId_startsAt_idx" ON "Session"("patientId", "clinicId", "startsAt");

-- CreateIndex
CREATE INDEX "TreatmentPlan_patientId_clinicId_status_idx" ON "TreatmentPlan"("patientId", "clinicId", "status");

