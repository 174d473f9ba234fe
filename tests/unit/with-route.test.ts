// Route handlers that change data accept only JSON sent from the app's own origin. The handler is
// invoked through withRoute as Next.js would call it; only the session lookup is replaced, since
// it needs a live request (the checks under test run before it).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/validation/zod";
import type { Actor } from "@/lib/auth/actor";
import { assertJsonFromOwnOrigin } from "@/lib/server/same-origin-json";

const actor: Actor = { userId: "u1", role: "CLINICIAN", clinicId: "c1", name: "Test", timeZone: "Europe/London", patientId: null };
const requireActor = vi.fn(async () => actor);
vi.mock("@/lib/auth/session", () => ({ requireActor: () => requireActor() }));

const { withRoute } = await import("@/lib/server/with-route");

const handler = vi.fn(async ({ params }: { params: { planId: string } }) => ({ saved: params.planId }));
const route = withRoute(z.object({ planId: z.string() }), handler);
const context = { params: Promise.resolve({ planId: "plan-1" }) };

function request(method: string, headers: Record<string, string>) {
  return new Request("http://localhost:3140/api/v1/plans/plan-1", { method, headers, body: method === "GET" ? undefined : "{}" });
}

beforeEach(() => {
  handler.mockClear();
  requireActor.mockClear();
  vi.stubEnv("NEXTAUTH_URL", "");
});
afterEach(() => vi.unstubAllEnvs());

describe("withRoute on methods that change data", () => {
  it("runs the handler for JSON from the app's own origin", async () => {
    const res = await route(request("PATCH", { "content-type": "application/json; charset=utf-8", origin: "http://localhost:3140", host: "localhost:3140" }), context);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ saved: "plan-1" });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("answers 415 to anything but JSON, before resolving the actor", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", ""]) {
      const headers: Record<string, string> = { origin: "http://localhost:3140", host: "localhost:3140" };
      if (type) headers["content-type"] = type;
      const res = await route(request("POST", headers), context);
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    expect(handler).not.toHaveBeenCalled();
    expect(requireActor).not.toHaveBeenCalled();
  });

  it("answers 403 to another origin, a missing or opaque one, or a look-alike host", async () => {
    // Without NEXTAUTH_URL only the host is compared (as Next.js does for server actions): behind a
    // TLS-terminating proxy the app cannot tell which scheme the browser used.
    for (const origin of ["https://evil.example", "http://localhost:3141", "null", undefined, "http://localhost:3140.evil.example", "file:///etc"]) {
      const headers: Record<string, string> = { "content-type": "application/json", host: "localhost:3140" };
      if (origin) headers.origin = origin;
      const res = await route(request("DELETE", headers), context);
      expect(res.status, `origin ${origin}`).toBe(403);
    }
    expect(handler).not.toHaveBeenCalled();
    expect(requireActor).not.toHaveBeenCalled();
  });

  it("compares with NEXTAUTH_URL's origin when it is set, whatever the Host header says", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://clinic.example/");
    const ok = await route(request("PUT", { "content-type": "application/json", origin: "https://clinic.example", host: "internal:3000" }), context);
    expect(ok.status).toBe(200);
    const spoofedHost = await route(request("PUT", { "content-type": "application/json", origin: "https://evil.example", host: "evil.example" }), context);
    expect(spoofedHost.status).toBe(403);
    const plainHttp = await route(request("PUT", { "content-type": "application/json", origin: "http://clinic.example", host: "clinic.example" }), context);
    expect(plainHttp.status).toBe(403);
  });

  it("leaves reads alone: GET needs neither a body type nor an Origin", async () => {
    const res = await route(request("GET", {}), context);
    expect(res.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe("assertJsonFromOwnOrigin", () => {
  it("treats HEAD and OPTIONS as reads and checks every other method", () => {
    expect(() => assertJsonFromOwnOrigin(new Request("http://x/", { method: "HEAD" }), null)).not.toThrow();
    expect(() => assertJsonFromOwnOrigin(new Request("http://x/", { method: "OPTIONS" }), null)).not.toThrow();
    expect(() => assertJsonFromOwnOrigin(new Request("http://x/", { method: "POST", body: "{}" }), null)).toThrow(/application\/json/);
  });
});
