// scrypt password hashing. Each full-strength hash costs ~0.3 s, so this file computes about 25
// (malformed stored strings that reach scrypt use cheap parameters).
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

const TIMEOUT = 20_000;
const PASSWORD = "correct horse battery staple";

let first: string;
let second: string;

beforeAll(async () => {
  // Hashes 1 and 2.
  [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
}, TIMEOUT);

describe("hashPassword", () => {
  it("stores scrypt$<log2 N>$<r>$<p>$<salt>$<hash> with N ≥ 2^17, r = 8, p = 1", () => {
    const parts = first.split("$");
    expect(parts).toHaveLength(6);
    const [scheme, log2n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
    expect(scheme).toBe("scrypt");
    expect(log2n).toMatch(/^\d+$/);
    expect(Number(log2n)).toBeGreaterThanOrEqual(17);
    expect(r).toBe("8");
    expect(p).toBe("1");
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(hash).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(hash, "base64url").length).toBeGreaterThanOrEqual(32);
  });

  it("never contains the password", () => {
    expect(first).not.toContain(PASSWORD);
    expect(first).not.toContain(Buffer.from(PASSWORD).toString("base64url"));
  });

  it("salts: two hashes of the same password differ in salt and hash", () => {
    expect(second).not.toBe(first);
    const [, , , , saltA, hashA] = first.split("$");
    const [, , , , saltB, hashB] = second.split("$");
    expect(saltB).not.toBe(saltA);
    expect(hashB).not.toBe(hashA);
  });
});

describe("verifyPassword", () => {
  it(
    "accepts the right password and refuses a wrong one",
    async () => {
      // Hashes 3 and 4.
      const [right, wrong] = await Promise.all([
        verifyPassword(PASSWORD, second),
        verifyPassword("correct horse battery stapl", first),
      ]);
      expect(right).toBe(true);
      expect(wrong).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "normalises to NFKC: composed and decomposed é verify the same",
    async () => {
      const composed = "caf\u00e9-Crème";
      const decomposed = "cafe\u0301-Cre\u0300me";
      expect(composed).not.toBe(decomposed);
      const stored = await hashPassword(composed); // hash 5
      expect(await verifyPassword(decomposed, stored)).toBe(true); // hash 6
    },
    TIMEOUT,
  );

  it.each([
    ["an empty string", ""],
    ["a bare word", "not-a-hash"],
    ["another scheme", "bcrypt$17$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNo"],
    ["a plain bcrypt hash", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"],
    ["missing the hash", "scrypt$17$8$1$c2FsdHNhbHRzYWx0c2FsdA"],
    ["an empty hash", "scrypt$17$8$1$c2FsdHNhbHRzYWx0c2FsdA$"],
    ["an empty salt", "scrypt$17$8$1$$aGFzaGhhc2hoYXNo"],
    ["missing parameters", "scrypt$$$$c2FsdA$aGFzaA"],
    ["only the scheme", "scrypt"],
    ["a hash of the wrong length (cheap parameters)", "scrypt$4$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"],
  ])("returns false without throwing for %s", async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });
});

describe("verifyPassword with an unusable stored hash", () => {
  // A corrupted or downgraded row is a refusal, never an exception that breaks sign-in.
  it.each([
    "scrypt$abc$8$1$c2FsdA$aGFzaA",
    "scrypt$17$x$1$c2FsdA$aGFzaA",
    "scrypt$4.5$8$1$c2FsdA$aGFzaA",
    "scrypt$40$8$1$c2FsdA$aGFzaA",
    "scrypt$1$8$1$c2FsdA$aGFzaA",
    "scrypt$17$1$1$c2FsdA$aGFzaA",
  ])("returns false for %s", async (stored) => {
    await expect(verifyPassword("anything", stored)).resolves.toBe(false);
  });
});

describe("a burst of password checks", () => {
  it(
    "leaves libuv's thread pool free for other work (file reads, database connections)",
    async () => {
      let started = performance.now();
      await verifyPassword(PASSWORD, first);
      const oneHash = performance.now() - started;

      // Sixteen at once would hold all four pool threads for several rounds without the limit.
      const burst = Array.from({ length: 16 }, () => verifyPassword(PASSWORD, first));
      started = performance.now();
      await readFile(new URL(import.meta.url));
      const fileRead = performance.now() - started;
      expect(fileRead).toBeLessThan(oneHash);
      expect(await Promise.all(burst)).toEqual(Array(16).fill(true));
    },
    60_000,
  );
});

