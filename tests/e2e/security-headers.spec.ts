// Security headers on every kind of response, the session cookie's attributes, and no Content
// Security Policy violation anywhere on the main pages of each role.
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ACCOUNTS, patientIdOf, planIdOf, query, signInAndWait } from "./fixtures";

function cspOf(headers: Record<string, string>) {
  return new Map((headers["content-security-policy"] ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n!, v]));
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = cspOf(headers);
  expect(csp.get("script-src"), what).toContain("'strict-dynamic'");
  expect(csp.get("script-src")!.some((v) => /^'nonce-[A-Za-z0-9+/=]{20,}'$/.test(v)), what).toBe(true);
  expect(headers["content-security-policy"], what).not.toContain("unsafe-eval");
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The suite runs on http://localhost: no HSTS (production over HTTPS sends it, see the unit test).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test.describe("security headers", () => {
  test("are on pages, route handlers, static assets and 404s", async ({ page, request }) => {
    const signIn = await request.get("/sign-in");
    expect(signIn.status()).toBe(200);
    expectSecurityHeaders(signIn, "page");

    // Next.js put this response's nonce on its scripts; each response has its own.
    const html = await signIn.text();
    const nonce = /'nonce-([^']+)'/.exec(signIn.headers()["content-security-policy"]!)![1]!;
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html.match(/<script\b[^>]*>/g)!.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true);
    const again = await request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce);

    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await request.get(script);
    expect(asset.status()).toBe(200);
    expectSecurityHeaders(asset, "static asset");

    const missingPage = await request.get("/no-such-page");
    expect(missingPage.status()).toBe(404);
    expectSecurityHeaders(missingPage, "404 page");
    // A path under /api/ that no route handler answers renders the not-found page: its scripts
    // carry this response's nonce like any page's (proxy.ts rewrites only route handlers' paths).
    const missingApi = await request.get("/api/v1/no-such-thing");
    expect(missingApi.status()).toBe(404);
    expectSecurityHeaders(missingApi, "404 under /api");
    const missingApiNonce = /'nonce-([^']+)'/.exec(missingApi.headers()["content-security-policy"]!)![1]!;
    expect(await missingApi.text()).toContain(`nonce="${missingApiNonce}"`);
    const missingAsset = await request.get("/_next/static/chunks/no-such-chunk.js");
    expect(missingAsset.status()).toBe(404);
    expectSecurityHeaders(missingAsset, "404 asset");

    const anonymousApi = await request.get(`/api/v1/plans/${await planIdOf(ACCOUNTS.jordan)}`);
    expect(anonymousApi.status()).toBe(401);
    expectSecurityHeaders(anonymousApi, "route handler 401");

    await signInAndWait(page, "maya", /\/clinic$/);
    const api = await page.request.get(`/api/v1/plans/${await planIdOf(ACCOUNTS.jordan)}`);
    expect(api.status()).toBe(200);
    expectSecurityHeaders(api, "route handler");
  });

  test("the session cookie is HttpOnly and SameSite=Lax (Secure only over HTTPS)", async ({ page, context }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    for (const cookie of await context.cookies()) expect(cookie.httpOnly, cookie.name).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe("");
  });
});

test.describe("Content Security Policy", () => {
  /** Collects CSP violations the browser reports, as events and as console messages. */
  async function watchViolations(page: Page) {
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));
    return async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[]).map((v) => `${page.url()}: ${v}`)];
  }

  async function visitAll(page: Page, paths: string[], check: () => Promise<string[]>) {
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      expect(await check(), path).toEqual([]);
    }
  }

  test("no violation on the clinician's pages, the charts and client-side navigation included", async ({ page }) => {
    const check = await watchViolations(page);
    await signInAndWait(page, "maya", /\/clinic$/);
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    const plan = await planIdOf(ACCOUNTS.jordan);
    const [session] = await query<{ id: string }>(`select id from "Session" where "planId" = $1 limit 1`, [plan]);
    await visitAll(
      page,
      ["/clinic", `/clinic/patients/${jordan}`, `/clinic/plans/${plan}`, `/clinic/plans/${plan}/print`, "/clinic/sessions", `/clinic/sessions/${session!.id}`, "/clinic/catalog", "/clinic/protocols", `/clinic/progress/${jordan}`],
      check,
    );
    // The progress page (last above) drew its recharts SVG charts.
    await expect(page.locator(".recharts-surface").first()).toBeAttached();
    // Client-side navigation loads further chunks through the nonced bootstrap ('strict-dynamic').
    await page.goto("/clinic");
    // The roster row: Jordan may also be named in the dashboard's alerts, depending on the day.
    await page.getByRole("table").getByRole("link", { name: "Jordan Lee", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await check()).toEqual([]);
  });

  test("no violation on the patient's, the admin's and the public pages", async ({ browser }) => {
    const patient = await browser.newPage();
    const checkPatient = await watchViolations(patient);
    await signInAndWait(patient, "jordan", /\/my$/);
    await visitAll(patient, ["/my", `/my/plans/${await planIdOf(ACCOUNTS.jordan)}`], checkPatient);
    await patient.close();

    const admin = await browser.newPage();
    const checkAdmin = await watchViolations(admin);
    await signInAndWait(admin, "admin", /\/admin\/catalog$/);
    await visitAll(admin, ["/admin/catalog", "/admin/templates", "/admin/accounts", "/admin/audit", "/admin/accounts/new"], checkAdmin);
    await admin.close();

    const anonymous = await browser.newPage();
    const checkAnonymous = await watchViolations(anonymous);
    await visitAll(anonymous, ["/sign-in"], checkAnonymous);
    await anonymous.goto("/no-such-page");
    expect(await checkAnonymous()).toEqual([]);
    await anonymous.close();
  });
});
