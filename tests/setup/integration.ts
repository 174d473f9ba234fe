import { afterAll } from "vitest";
import { assertLocalDatabase } from "./local-database";
import { stopBoss } from "@/lib/jobs/boss";
import { closeTestDb } from "../fixtures/db";

assertLocalDatabase(process.env.DATABASE_URL);
if (process.env.MIGRATION_DATABASE_URL) assertLocalDatabase(process.env.MIGRATION_DATABASE_URL);

afterAll(async () => {
  // A domain call that queued a message started this process's pg-boss (for sending only).
  await stopBoss();
  await closeTestDb();
});
