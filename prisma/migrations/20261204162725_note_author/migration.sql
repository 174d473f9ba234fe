-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "noteAuthorId" TEXT;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_noteAuthorId_fkey" FOREIGN KEY ("noteAuthorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Notes written before authorship was recorded (decision 020): a signed note's author is its
-- signer; a draft that has anything in it belongs to the clinician the session was booked with.
-- An untouched draft stays without an author: the first clinician to save it becomes one.
UPDATE "Session" s
   SET "noteAuthorId" = COALESCE(s."signedById", s."clinicianId")
 WHERE s."noteStatus" = 'SIGNED'
    OR s."painBefore" IS NOT NULL OR s."painAfter" IS NOT NULL
    OR s."subjective" IS NOT NULL OR s."objective" IS NOT NULL OR s."assessment" IS NOT NULL OR s."planNote" IS NOT NULL
    OR s."adverseEvent" IS NOT NULL OR s."patientSummary" IS NOT NULL
    OR EXISTS (SELECT 1 FROM "PerformedTreatment" p WHERE p."sessionId" = s."id");
