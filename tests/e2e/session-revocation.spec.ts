import { expect, test } from "@playwright/test";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

// Open sessions end on their next request when the account changes underneath them.
test.describe("session revocation", () => {
  test.afterEach(async () => {
    await query(`update "User" set active = true, role = 'CLINICIAN' where email = $1`, [ACCOUNTS.sam]);
  });

  test("a bumped session version signs the user out on the next request", async ({ page }) => {
    await signInAndWait(page, "sam", /\/clinic$/);
    await query(`update "User" set "sessionVersion" = "sessionVersion" + 1 where email = $1`, [ACCOUNTS.sam]);
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
    const api = await page.request.get("/api/v1/plans/cmwx8681k0007tl7doe3bxrbx");
    expect(api.status()).toBe(401);
  });

  test("a deactivated account's open session stops working and it cannot sign in again", async ({ page }) => {
    await signInAndWait(page, "sam", /\/clinic$/);
    await query(`update "User" set active = false where email = $1`, [ACCOUNTS.sam]);
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email").fill(ACCOUNTS.sam);
    await page.getByLabel("Password").fill("riverside-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  });

  test("a role change ends the session instead of granting the new role's area silently", async ({ page }) => {
    await signInAndWait(page, "sam", /\/clinic$/);
    await query(`update "User" set role = 'ADMIN' where email = $1`, [ACCOUNTS.sam]);
    await page.goto("/admin/catalog");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

// Issue 12: signing out ends the session on the server, not only in this browser.
test.describe("signing out ends the session everywhere it was copied", () => {
  test("a cookie copied before sign-out reads nothing afterwards, and is not re-issued", async ({ page, browser }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    const planId = await planIdOf(ACCOUNTS.jordan);
    const copied = await page.context().cookies();
    expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    const thief = await browser.newContext();
    try {
      await thief.addCookies(copied);
      const other = await thief.newPage();
      await other.goto("/my");
      await expect(other).toHaveURL(/\/sign-in/);
      expect((await other.request.get(`/api/v1/plans/${planId}`)).status()).toBe(401);
      const session = await other.request.get("/api/auth/session");
      expect(await session.json()).toEqual({});
      // next-auth answered by clearing the cookie, not by renewing it.
      const renewed = (session.headers()["set-cookie"] ?? "").split("\n").filter((c) => /next-auth\.session-token=[^;]+/.test(c) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c));
      expect(renewed).toEqual([]);
    } finally {
      await thief.close();
    }
    const events = await query<{ n: number }>(
      `select count(*)::int as n from "AuditEvent" a join "User" u on u.id = a."entityId" where a.action = 'auth.sign_out' and u.email = $1`,
      [ACCOUNTS.jordan],
    );
    expect(events[0]!.n).toBeGreaterThan(0);
  });

  test("sign out everywhere ends the other browsers' sessions too", async ({ page, browser }) => {
    const elsewhere = await browser.newContext();
    try {
      const phone = await elsewhere.newPage();
      await signInAndWait(phone, "ana", /\/my$/);
      await signInAndWait(page, "ana", /\/my$/);
      await page.goto("/account/sessions");
      await expect(page.getByRole("heading", { name: /open sessions/ })).toBeVisible();
      await expect(page.getByText("this browser")).toBeVisible();
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      await phone.goto("/my");
      await expect(phone).toHaveURL(/\/sign-in/);
    } finally {
      await elsewhere.close();
    }
  });
});
