-- Guideline statements on treatments (issue 16, decision 044).
-- CreateEnum
CREATE TYPE "GuidelineStance" AS ENUM ('RECOMMEND', 'CONSIDER', 'CONSIDER_WITH_CONDITION', 'DO_NOT_OFFER', 'NOT_COVERED');

-- AlterTable
ALTER TABLE "PlanActivity" ADD COLUMN     "guidelineOverriddenAt" TIMESTAMP(3),
ADD COLUMN     "guidelineOverriddenById" TEXT,
ADD COLUMN     "guidelineOverrideReason" TEXT,
ADD COLUMN     "guidelineStatementIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "GuidelineStatement" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "catalogItemId" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "population" TEXT NOT NULL,
    "guideline" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "recommendation" TEXT,
    "url" TEXT NOT NULL,
    "stance" "GuidelineStance" NOT NULL,
    "stanceCondition" TEXT,
    "requiresExercise" BOOLEAN NOT NULL DEFAULT false,
    "quote" TEXT,
    "supersededBy" TEXT,
    "supersededYear" INTEGER,
    "lastCheckedOn" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "retiredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuidelineStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidelineStatementRevision" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidelineStatementRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuidelineStatement_clinicId_condition_idx" ON "GuidelineStatement"("clinicId", "condition");

-- CreateIndex
CREATE INDEX "GuidelineStatement_catalogItemId_idx" ON "GuidelineStatement"("catalogItemId");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineStatementRevision_statementId_version_key" ON "GuidelineStatementRevision"("statementId", "version");

-- AddForeignKey
ALTER TABLE "PlanActivity" ADD CONSTRAINT "PlanActivity_guidelineOverriddenById_fkey" FOREIGN KEY ("guidelineOverriddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineStatement" ADD CONSTRAINT "GuidelineStatement_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineStatement" ADD CONSTRAINT "GuidelineStatement_catalogItemId_fkey" FOREIGN KEY ("catalogItemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineStatementRevision" ADD CONSTRAINT "GuidelineStatementRevision_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "GuidelineStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineStatementRevision" ADD CONSTRAINT "GuidelineStatementRevision_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
