// RFC 6238 time-based one-time passwords as every authenticator app computes them: SHA-1, 30 s
// steps, 6 digits. A code is accepted for its own step and one step either side (clock drift),
// and never for a step at or before the last one accepted (no replay). No `server-only` import:
// the seed and `npm run demo:totp` use the same parameters.
import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = "Riverside Plans";

/** A new random secret (base32, 160 bits as RFC 4226 recommends). */
export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, accountName: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS });

export const totpStepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code for the step that contains `now` (tests, the demo helper). */
export const totpCodeAt = (secret: string, now: Date = new Date()): Promise<string> =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000), period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS });

/**
 * The time step the code matched (now − 1 … now + 1), or null for a wrong code, a malformed one,
 * or one whose step is not after `afterStep` (already used).
 */
export async function matchTotpCode(options: { secret: string; code: string; now: Date; afterStep: number | null }): Promise<number | null> {
  const { secret, code, now, afterStep } = options;
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // otplib's result type covers HOTP too; a TOTP match carries its time step.
  return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
}
