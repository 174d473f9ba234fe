// `tsx prisma/seed.ts [--quiet]`: seeds the demo clinic (idempotent) and prints the accounts.
import { createPrismaClient } from "../lib/db/client";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seedDemo } from "./seed-data/demo";

async function main() {
  const db = createPrismaClient();
  const started = Date.now();
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
  if (process.argv.includes("--quiet")) return;
  console.log(`[seed] demo clinic ready (${Date.now() - started} ms). Demo accounts, password "${DEMO_PASSWORD}":`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email.padEnd(30)} ${u.name}`);
  console.log(`[seed] staff also enter a code from an authenticator app: add the key ${DEMO_TOTP_SECRET} to one,`);
  console.log("       or print the current code with `npm run demo:totp` (ADR 022).");
}

main().catch((error: unknown) => {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
