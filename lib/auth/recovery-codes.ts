// One-time recovery codes (SP 800-63B rev. 4 §3.1.2, look-up secrets): ten random codes such as
// `k7qmx-3hap9`, shown once at enrolment. 31 symbols × 10 positions ≈ 49.5 bits, below 112, so
// each is stored salted and hashed with a password hashing scheme (§3.1.2.2; its work factor MAY
// be small for random secrets): scrypt at N = 2^14. One salt per user for all ten codes, so a
// guess costs one hash, not ten; a wrong code counts toward the account's lock-out (§3.2.2).
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;
const HALF = 5;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const code = () => {
    let value = "";
    for (let i = 0; i < HALF * 2; i++) value += ALPHABET[randomInt(ALPHABET.length)];
    return `${value.slice(0, HALF)}-${value.slice(HALF)}`;
  };
  return Array.from({ length: count }, code);
}

/** Lower-cased, spaces and dashes dropped: `K7QM X3HA P` and `k7qmx-3hap` are the same code. */
export function normalizeRecoveryCode(input: string): string | null {
  const value = input.toLowerCase().replace(/[\s-]/g, "");
  return value.length === HALF * 2 && [...value].every((c) => ALPHABET.includes(c)) ? value : null;
}

const hash = (normalized: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(normalized, salt, 32, { N: 2 ** 14, r: 8, p: 1 }, (error, key) => (error ? reject(error) : resolve(key))),
  );

export const newRecoveryCodeSalt = (): Buffer => randomBytes(16);

/** Stored as `scrypt14$<salt>$<hash>` (base64url). */
export async function hashRecoveryCode(code: string, salt: Buffer): Promise<string> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new Error("Not a recovery code");
  return `scrypt14$${salt.toString("base64url")}$${(await hash(normalized, salt)).toString("base64url")}`;
}

/** The index in `stored` of the hash the code matches, or -1. All hashes share one salt. */
export async function matchRecoveryCode(code: string, stored: string[]): Promise<number> {
  const normalized = normalizeRecoveryCode(code);
  const salt = stored[0]?.split("$")[1];
  if (!normalized || !salt) return -1;
  const candidate = await hash(normalized, Buffer.from(salt, "base64url"));
  return stored.findIndex((value) => {
    const [scheme, s, h] = value.split("$");
    if (scheme !== "scrypt14" || s !== salt || !h) return false;
    const expected = Buffer.from(h, "base64url");
    return expected.length === candidate.length && timingSafeEqual(expected, candidate);
  });
}
