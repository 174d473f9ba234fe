-- AlterTable
ALTER TABLE "ActivityMedia" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "CatalogMedia" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

