// Sessions end after 30 idle minutes or 12 hours in all, decided on the server. The session cookie
// is re-encrypted here with the test run's NEXTAUTH_SECRET to move its times into the past.
import { expect, test, type BrowserContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { ACCOUNTS, planIdOf, signInAndWait } from "./fixtures";

const COOKIE = "next-auth.session-token";
const secret = () => {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: run e2e through `npm test`.");
  return value;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function sessionClaims(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  if (!cookie) throw new Error("no session cookie");
  const claims = await decode({ token: cookie.value, secret: secret() });
  if (!claims) throw new Error("undecodable session cookie");
  return claims;
}

/** Replaces the browser's session cookie with one whose claims are changed by `edit`. */
async function rewriteSession(context: BrowserContext, baseURL: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>) {
  const claims = await sessionClaims(context);
  const token = await encode({ token: edit({ ...claims }), secret: secret(), maxAge: 12 * 3600 });
  await context.addCookies([{ name: COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

test.describe("session timeouts", () => {
  test("a session idle for 31 minutes is refused by pages and the API", async ({ page, context, baseURL }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    const planId = await planIdOf(ACCOUNTS.jordan);
    await rewriteSession(context, baseURL!, (c) => ({ ...c, lastActivity: nowSeconds() - 31 * 60 }));
    const api = await page.request.get(`/api/v1/plans/${planId}`);
    expect(api.status()).toBe(401);
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a session idle for 29 minutes still works, and the request moves its last activity to now", async ({ page, context, baseURL }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    const authTime = (await sessionClaims(context)).authTime as number;
    await rewriteSession(context, baseURL!, (c) => ({ ...c, lastActivity: nowSeconds() - 29 * 60 }));
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/clinic$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Dr Maya Chen");
    const claims = await sessionClaims(context);
    expect(claims.lastActivity as number).toBeGreaterThanOrEqual(nowSeconds() - 10);
    expect(claims.authTime).toBe(authTime);
  });

  test("12 hours after sign-in the session ends, however recently it was used", async ({ page, context, baseURL }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    await rewriteSession(context, baseURL!, (c) => ({ ...c, authTime: nowSeconds() - 12 * 3600 - 60, lastActivity: nowSeconds() - 60 }));
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a token without the session times is refused", async ({ page, context, baseURL }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    await rewriteSession(context, baseURL!, (c) => {
      delete c.authTime;
      delete c.lastActivity;
      return c;
    });
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
