import { afterAll } from "vitest";
import { assertLocalDatabase } from "./local-database";
import { closeTestDb } from "../fixtures/db";

assertLocalDatabase(process.env.DATABASE_URL);
if (process.env.MIGRATION_DATABASE_URL) assertLocalDatabase(process.env.MIGRATION_DATABASE_URL);

afterAll(async () => {
  await closeTestDb();
});
