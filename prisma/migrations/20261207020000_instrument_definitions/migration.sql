-- Issue 16 (ADR 045): outcome instruments as data. Each clinic's definitions are versioned rows;
-- version 1 of each instrument is the shipped definition (lib/clinical/instruments), created on
-- first use and by the seed. Every response stored before this migration was scored by the rules
-- that version 1 encodes (tests/integration/instrument-rescore.test.ts re-scores them all), so
-- they are backfilled to definition version 1.
CREATE TYPE "InstrumentWording" AS ENUM ('ADAPTED', 'LICENSED', 'PUBLIC');

CREATE TABLE "InstrumentDefinition" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "code" "Instrument" NOT NULL,
    "version" INTEGER NOT NULL,
    "wording" "InstrumentWording" NOT NULL,
    "label" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "licenceReference" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstrumentDefinition_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InstrumentDefinition_clinicId_code_version_key" ON "InstrumentDefinition"("clinicId", "code", "version");

ALTER TABLE "InstrumentDefinition" ADD CONSTRAINT "InstrumentDefinition_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "OutcomeResponse" ADD COLUMN "definitionVersion" INTEGER;

UPDATE "OutcomeResponse" SET "definitionVersion" = 1 WHERE "definitionVersion" IS NULL;
