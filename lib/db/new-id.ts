import { randomBytes } from "node:crypto";

/**
 * A collision-resistant id in the shape of the schema's cuid() ids ("c" + 24 base-36 characters),
 * for rows written with raw SQL (e.g. an INSERT … ON CONFLICT upsert) rather than through Prisma.
 */
export function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
