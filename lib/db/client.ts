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
function withConnectTimeout(Base: typeof pg.Client): typeof pg.Client {
  return class extends Base {
    constructor(config?: string | pg.ClientConfig) {
      super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  };
}
const Connection = withConnectTimeout(pg.Client);

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Prisma 6.19 gives a transaction's connection back to the pool only after its COMMIT or
 * ROLLBACK succeeded. When the connection died mid-transaction (PostgreSQL restarted, the
 * backend was terminated) that statement fails too and the connection is never released: the
 * pool loses the slot for good, and after DB_POOL_SIZE such losses every request waits for a
 * connection until it times out. When ending the transaction fails, hand the connection back
 * as broken so that pg-pool discards it: pg may not have seen the socket close yet, and a
 * plain release would give the next request a dead connection.
 */
function releaseWhenEndFails(tx: Transaction): Transaction {
  let released = false;
  const once = async (end: () => Promise<void>) => {
    if (released) return;
    released = true;
    await end();
  };
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx); // adapter-pg: releases the connection, sends nothing
  // adapter-pg keeps the pool's client on the transaction (a protected field).
  const connection = (tx as unknown as { client?: Partial<pg.PoolClient> }).client;
  const discard = async () => (typeof connection?.release === "function" ? connection.release(true) : rollback());
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.sql === "COMMIT" || query.sql === "ROLLBACK") await once(discard);
      throw error;
    }
  };
  tx.commit = () => once(commit);
  tx.rollback = () => once(rollback);
  return tx;
}

function withConnectionRepair(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releaseWhenEndFails(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

const pools = new WeakMap<object, pg.Pool>();

/**
 * The pg pool under a client made by createPrismaClient (the same connections Prisma uses), for
 * lib/db/run.ts's statements: they skip Prisma's per-statement work (decision 055). A
 * transaction's client is not in the map: its statements stay on its connection, through Prisma.
 */
export function poolOf(client: object): pg.Pool | undefined {
  return pools.get(client);
}

export function createPrismaClient(
  connectionString: string | undefined = process.env.DATABASE_URL,
  options: { poolSize?: number; /** The pool's connection class (a recording one in tests); it gets the connect timeout. */ connection?: typeof pg.Client } = {},
): Db {
  if (!connectionString || connectionString.includes("placeholder.invalid")) {
    throw new Error("DATABASE_URL is not set; start the app with `npm start` or set DATABASE_URL.");
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
    Client: options.connection ? withConnectTimeout(options.connection) : Connection,
    connectionTimeoutMillis: POOL_WAIT_MS,
    idleTimeoutMillis: 30_000,
  });
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  // adapter-pg takes a pool only when it is an instance of its own pg's Pool; otherwise it would
  // read it as a configuration and open a second pool beside this one.
  if ((factory as unknown as { externalPool?: unknown }).externalPool !== pool) throw new Error("adapter-pg did not take the pool: two copies of pg are loaded.");
  const client = new PrismaClient({ adapter: withConnectionRepair(factory), transactionOptions: { maxWait: POOL_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } });
  pools.set(client, pool);
  return client;
}
