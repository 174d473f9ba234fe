import { afterAll } from "vitest";
import { assertLocalDatabase } from "./local-database";
import { closeTestDb } from "../fixtures/db";

assertLocalDatabase(process.env.DATABASE_URL);

afterAll(async () => {
  await closeTestDb();
});
