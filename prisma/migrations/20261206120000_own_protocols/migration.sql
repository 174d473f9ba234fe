-- A clinician's own protocols and proposals to the clinic's protocols (decision 039).
-- CreateEnum
CREATE TYPE "TemplateProposalStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- DropIndex
DROP INDEX "PlanTemplate_clinicId_name_key";

-- AlterTable
ALTER TABLE "PlanTemplate" ADD COLUMN     "nameScope" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "proposalNote" TEXT,
ADD COLUMN     "proposalStatus" "TemplateProposalStatus",
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" TEXT;

-- CreateIndex
CREATE INDEX "PlanTemplate_ownerId_idx" ON "PlanTemplate"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanTemplate_clinicId_nameScope_name_key" ON "PlanTemplate"("clinicId", "nameScope", "name");

-- AddForeignKey
ALTER TABLE "PlanTemplate" ADD CONSTRAINT "PlanTemplate_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplate" ADD CONSTRAINT "PlanTemplate_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
