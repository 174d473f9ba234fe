-- ADR 025: an activity dosed several times a day is logged once per dose (slot 1 … timesPerDay).
-- Existing logs become slot 1 (the column's default), so once-a-day logging is unchanged.

-- AlterTable
ALTER TABLE "HomeLog" ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 1;

-- One row per activity, day and slot (was: per activity and day).
-- DropIndex
DROP INDEX "HomeLog_planActivityId_date_key";

-- CreateIndex
CREATE UNIQUE INDEX "HomeLog_planActivityId_date_slot_key" ON "HomeLog"("planActivityId", "date", "slot");
