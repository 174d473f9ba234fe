// `tsx prisma/seed.ts [--quiet]`: seeds the demo clinic (idempotent) and prints the accounts.
// Run with `--conditions=react-server` (scripts/lib/prepare.ts): the illustrations go through the
// app's upload pipeline, whose modules are marked server-only.
import { createPrismaClient } from "../lib/db/client";
import { storageFromEnv } from "../lib/storage";
import { CLINIC, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seedDemo } from "./seed-data/demo";
import { seedGuidelineStatements } from "./seed-data/seed-guidelines";
import { seedDemoMedia, type SeedMediaResult } from "./seed-media/seed-media";

async function main() {
  const db = createPrismaClient();
  const started = Date.now();
  let media: SeedMediaResult;
  let mediaStarted: number;
  try {
    await seedDemo(db);
    // Guideline statements on the catalog's treatments (issue 16, decision 044).
    await seedGuidelineStatements(db, CLINIC.slug);
    // The catalog's step illustrations (decision 028), stored where the app serves media from.
    mediaStarted = Date.now();
    media = await seedDemoMedia(db, storageFromEnv());
  } finally {
    await db.$disconnect();
  }
  if (process.argv.includes("--quiet")) return;
  if (media.pictures > 0) {
    console.log(`[seed] step illustrations: ${media.pictures} pictures for ${media.items} catalog items (${media.cached} from .data/seed-media-cache, ${Date.now() - mediaStarted} ms)`);
  }
  console.log(`[seed] demo clinic ready (${Date.now() - started} ms). Demo accounts, password "${DEMO_PASSWORD}":`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email.padEnd(30)} ${u.name}`);
  console.log(`[seed] staff also enter a code from an authenticator app: add the key ${DEMO_TOTP_SECRET} to one,`);
  console.log("       or print the current code with `npm run demo:totp` (ADR 022).");
}

main().catch((error: unknown) => {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
