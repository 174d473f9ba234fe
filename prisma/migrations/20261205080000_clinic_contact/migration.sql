-- The clinic's contact details for handouts, the printable plan and calendar files (decision 030).
ALTER TABLE "Clinic" ADD COLUMN     "address" TEXT,
ADD COLUMN     "logoKey" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
