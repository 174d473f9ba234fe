import { afterAll } from "vitest";
import { assertLocalDatabase } from "./local-database";
import { stopBoss } from "@/lib/jobs/boss";
import { closeTestDb } from "../fixtures/db";

assertLocalDatabase(process.env.DATABASE_URL);
if (process.env.MIGRATION_DATABASE_URL) assertLocalDatabase(process.env.MIGRATION_DATABASE_URL);

// Queued messages seal their link tokens under it (lib/messaging/sealed.ts); tests that need a
// particular one set it before this runs.
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

afterAll(async () => {
  // A domain call that queued a message started this process's pg-boss (for sending only).
  await stopBoss();
  await closeTestDb();
});
