// Decrypting the session cookie once per distinct cookie (lib/auth/session-token.ts): the same
// claims as next-auth's decode(), nothing for a foreign, tampered or expired token, and a kept
// token stops being accepted when it expires.
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken } from "@/lib/auth/session-token";

// next-auth's real decode(), counted.
const decrypted = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const actual = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...actual, decode: (params: Parameters<typeof actual.decode>[0]) => (decrypted.count++, actual.decode(params)) };
});
beforeEach(() => {
  decrypted.count = 0;
});

const secret = "unit-test-secret-unit-test-secret-0123456789";
const now = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown> = {}, maxAge = 3600) => encode({ token: { sub: "user-1", role: "PATIENT", sv: 1, ...claims }, secret, maxAge });

describe("decodeSessionToken", () => {
  it("returns the claims, and the same claims again without decrypting twice", async () => {
    const value = await token({ lastActivity: 42 });
    const first = await decodeSessionToken(value, secret);
    const second = await decodeSessionToken(value, secret);
    expect(first).toMatchObject({ sub: "user-1", role: "PATIENT", sv: 1, lastActivity: 42 });
    expect(second).toEqual(first);
    expect(decrypted.count).toBe(1);
  });

  it("refuses a token under another secret, even one it has decrypted before", async () => {
    const value = await token();
    expect(await decodeSessionToken(value, secret)).not.toBeNull();
    expect(await decodeSessionToken(value, "another-secret-another-secret-0123456789")).toBeNull();
  });

  it("refuses a tampered, a malformed and an empty token", async () => {
    const value = await token();
    const tampered = value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeSessionToken(tampered, secret)).toBeNull();
    expect(await decodeSessionToken("not-a-jwt", secret)).toBeNull();
    expect(await decodeSessionToken("", secret)).toBeNull();
  });

  it("stops accepting a kept token once it has expired", async () => {
    const value = await token({}, 60);
    expect(await decodeSessionToken(value, secret, now())).not.toBeNull();
    expect(await decodeSessionToken(value, secret, now() + 61)).toBeNull();
    // …and it is gone for good, not revived by an earlier clock.
    expect(await decodeSessionToken(value, secret, now() + 61)).toBeNull();
  });

  it("keeps serving tokens correctly past the size of its map", async () => {
    const values = await Promise.all(Array.from({ length: 2_050 }, (_, i) => token({ sv: i })));
    for (const v of values) await decodeSessionToken(v, secret);
    expect(await decodeSessionToken(values[0]!, secret)).toMatchObject({ sv: 0 });
    expect(await decodeSessionToken(values.at(-1)!, secret)).toMatchObject({ sv: 2_049 });
  });
});
