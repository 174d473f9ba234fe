// The database's enums for every layer that must not import lib/db: app/ (client and server
// components) and lib/validation. Prisma generates lib/db/generated/enums.ts as plain `as const`
// objects and their types, with no imports (tests/unit/layering.test.ts checks that it stays so),
// so this pulls neither the Prisma client nor "server-only" into a bundle (docs/decisions/019).
export * from "@/lib/db/generated/enums";
