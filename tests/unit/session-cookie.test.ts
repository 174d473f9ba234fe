// The proxy's sliding of the session cookie, on real next-auth JWTs (encrypted with a test secret).
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionCookie, slideSessionToken } from "@/lib/auth/session-cookie";

const secret = "unit-test-secret-unit-test-secret-0123456789";
// encode() stamps `exp` from the real clock, so the times here are relative to it.
const T = Math.floor(Date.now() / 1000) - 20 * 60;
const at = (seconds: number) => new Date(seconds * 1000);

async function token(claims: Record<string, unknown>) {
  return encode({ token: { sub: "user-1", role: "CLINICIAN", sv: 3, ...claims }, secret, maxAge: 12 * 3600 });
}

describe("slideSessionToken", () => {
  it("moves lastActivity to now, keeps every other claim and expires 12 hours after sign-in", async () => {
    const slid = await slideSessionToken(await token({ authTime: T, lastActivity: T }), secret, at(T + 20 * 60));
    expect(slid).not.toBeNull();
    const claims = await decode({ token: slid!.value, secret });
    expect(claims).toMatchObject({ sub: "user-1", role: "CLINICIAN", sv: 3, authTime: T, lastActivity: T + 20 * 60 });
    expect(Math.abs((claims!.exp as number) - (T + 12 * 3600))).toBeLessThanOrEqual(2);
    expect(slid!.expires.getTime()).toBe((T + 12 * 3600) * 1000);
  });

  it("leaves an idle, an expired, a foreign or a just-refreshed token alone", async () => {
    expect(await slideSessionToken(await token({ authTime: T, lastActivity: T }), secret, at(T + 31 * 60))).toBeNull();
    expect(await slideSessionToken(await token({ authTime: T, lastActivity: T + 12 * 3600 - 60 }), secret, at(T + 12 * 3600 + 1))).toBeNull();
    expect(await slideSessionToken(await token({ authTime: T, lastActivity: T }), "another-secret-another-secret-0123456789", at(T + 60))).toBeNull();
    expect(await slideSessionToken("not-a-jwt", secret, at(T))).toBeNull();
    expect(await slideSessionToken(await token({ authTime: T, lastActivity: T }), secret, at(T + 20))).toBeNull();
    expect(await slideSessionToken(await token({}), secret, at(T + 600))).toBeNull();
  });
});

describe("sessionCookie", () => {
  it("is HttpOnly and SameSite=Lax, and Secure with the __Secure- prefix only over HTTPS", () => {
    expect(sessionCookie(false)).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(sessionCookie(true).name).toBe("__Secure-next-auth.session-token");
    expect(sessionCookie(true).options.secure).toBe(true);
  });
});
