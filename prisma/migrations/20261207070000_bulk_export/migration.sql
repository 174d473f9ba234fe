-- FHIR Bulk Data export of a clinic (issue 17, decision 050).
-- CreateEnum
CREATE TYPE "BulkExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "BulkExport" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedByClientId" TEXT,
    "requestUrl" TEXT NOT NULL,
    "types" TEXT[],
    "since" TIMESTAMP(3),
    "outputFormat" TEXT NOT NULL,
    "status" "BulkExportStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" JSONB,
    "files" JSONB NOT NULL DEFAULT '[]',
    "checkpoint" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "transactionTime" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "lease" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkExport_clinicId_createdAt_idx" ON "BulkExport"("clinicId", "createdAt");

-- CreateIndex
CREATE INDEX "BulkExport_status_heartbeatAt_idx" ON "BulkExport"("status", "heartbeatAt");

-- CreateIndex
CREATE INDEX "BulkExport_expiresAt_idx" ON "BulkExport"("expiresAt");

-- AddForeignKey
ALTER TABLE "BulkExport" ADD CONSTRAINT "BulkExport_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkExport" ADD CONSTRAINT "BulkExport_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
