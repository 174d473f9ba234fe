// `npm run demo:totp`: the current authenticator-app code of the demo staff (admin, maya, sam),
// computed from the seed's public demo secret (prisma/seed-data/demo.ts, ADR 022). It knows no
// other secret and reads no database: it cannot produce a code for any real account.
import { totpCodeAt, TOTP_PERIOD_SECONDS } from "../lib/auth/totp";
import { DEMO_TOTP_SECRET } from "../prisma/seed-data/demo";

const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
const code = await totpCodeAt(DEMO_TOTP_SECRET, now);
console.log(`${code}  (demo staff: admin, maya, sam; accepted for about ${left + TOTP_PERIOD_SECONDS} more seconds, once)`);
