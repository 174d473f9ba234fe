-- CreateEnum
CREATE TYPE "BodyRegion" AS ENUM ('NECK', 'SHOULDER', 'UPPER_BACK', 'LOWER_BACK', 'PELVIS_HIP', 'KNEE', 'ANKLE_FOOT', 'ELBOW_WRIST_HAND', 'WHOLE_BODY');

-- AlterTable
ALTER TABLE "CatalogItem" ADD COLUMN     "bodyRegions" "BodyRegion"[] DEFAULT ARRAY[]::"BodyRegion"[],
ADD COLUMN     "conditions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "PlanTemplate" ADD COLUMN     "bodyRegions" "BodyRegion"[] DEFAULT ARRAY[]::"BodyRegion"[],
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "CatalogItem_bodyRegions_idx" ON "CatalogItem" USING GIN ("bodyRegions");

-- CreateIndex
CREATE INDEX "CatalogItem_conditions_idx" ON "CatalogItem" USING GIN ("conditions");

-- CreateIndex
CREATE INDEX "CatalogItem_tags_idx" ON "CatalogItem" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "PlanTemplate_bodyRegions_idx" ON "PlanTemplate" USING GIN ("bodyRegions");

-- CreateIndex
CREATE INDEX "PlanTemplate_tags_idx" ON "PlanTemplate" USING GIN ("tags");
