-- API clients with scoped bearer tokens, a database-backed rate limit, and the client on audit events (issue 17, ADR 047).
-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('PATIENT_READ', 'CATALOG_READ', 'BULK_EXPORT');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "apiClientId" TEXT;

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scopes" "ApiScope"[],
    "tokenId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "rateTokens" DOUBLE PRECISION NOT NULL DEFAULT 600,
    "rateUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_tokenId_key" ON "ApiClient"("tokenId");

-- CreateIndex
CREATE INDEX "ApiClient_clinicId_createdAt_idx" ON "ApiClient"("clinicId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_clinicId_name_key" ON "ApiClient"("clinicId", "name");

-- CreateIndex (an API client's events, for its details page)
CREATE INDEX "AuditEvent_apiClientId_at_idx" ON "AuditEvent"("apiClientId", "at");

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
