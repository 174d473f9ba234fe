// The Content-Security-Policy and the other security headers every response carries.
import { describe, expect, it } from "vitest";
import { isHttpsDeployment } from "@/lib/security/deployment";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "@/lib/security/headers";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("contentSecurityPolicy in production", () => {
  const csp = directives(contentSecurityPolicy({ nonce: "abc123==", dev: false, https: true }));

  it("allows scripts only by nonce (plus what they load), never eval or inline", () => {
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("forbids framing, plugins and foreign base URLs and form targets", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval and inline styles only under `next dev`, and upgrades requests only over HTTPS", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", dev: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("staticSecurityHeaders", () => {
  it("sends nosniff, a strict referrer policy, DENY framing and a permissions policy", () => {
    const headers = staticSecurityHeaders({ https: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Permissions-Policy"]).toContain("geolocation=()");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS over HTTPS only", () => {
    expect(staticSecurityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(isHttpsDeployment({ NEXTAUTH_URL: "https://clinic.example" })).toBe(true);
    expect(isHttpsDeployment({ NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(isHttpsDeployment({})).toBe(false);
  });
});

describe("createNonce", () => {
  it("is 128 random bits, different every time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
