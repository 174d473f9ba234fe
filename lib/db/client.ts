// Builds a Prisma client over @prisma/adapter-pg (no native engine). Used by the app's singleton
// (lib/db/index.ts), the seed and the tests. Timeouts: docs/decisions/015-concurrency-and-database-outages.md.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

/** Opening a connection (TCP and authentication): past this the database counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 2_000;
/**
 * Waiting for a free pooled connection while all are busy (a burst of requests): a queue, not
 * an outage. Also Prisma's maxWait for starting an interactive transaction, which includes it.
 */
export const POOL_WAIT_MS = 10_000;
/** How long an interactive transaction may run once started (Prisma's default). */
export const TRANSACTION_TIMEOUT_MS = 5_000;

// pg-pool applies its one `connectionTimeoutMillis` both to the wait for a free connection and
// to opening a new one. The pool gets the long wait; each connection the short connect timeout.
class Connection extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

export function createPrismaClient(connectionString: string | undefined = process.env.DATABASE_URL, options: { poolSize?: number } = {}): Db {
  if (!connectionString || connectionString.includes("placeholder.invalid")) {
    throw new Error("DATABASE_URL is not set; start the app with `npm start` or set DATABASE_URL.");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: options.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
    Client: Connection,
    connectionTimeoutMillis: POOL_WAIT_MS,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: POOL_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } });
}
