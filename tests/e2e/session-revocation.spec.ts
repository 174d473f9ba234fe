import { expect, test } from "@playwright/test";
import { ACCOUNTS, query, signInAndWait } from "./fixtures";

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
