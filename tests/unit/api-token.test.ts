// API client tokens (issue 17, ADR 047): format, hash, parsing, the bearer header.
import { describe, expect, it } from "vitest";
import { apiTokenMatches, bearerCredential, hashApiToken, newApiToken, parseApiToken } from "@/lib/auth/api-token";

describe("newApiToken", () => {
  it("is rvp_, a 12-character base62 id, _, and 43 base64url characters (32 bytes)", () => {
    const { token, tokenId } = newApiToken();
    expect(token).toMatch(/^rvp_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/);
    expect(token.slice(4, 16)).toBe(tokenId);
  });

  it("stores the SHA-256 (hex) of the whole token, never the token", () => {
    const { token, tokenHash } = newApiToken();
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashApiToken(token));
    expect(tokenHash).not.toContain(token.slice(17));
  });

  it("differs every time, id and secret", () => {
    const tokens = Array.from({ length: 200 }, () => newApiToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    expect(new Set(tokens.map((t) => t.tokenId)).size).toBe(200);
  });
});

describe("parseApiToken", () => {
  it("finds the id of a token this app issued", () => {
    const { token, tokenId } = newApiToken();
    expect(parseApiToken(token)).toEqual({ tokenId });
  });

  it.each([
    "",
    "rvp_",
    "rvp_ABCDEFGHIJKL_short",
    "xyz_ABCDEFGHIJKL_" + "a".repeat(43),
    "rvp_ABCDEFGHIJK_" + "a".repeat(44),
    "rvp_ABCDEFGHIJKL_" + "a".repeat(44),
    "rvp_ABCDEFGHIJKL_" + "a".repeat(42) + "=",
    " rvp_ABCDEFGHIJKL_" + "a".repeat(43),
  ])("refuses %j", (value) => {
    expect(parseApiToken(value)).toBeNull();
  });
});

describe("apiTokenMatches", () => {
  it("matches its own hash only", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(apiTokenMatches(a.token, a.tokenHash)).toBe(true);
    expect(apiTokenMatches(b.token, a.tokenHash)).toBe(false);
    // Same id, another secret: refused.
    expect(apiTokenMatches(`rvp_${a.tokenId}_${b.token.slice(17)}`, a.tokenHash)).toBe(false);
    expect(apiTokenMatches(a.token, "")).toBe(false);
  });
});

describe("bearerCredential", () => {
  it("is undefined without a bearer header: none, or another scheme (a proxy's Basic)", () => {
    expect(bearerCredential(null)).toBeUndefined();
    expect(bearerCredential("Basic dXNlcjpwYXNz")).toBeUndefined();
    expect(bearerCredential("Bearerish x")).toBeUndefined();
  });

  it("is the token of a bearer header, any case of the scheme", () => {
    expect(bearerCredential("Bearer rvp_abc")).toBe("rvp_abc");
    expect(bearerCredential("bearer rvp_abc")).toBe("rvp_abc");
  });

  it("is null (refused, never ignored) for a bearer header without exactly one token", () => {
    expect(bearerCredential("Bearer")).toBeNull();
    expect(bearerCredential("Bearer ")).toBeNull();
    expect(bearerCredential("Bearer a b")).toBeNull();
  });
});
