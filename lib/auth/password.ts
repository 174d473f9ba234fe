// Password hashing with scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1): no native addon,
// memory-hard, built into Node. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url)
// so the parameters can be raised later without breaking existing hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG2_N = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

// scrypt runs on libuv's thread pool (4 threads by default), which also serves file reads and the
// key derivation of new database connections (SCRAM). A burst of sign-ins, an attack included,
// must not occupy all of it: at most this many hashes run at once, the others wait their turn.
// It also bounds memory at 128 MiB per running hash.
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // maxmem must exceed 128 · N · r bytes (128 MiB at today's parameters, more for stored stronger ones).
  const maxmem = 1024 * 1024 * 1024;
  return inHashSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCb(password.normalize("NFKC"), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N: 2 ** LOG2_N, r: R, p: P });
  return ["scrypt", LOG2_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const isWhole = (value: string | undefined, min: number, max: number) =>
  /^\d{1,2}$/.test(value ?? "") && Number(value) >= min && Number(value) <= max;

/** False for a wrong password and for any stored value that is not a usable hash; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2n, r, p, salt, hash] = stored.split("$");
  // Parameters weaker than today's, or too costly to compute, are refused outright.
  if (scheme !== "scrypt" || !isWhole(log2n, LOG2_N, 18) || !isWhole(r, R, 16) || !isWhole(p, P, 4) || !salt || !hash) {
    return false;
  }
  const expected = Buffer.from(hash, "base64url");
  try {
    const actual = await scrypt(password, Buffer.from(salt, "base64url"), { N: 2 ** Number(log2n), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("base64url"));
  return dummyHash;
}

// An account invited but not yet activated has no password. Its hash is still a well-formed scrypt
// value (so a sign-in attempt does the same hash work as for any account) whose salt starts with
// this marker and whose key is random: no password matches it (decision 034).
const UNSET_SALT_PREFIX = "unset-";

/** The password hash of an account whose owner has not chosen a password yet. */
export function unsetPasswordHash(): string {
  return ["scrypt", LOG2_N, R, P, `${UNSET_SALT_PREFIX}${randomBytes(12).toString("base64url")}`, randomBytes(KEY_LENGTH).toString("base64url")].join("$");
}

/** False for an account invited but not yet activated (its owner never chose a password). */
export function isPasswordSet(stored: string): boolean {
  return !stored.split("$")[4]?.startsWith(UNSET_SALT_PREFIX);
}
