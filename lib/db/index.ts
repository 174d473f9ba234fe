import "server-only";
import { createPrismaClient, type Db } from "./client";
import type { Prisma } from "./generated/client";

// One client per server process, created on first use so `next build` needs no database.
const holder = globalThis as unknown as { __clinicDb?: Db };

export function db(): Db {
  holder.__clinicDb ??= createPrismaClient();
  return holder.__clinicDb;
}

export type { Db };
export type Tx = Prisma.TransactionClient;
