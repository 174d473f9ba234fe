// Decision 034: the pieces of invitation and reset links that need no database. The token is
// 256 random bits in base64url; only its SHA-256 is stored; an account without a password has a
// well-formed scrypt value no password matches (sign-in does the same hash work for it).
import { describe, expect, it } from "vitest";
import { hashAccountToken, INVITATION_TTL_MS, isWellFormedAccountToken, newAccountToken, PASSWORD_RESET_TTL_MS } from "@/lib/auth/account-token";
import { hashPassword, isPasswordSet, unsetPasswordHash, verifyPassword } from "@/lib/auth/password";
import { LINK_PROBLEMS, linkProblemMessage } from "@/lib/validation/account-links";
import { ZSetPasswordWithToken } from "@/lib/validation/accounts";

describe("account link tokens", () => {
  it("are 43 base64url characters (32 bytes), all different, stored as a 64-hex SHA-256 that is not the token", () => {
    const tokens = Array.from({ length: 200 }, newAccountToken);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    for (const { token, tokenHash } of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tokenHash).toBe(hashAccountToken(token));
      expect(tokenHash).not.toContain(token);
    }
  });

  it("refuses anything that is not a token's shape before it is looked up", () => {
    const { token } = newAccountToken();
    expect(isWellFormedAccountToken(token)).toBe(true);
    for (const bad of ["", token.slice(1), `${token}A`, `${token.slice(0, 42)}=`, `${token.slice(0, 42)}/`, token.replace(/^./, "%"), null, 42, undefined]) {
      expect(isWellFormedAccountToken(bad)).toBe(false);
    }
  });

  it("last 72 hours for an invitation and 30 minutes for a reset", () => {
    expect(INVITATION_TTL_MS).toBe(72 * 3_600_000);
    expect(PASSWORD_RESET_TTL_MS).toBe(30 * 60_000);
  });
});

describe("an account without a password", () => {
  it("has a hash no password verifies against, told apart from a chosen one", async () => {
    const unset = unsetPasswordHash();
    expect(unset).toMatch(/^scrypt\$17\$8\$1\$unset-[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(isPasswordSet(unset)).toBe(false);
    expect(unsetPasswordHash()).not.toBe(unset);
    for (const guess of ["", unset]) expect(await verifyPassword(guess, unset)).toBe(false);
    expect(isPasswordSet(await hashPassword("a quiet morning by the weir"))).toBe(true);
    // Seeded and test fixtures' unusable values are not "unset": they are not invitations.
    expect(isPasswordSet("scrypt$17$8$1$x$x")).toBe(true);
    // Three scrypt hashes of ~0.3 s each, on a loaded machine.
  }, 30_000);
});

describe("choosing a password through a link", () => {
  const valid = { purpose: "INVITATION", token: "t", newPassword: "a quiet morning by the weir", confirm: "a quiet morning by the weir" };

  it("accepts the policy's passwords and refuses a mismatch, a common password and an unknown purpose", () => {
    expect(ZSetPasswordWithToken.safeParse(valid).success).toBe(true);
    const mismatch = ZSetPasswordWithToken.safeParse({ ...valid, confirm: "a quiet morning by the wier" });
    expect(mismatch.success || mismatch.error.issues.map((i) => i.path.join("."))).toEqual(["confirm"]);
    const common = ZSetPasswordWithToken.safeParse({ ...valid, newPassword: "password1", confirm: "password1" });
    expect(common.success || common.error.issues.map((i) => i.path.join("."))).toEqual(["newPassword"]);
    expect(ZSetPasswordWithToken.safeParse({ ...valid, purpose: "LOGIN" }).success).toBe(false);
    expect(ZSetPasswordWithToken.safeParse({ ...valid, token: "x".repeat(201) }).success).toBe(false);
  });

  it("explains every unusable link with what to do next, and says nothing was changed", () => {
    for (const purpose of ["INVITATION", "PASSWORD_RESET"] as const) {
      for (const problem of ["expired", "used", "revoked", "invalid"] as const) {
        const message = linkProblemMessage(purpose, problem);
        expect(message).toContain(LINK_PROBLEMS[purpose][problem].title);
        expect(message).toMatch(/Nothing was changed\.$/);
      }
    }
    expect(LINK_PROBLEMS.INVITATION.expired.body).toMatch(/ask your clinic for a new invitation/i);
    expect(LINK_PROBLEMS.PASSWORD_RESET.expired.body).toMatch(/request a new reset link/i);
  });
});
