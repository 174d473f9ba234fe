import { AppError } from "@/lib/errors";

/** The answer to a save from a stale version: nothing was written; reload and re-apply. */
export function staleVersion(what: string): AppError {
  return new AppError("CONFLICT", `This ${what} was changed by someone else since you opened it. Reload to see the latest version, then make your change again.`);
}

/** Prisma's unique-constraint violation (P2002), for turning into a field error. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
