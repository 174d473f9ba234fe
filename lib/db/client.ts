// Builds a Prisma client over @prisma/adapter-pg (no native engine). Used by the app's singleton
// (lib/db/index.ts), the seed and the tests.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string | undefined = process.env.DATABASE_URL): Db {
  if (!connectionString || connectionString.includes("placeholder.invalid")) {
    throw new Error("DATABASE_URL is not set; start the app with `npm start` or set DATABASE_URL.");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    // Fail fast while the database is unreachable instead of hanging requests.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}
