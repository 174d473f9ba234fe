// Regression (issue 7 fuzz): GET /api/auth/error?error=%00 (or %0d%0a…) answered 500: next-auth
// put the value in its redirect's Location header and the Response constructor refused it.
import { describe, expect, it } from "vitest";
import { CALLBACK_URL_COOKIES, dropUnsafeAuthCookies, dropUnsafeCallbackCookies, isSafeCallbackUrl, refuseUnsendableHeaders } from "@/lib/server/next-auth-route";

describe("refuseUnsendableHeaders", () => {
  it("answers 400 without echoing anything when next-auth builds a header a response cannot carry", async () => {
    const handler = refuseUnsendableHeaders(async () => new Response(null, { status: 302, headers: { Location: "/sign-in?error=\r\nSet-Cookie: a=b" } }));
    const response = await handler(new Request("http://localhost/api/auth/error?error=x"), {});
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Bad request");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("passes next-auth's own answers through", async () => {
    const handler = refuseUnsendableHeaders(async () => new Response(null, { status: 302, headers: { Location: "/sign-in?error=Configuration" } }));
    const response = await handler(new Request("http://localhost/api/auth/error?error=Configuration"), {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?error=Configuration");
  });

  it("does not hide other failures", async () => {
    const handler = refuseUnsendableHeaders(async () => {
      throw new Error("database unavailable");
    });
    await expect(handler(new Request("http://localhost/api/auth/session"), {})).rejects.toThrow("database unavailable");
  });
});

// Regression (security hardening): a malformed next-auth.callback-url cookie ("not a URL",
// "javascript:alert(1)", a NUL) made /api/auth/csrf, /session and /providers answer 500 — next-auth
// reads the cookie with `new URL` on every request — and so blocked sign-in in that browser.
describe("dropUnsafeAuthCookies", () => {
  const ORIGIN = "http://localhost:3000";
  /** A cookie jar as next/headers' cookies() presents it in a route handler. */
  function jar(entries: Record<string, string>) {
    const values = new Map(Object.entries(entries));
    return { values, getAll: () => [...values].map(([name, value]) => ({ name, value })), delete: (name: string) => values.delete(name) };
  }
  const seen = (store: ReturnType<typeof jar>) => dropUnsafeAuthCookies(async () => new Response(JSON.stringify(Object.fromEntries(store.values))), async () => store);

  it.each([
    ["not a URL", "notaurl"],
    ["text with spaces", "not a url"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash path", "/\\evil.example"],
    ["another site", "https://evil.example/clinic"],
    ["a NUL byte", "/clinic\u0000"],
    ["a lone surrogate", "/clinic\ud800"],
    ["a huge value", `${ORIGIN}/${"a".repeat(5000)}`],
    ["an empty value", ""],
  ])("drops %s from next-auth's view, under either cookie name", async (_, value) => {
    for (const name of CALLBACK_URL_COOKIES) {
      const store = jar({ [name]: value, "next-auth.csrf-token": "token|hash" });
      const response = await seen(store)(new Request(`${ORIGIN}/api/auth/csrf`), {});
      expect(await response.json()).toEqual({ "next-auth.csrf-token": "token|hash" });
    }
  });

  it.each([`${ORIGIN}/clinic`, `${ORIGIN}/my?day=2026-12-01`, "/clinic/sessions?week=2026-11-30", "https://plans.example.org/admin"])("keeps %s", async (value) => {
    process.env.NEXTAUTH_URL = "https://plans.example.org";
    try {
      const store = jar({ "next-auth.callback-url": value });
      const response = await seen(store)(new Request(`${ORIGIN}/api/auth/session`), {});
      expect(await response.json()).toEqual({ "next-auth.callback-url": value });
    } finally {
      delete process.env.NEXTAUTH_URL;
    }
  });

  it("leaves other cookies alone, garbage or not (next-auth reads them safely)", () => {
    const store = jar({ "next-auth.session-token": "garbage", "next-auth.csrf-token": "%E0%A4%A" });
    expect(dropUnsafeCallbackCookies(store, [ORIGIN])).toEqual([]);
    expect(store.values.size).toBe(2);
  });

  it("accepts what next-auth itself writes and nothing off-site", () => {
    expect(isSafeCallbackUrl(`${ORIGIN}/clinic`, [ORIGIN])).toBe(true);
    expect(isSafeCallbackUrl("http://localhost:3001/clinic", [ORIGIN])).toBe(false);
    expect(isSafeCallbackUrl("ftp://localhost:3000/clinic", [ORIGIN])).toBe(false);
  });
});
