import "server-only";

/**
 * The WebAuthn relying party: this deployment's own origin (NEXTAUTH_URL), so a passkey made here
 * answers only here (phishing resistance, SP 800-63B rev. 4 §3.2.5).
 */
export function relyingParty(): { name: string; id: string; origin: string } {
  const url = process.env.NEXTAUTH_URL;
  if (!url) throw new Error("NEXTAUTH_URL is not set: passkeys need the app's own origin");
  const parsed = new URL(url);
  return { name: "Riverside Plans", id: parsed.hostname, origin: parsed.origin };
}

/** How long a WebAuthn challenge may be answered. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
