-- Decision 026: a video's poster (re-encoded renditions) and WebVTT captions, on both media tables.
-- AlterTable
ALTER TABLE "ActivityMedia" ADD COLUMN     "captionsKey" TEXT,
ADD COLUMN     "posterHeight" INTEGER,
ADD COLUMN     "posterKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "posterWidths" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "CatalogMedia" ADD COLUMN     "captionsKey" TEXT,
ADD COLUMN     "posterHeight" INTEGER,
ADD COLUMN     "posterKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "posterWidths" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
