-- AlterTable
ALTER TABLE "TreatmentPlan" ADD COLUMN     "odiRequestedAt" TIMESTAMP(3);
