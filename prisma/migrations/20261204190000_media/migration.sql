-- Media on catalog items (clinic data) and on one patient's plan activity (health information):
-- docs/decisions/024-media-storage-and-uploads.md. Plain tables: the runtime role needs only
-- SELECT/INSERT/UPDATE/DELETE on them.

-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('IMAGE', 'VIDEO');

-- CreateTable
CREATE TABLE "CatalogMedia" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "catalogItemId" TEXT NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "altText" TEXT,
    "caption" TEXT,
    "contentType" TEXT NOT NULL,
    "widths" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "height" INTEGER,
    "storageKeys" TEXT[],
    "byteSize" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityMedia" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "altText" TEXT,
    "caption" TEXT,
    "contentType" TEXT NOT NULL,
    "widths" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "height" INTEGER,
    "storageKeys" TEXT[],
    "byteSize" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityMedia_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogMedia_catalogItemId_clinicId_position_idx" ON "CatalogMedia"("catalogItemId", "clinicId", "position");

-- CreateIndex
CREATE INDEX "CatalogMedia_createdById_idx" ON "CatalogMedia"("createdById");

-- CreateIndex
CREATE INDEX "CatalogMedia_clinicId_idx" ON "CatalogMedia"("clinicId");

-- CreateIndex
CREATE INDEX "ActivityMedia_activityId_clinicId_position_idx" ON "ActivityMedia"("activityId", "clinicId", "position");

-- CreateIndex
CREATE INDEX "ActivityMedia_patientId_clinicId_idx" ON "ActivityMedia"("patientId", "clinicId");

-- CreateIndex
CREATE INDEX "ActivityMedia_createdById_idx" ON "ActivityMedia"("createdById");

-- CreateIndex
CREATE INDEX "ActivityMedia_clinicId_idx" ON "ActivityMedia"("clinicId");

-- AddForeignKey
ALTER TABLE "CatalogMedia" ADD CONSTRAINT "CatalogMedia_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogMedia" ADD CONSTRAINT "CatalogMedia_catalogItemId_fkey" FOREIGN KEY ("catalogItemId") REFERENCES "CatalogItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogMedia" ADD CONSTRAINT "CatalogMedia_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityMedia" ADD CONSTRAINT "ActivityMedia_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityMedia" ADD CONSTRAINT "ActivityMedia_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "PlanActivity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityMedia" ADD CONSTRAINT "ActivityMedia_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityMedia" ADD CONSTRAINT "ActivityMedia_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

