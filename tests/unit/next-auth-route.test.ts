// Regression (issue 7 fuzz): GET /api/auth/error?error=%00 (or %0d%0a…) answered 500: next-auth
// put the value in its redirect's Location header and the Response constructor refused it.
import { describe, expect, it } from "vitest";
import { refuseUnsendableHeaders } from "@/lib/server/next-auth-route";

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
