-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'CLINICIAN', 'PATIENT');

-- CreateEnum
CREATE TYPE "Contraindication" AS ENUM ('PREGNANCY', 'ANTICOAGULANTS', 'BLEEDING_DISORDER', 'PACEMAKER_OR_IMPLANT', 'MALIGNANCY', 'OSTEOPOROSIS', 'ACUTE_FRACTURE', 'INFECTION_OR_OPEN_WOUND', 'IMPAIRED_SENSATION', 'NEEDLE_PHOBIA');

-- CreateEnum
CREATE TYPE "CatalogKind" AS ENUM ('MODALITY', 'EXERCISE', 'EDUCATION');

-- CreateEnum
CREATE TYPE "CatalogCategory" AS ENUM ('MANUAL_THERAPY', 'NEEDLING', 'ELECTRO_LASER_SHOCKWAVE', 'THERMAL', 'STRETCH', 'STRENGTH', 'POSTURE', 'EDUCATION');

-- CreateEnum
CREATE TYPE "Setting" AS ENUM ('IN_CLINIC', 'HOME', 'BOTH');

-- CreateEnum
CREATE TYPE "CatalogStatus" AS ENUM ('DRAFT', 'ACTIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "TreatmentPhase" AS ENUM ('PAIN_RELIEF', 'MOBILITY', 'STRENGTHENING', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED', 'ENTERED_IN_ERROR');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('ACTIVE', 'ON_HOLD', 'COMPLETED', 'STOPPED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "NoteStatus" AS ENUM ('DRAFT', 'SIGNED');

-- CreateEnum
CREATE TYPE "PerformedStatus" AS ENUM ('COMPLETED', 'NOT_DONE');

-- CreateEnum
CREATE TYPE "Instrument" AS ENUM ('NPRS', 'ODI', 'RMDQ');

-- CreateEnum
CREATE TYPE "OutcomeContext" AS ENUM ('BASELINE', 'INTERIM', 'DISCHARGE');

-- CreateTable
CREATE TABLE "Clinic" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "userId" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "contraindications" "Contraindication"[] DEFAULT ARRAY[]::"Contraindication"[],
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareTeamMember" (
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "clinicianId" TEXT NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CareTeamMember_pkey" PRIMARY KEY ("patientId","clinicianId")
);

-- CreateTable
CREATE TABLE "CatalogItem" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CatalogKind" NOT NULL,
    "category" "CatalogCategory" NOT NULL,
    "setting" "Setting" NOT NULL,
    "description" TEXT NOT NULL,
    "patientInstructions" TEXT NOT NULL,
    "defaultDurationMin" INTEGER,
    "defaultSets" INTEGER,
    "defaultReps" INTEGER,
    "defaultHoldSec" INTEGER,
    "defaultTimesPerDay" INTEGER,
    "defaultDaysPerWeek" INTEGER,
    "contraindications" "Contraindication"[] DEFAULT ARRAY[]::"Contraindication"[],
    "equipment" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "CatalogStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTemplate" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "icd10Code" TEXT,
    "description" TEXT NOT NULL,
    "status" "CatalogStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTemplateItem" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "catalogItemId" TEXT NOT NULL,
    "setting" "Setting" NOT NULL,
    "phase" "TreatmentPhase" NOT NULL,
    "position" INTEGER NOT NULL,
    "durationMin" INTEGER,
    "sets" INTEGER,
    "reps" INTEGER,
    "holdSec" INTEGER,
    "timesPerDay" INTEGER,
    "daysPerWeek" INTEGER,

    CONSTRAINT "PlanTemplateItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TreatmentPlan" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "clinicianId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "icd10Code" TEXT,
    "goals" TEXT NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "startDate" DATE NOT NULL,
    "reviewDate" DATE,
    "endDate" DATE,
    "plannedSessions" INTEGER NOT NULL DEFAULT 0,
    "templateId" TEXT,
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TreatmentPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanActivity" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "catalogItemId" TEXT NOT NULL,
    "nameSnapshot" TEXT NOT NULL,
    "instructionsSnapshot" TEXT NOT NULL,
    "kindSnapshot" "CatalogKind" NOT NULL,
    "catalogVersionSnapshot" INTEGER NOT NULL,
    "setting" "Setting" NOT NULL,
    "phase" "TreatmentPhase" NOT NULL,
    "position" INTEGER NOT NULL,
    "durationMin" INTEGER,
    "sets" INTEGER,
    "reps" INTEGER,
    "holdSec" INTEGER,
    "timesPerDay" INTEGER,
    "daysPerWeek" INTEGER,
    "status" "ActivityStatus" NOT NULL DEFAULT 'ACTIVE',
    "overriddenFlags" "Contraindication"[] DEFAULT ARRAY[]::"Contraindication"[],
    "overrideReason" TEXT,
    "overriddenById" TEXT,
    "overriddenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "clinicianId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMin" INTEGER NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "statusReason" TEXT,
    "painBefore" INTEGER,
    "painAfter" INTEGER,
    "subjective" TEXT,
    "objective" TEXT,
    "assessment" TEXT,
    "planNote" TEXT,
    "adverseEvent" TEXT,
    "patientSummary" TEXT,
    "noteStatus" "NoteStatus" NOT NULL DEFAULT 'DRAFT',
    "signedAt" TIMESTAMP(3),
    "signedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionAddendum" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionAddendum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PerformedTreatment" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "planActivityId" TEXT NOT NULL,
    "catalogItemId" TEXT NOT NULL,
    "status" "PerformedStatus" NOT NULL,
    "notDoneReason" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "durationMin" INTEGER,
    "adverseEvent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PerformedTreatment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeLog" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "planActivityId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT true,
    "painDuring" INTEGER,
    "difficulty" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomeLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeResponse" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "planId" TEXT,
    "sessionId" TEXT,
    "instrument" "Instrument" NOT NULL,
    "context" "OutcomeContext" NOT NULL,
    "answers" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutcomeResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT,
    "actorId" TEXT,
    "actorRole" "Role",
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "patientId" TEXT,
    "origin" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "windowStartAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Clinic_slug_key" ON "Clinic"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_clinicId_role_idx" ON "User"("clinicId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_userId_key" ON "Patient"("userId");

-- CreateIndex
CREATE INDEX "Patient_clinicId_lastName_firstName_idx" ON "Patient"("clinicId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Patient_clinicId_dateOfBirth_idx" ON "Patient"("clinicId", "dateOfBirth");

-- CreateIndex
CREATE INDEX "CareTeamMember_clinicId_clinicianId_idx" ON "CareTeamMember"("clinicId", "clinicianId");

-- CreateIndex
CREATE INDEX "CatalogItem_clinicId_status_kind_idx" ON "CatalogItem"("clinicId", "status", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogItem_clinicId_name_key" ON "CatalogItem"("clinicId", "name");

-- CreateIndex
CREATE INDEX "PlanTemplate_clinicId_status_idx" ON "PlanTemplate"("clinicId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PlanTemplate_clinicId_name_key" ON "PlanTemplate"("clinicId", "name");

-- CreateIndex
CREATE INDEX "PlanTemplateItem_clinicId_templateId_position_idx" ON "PlanTemplateItem"("clinicId", "templateId", "position");

-- CreateIndex
CREATE INDEX "PlanTemplateItem_catalogItemId_idx" ON "PlanTemplateItem"("catalogItemId");

-- CreateIndex
CREATE INDEX "TreatmentPlan_clinicId_patientId_status_idx" ON "TreatmentPlan"("clinicId", "patientId", "status");

-- CreateIndex
CREATE INDEX "TreatmentPlan_clinicId_clinicianId_status_idx" ON "TreatmentPlan"("clinicId", "clinicianId", "status");

-- CreateIndex
CREATE INDEX "TreatmentPlan_clinicId_reviewDate_idx" ON "TreatmentPlan"("clinicId", "reviewDate");

-- CreateIndex
CREATE INDEX "PlanActivity_clinicId_planId_position_idx" ON "PlanActivity"("clinicId", "planId", "position");

-- CreateIndex
CREATE INDEX "PlanActivity_catalogItemId_idx" ON "PlanActivity"("catalogItemId");

-- CreateIndex
CREATE INDEX "Session_clinicId_clinicianId_startsAt_idx" ON "Session"("clinicId", "clinicianId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_clinicId_patientId_startsAt_idx" ON "Session"("clinicId", "patientId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_clinicId_planId_startsAt_idx" ON "Session"("clinicId", "planId", "startsAt");

-- CreateIndex
CREATE INDEX "Session_clinicId_noteStatus_clinicianId_idx" ON "Session"("clinicId", "noteStatus", "clinicianId");

-- CreateIndex
CREATE INDEX "SessionAddendum_clinicId_sessionId_createdAt_idx" ON "SessionAddendum"("clinicId", "sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "PerformedTreatment_clinicId_planActivityId_idx" ON "PerformedTreatment"("clinicId", "planActivityId");

-- CreateIndex
CREATE UNIQUE INDEX "PerformedTreatment_sessionId_planActivityId_key" ON "PerformedTreatment"("sessionId", "planActivityId");

-- CreateIndex
CREATE INDEX "HomeLog_clinicId_patientId_date_idx" ON "HomeLog"("clinicId", "patientId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "HomeLog_planActivityId_date_key" ON "HomeLog"("planActivityId", "date");

-- CreateIndex
CREATE INDEX "OutcomeResponse_clinicId_patientId_instrument_recordedAt_idx" ON "OutcomeResponse"("clinicId", "patientId", "instrument", "recordedAt");

-- CreateIndex
CREATE INDEX "OutcomeResponse_clinicId_planId_idx" ON "OutcomeResponse"("clinicId", "planId");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_at_idx" ON "AuditEvent"("clinicId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_actorId_at_idx" ON "AuditEvent"("clinicId", "actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_patientId_at_idx" ON "AuditEvent"("clinicId", "patientId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_clinicId_action_at_idx" ON "AuditEvent"("clinicId", "action", "at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareTeamMember" ADD CONSTRAINT "CareTeamMember_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareTeamMember" ADD CONSTRAINT "CareTeamMember_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareTeamMember" ADD CONSTRAINT "CareTeamMember_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogItem" ADD CONSTRAINT "CatalogItem_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplate" ADD CONSTRAINT "PlanTemplate_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplateItem" ADD CONSTRAINT "PlanTemplateItem_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplateItem" ADD CONSTRAINT "PlanTemplateItem_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "PlanTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplateItem" ADD CONSTRAINT "PlanTemplateItem_catalogItemId_fkey" FOREIGN KEY ("catalogItemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TreatmentPlan" ADD CONSTRAINT "TreatmentPlan_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TreatmentPlan" ADD CONSTRAINT "TreatmentPlan_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TreatmentPlan" ADD CONSTRAINT "TreatmentPlan_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TreatmentPlan" ADD CONSTRAINT "TreatmentPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TreatmentPlan" ADD CONSTRAINT "TreatmentPlan_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "PlanTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TreatmentPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_catalogItemId_fkey" FOREIGN KEY ("catalogItemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_overriddenById_fkey" FOREIGN KEY ("overriddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TreatmentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAddendum" ADD CONSTRAINT "SessionAddendum_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAddendum" ADD CONSTRAINT "SessionAddendum_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAddendum" ADD CONSTRAINT "SessionAddendum_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PerformedTreatment" ADD CONSTRAINT "PerformedTreatment_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PerformedTreatment" ADD CONSTRAINT "PerformedTreatment_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PerformedTreatment" ADD CONSTRAINT "PerformedTreatment_planActivityId_fkey" FOREIGN KEY ("planActivityId") REFERENCES "PlanActivity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PerformedTreatment" ADD CONSTRAINT "PerformedTreatment_catalogItemId_fkey" FOREIGN KEY ("catalogItemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeLog" ADD CONSTRAINT "HomeLog_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeLog" ADD CONSTRAINT "HomeLog_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeLog" ADD CONSTRAINT "HomeLog_planActivityId_fkey" FOREIGN KEY ("planActivityId") REFERENCES "PlanActivity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeResponse" ADD CONSTRAINT "OutcomeResponse_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeResponse" ADD CONSTRAINT "OutcomeResponse_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeResponse" ADD CONSTRAINT "OutcomeResponse_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TreatmentPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeResponse" ADD CONSTRAINT "OutcomeResponse_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeResponse" ADD CONSTRAINT "OutcomeResponse_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
