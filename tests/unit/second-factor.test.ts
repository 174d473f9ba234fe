// The pure parts of the second sign-in step (ADR 022): secrets at rest, RFC 6238 codes and their
// one-step window, recovery codes, and the password minimum by number of factors.
import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode, newRecoveryCodeSalt, normalizeRecoveryCode } from "@/lib/auth/recovery-codes";
import { matchTotpCode, totpCodeAt, totpStepAt } from "@/lib/auth/totp";
import { decryptTotpSecret, encryptTotpSecret } from "@/lib/auth/totp-secret";
import { passwordPolicyProblem, PASSWORD_MIN_SINGLE_FACTOR } from "@/lib/validation/accounts";
import { ZVerifySecondFactor } from "@/lib/validation/second-factor";

const KEY = "unit-test-nextauth-secret";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("authenticator secrets at rest", () => {
  it("round-trip under the same key and user, and never appear in the stored value", () => {
    const stored = encryptTotpSecret(SECRET, "user-1", KEY);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(SECRET);
    expect(decryptTotpSecret(stored, "user-1", KEY)).toBe(SECRET);
    // A fresh IV each time.
    expect(encryptTotpSecret(SECRET, "user-1", KEY)).not.toBe(stored);
  });

  it("do not decrypt for another user, under another key, or when tampered with", () => {
    const stored = encryptTotpSecret(SECRET, "user-1", KEY);
    expect(decryptTotpSecret(stored, "user-2", KEY)).toBeNull();
    expect(decryptTotpSecret(stored, "user-1", "another-secret")).toBeNull();
    const [v, iv, ct, tag] = stored.split(".");
    // The first character: the last one of base64url may carry only padding bits.
    const flipped = (ct!.startsWith("A") ? "B" : "A") + ct!.slice(1);
    expect(decryptTotpSecret([v, iv, flipped, tag].join("."), "user-1", KEY)).toBeNull();
    expect(decryptTotpSecret("not-a-value", "user-1", KEY)).toBeNull();
  });
});

describe("RFC 6238 codes", () => {
  // RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (base32 below), truncated to 6 digits.
  const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  it("match the RFC's test vectors", async () => {
    expect(await totpCodeAt(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(await totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(await totpCodeAt(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("are accepted one step either side of now, not two, and never for a used step", async () => {
    const now = new Date(1_800_000_015_000);
    const step = totpStepAt(now);
    const codeAt = (offsetSteps: number) => totpCodeAt(SECRET, new Date(now.getTime() + offsetSteps * 30_000));
    for (const offset of [-1, 0, 1]) {
      expect(await matchTotpCode({ secret: SECRET, code: await codeAt(offset), now, afterStep: null })).toBe(step + offset);
    }
    for (const offset of [-2, 2]) expect(await matchTotpCode({ secret: SECRET, code: await codeAt(offset), now, afterStep: null })).toBeNull();
    expect(await matchTotpCode({ secret: SECRET, code: await codeAt(0), now, afterStep: step })).toBeNull();
    expect(await matchTotpCode({ secret: SECRET, code: await codeAt(1), now, afterStep: step })).toBe(step + 1);
    expect(await matchTotpCode({ secret: SECRET, code: "12345", now, afterStep: null })).toBeNull();
  });

  it("are read with spaces, refused when not six digits", () => {
    expect(ZVerifySecondFactor.safeParse({ method: "totp", code: "123 456" }).data).toEqual({ method: "totp", code: "123456" });
    expect(ZVerifySecondFactor.safeParse({ method: "totp", code: "12345a" }).success).toBe(false);
    expect(ZVerifySecondFactor.safeParse({ method: "sms", code: "123456" }).success).toBe(false);
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of ten unambiguous symbols, matched in any spelling and only against their own hashes", async () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    const salt = newRecoveryCodeSalt();
    const hashes = await Promise.all(codes.map((c) => hashRecoveryCode(c, salt)));
    for (const h of hashes) expect(h).not.toContain(codes[0]!.replace("-", ""));
    expect(await matchRecoveryCode(codes[4]!, hashes)).toBe(4);
    expect(await matchRecoveryCode(` ${codes[4]!.toUpperCase().replace("-", " ")} `, hashes)).toBe(4);
    expect(await matchRecoveryCode("aaaaa-aaaaa", hashes)).toBe(-1);
    expect(await matchRecoveryCode("not a code", hashes)).toBe(-1);
    expect(normalizeRecoveryCode("K7QMX-3HAP9")).toBe("k7qmx3hap9");
    expect(normalizeRecoveryCode("k7qmx-3hap0")).toBeNull(); // 0 is not in the alphabet
  });
});

describe("password minimum by number of factors (SP 800-63B rev. 4 §3.1.1.2)", () => {
  it("is 15 characters for a password that is the only factor, 8 otherwise", () => {
    const fourteen = "quiet river 14";
    expect([...fourteen]).toHaveLength(14);
    expect(passwordPolicyProblem(fourteen, { minLength: PASSWORD_MIN_SINGLE_FACTOR })).toBe("Use at least 15 characters.");
    expect(passwordPolicyProblem(`${fourteen}!`, { minLength: PASSWORD_MIN_SINGLE_FACTOR })).toBeNull();
    expect(passwordPolicyProblem(fourteen)).toBeNull();
  });
});
