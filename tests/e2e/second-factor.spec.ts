// The second sign-in step for staff (ADR 022): a code from the authenticator app after the
// password; nothing opens before it; wrong and replayed codes are refused and count toward the
// account's lock-out; staff without a factor set one up first; recovery codes; an admin reset.
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { totpCodeAt } from "@/lib/auth/totp";
import { encryptTotpSecret } from "@/lib/auth/totp-secret";
import { DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";
import { ACCOUNTS, enrolAuthenticatorApp, query, signInAndWait } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 10);

/** A clinician of the demo clinic of this test only (so no demo account is locked or reset). */
async function insertClinician(options: { demoApp: boolean }) {
  const tag = unique();
  const password = `quiet harbour ${tag}`;
  const user = { id: `cmfa${tag}${unique()}`.slice(0, 25).padEnd(25, "0"), email: `e2e.mfa.${tag}@riverside.example`, name: `Ari Second ${tag}`, password };
  await query(
    `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt")
     select $1, "clinicId", $2, $3, 'CLINICIAN', $4, now() from "User" where email = $5`,
    [user.id, user.email, user.name, await hashPassword(password), ACCOUNTS.admin],
  );
  if (options.demoApp) {
    await query(`insert into "TotpFactor" ("userId", "secretEnc", "confirmedAt") values ($1, $2, now())`, [user.id, encryptTotpSecret(DEMO_TOTP_SECRET, user.id)]);
  }
  return user;
}

async function passwordOnly(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const failedCount = async (email: string) => (await query<{ n: number }>(`select "failedLoginCount" as n from "User" where email = $1`, [email]))[0]!.n;

test.describe("second sign-in step", () => {
  test("after the password, nothing opens until the code is entered", async ({ page }) => {
    const user = await insertClinician({ demoApp: true });
    await passwordOnly(page, user.email, user.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await expect(page.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
    // The page asked for is kept for after the step, the last one asked for (decision 042).
    await page.goto("/account/password");
    await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Faccount%2Fpassword$/);
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Fclinic$/);
    const api = await page.request.get("/api/v1/plans/cmwx8681k0007tl7doe3bxrbx");
    expect(api.status()).toBe(403);
    expect((await api.json()).error.message).toBe("Complete the second sign-in step first");

    await page.getByLabel("Code from your authenticator app").fill(await totpCodeAt(DEMO_TOTP_SECRET));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/clinic$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(user.name);
  });

  test("a wrong code is refused and counted toward the lock-out; a replayed code is refused", async ({ page, browser }) => {
    const user = await insertClinician({ demoApp: true });
    await passwordOnly(page, user.email, user.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    const right = await totpCodeAt(DEMO_TOTP_SECRET);
    await page.getByLabel("Code from your authenticator app").fill(right === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("That code is not right, or it was already used.", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Code from your authenticator app")).toBeFocused();
    expect(await failedCount(user.email)).toBe(1);

    await page.getByLabel("Code from your authenticator app").fill(right);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/clinic$/);
    // Both factors proven: the count starts again.
    expect(await failedCount(user.email)).toBe(0);

    // The same code, seen over a shoulder and typed in another browser at once, is refused.
    const context = await browser.newContext();
    const other = await context.newPage();
    await passwordOnly(other, user.email, user.password);
    await expect(other).toHaveURL(/\/sign-in\/verify$/);
    await other.getByLabel("Code from your authenticator app").fill(right);
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(other.getByText("That code is not right, or it was already used.", { exact: false })).toBeVisible();
    await expect(other).toHaveURL(/\/sign-in\/verify$/);
    expect(await failedCount(user.email)).toBe(1);
    await context.close();
  });

  test("staff without a factor set up an app first, keep recovery codes, and can sign in with one", async ({ page }) => {
    test.slow();
    const user = await insertClinician({ demoApp: false });
    // The sign-in form goes home, and home sends staff without a factor to set one up.
    await passwordOnly(page, user.email, user.password);
    const { recoveryCodes } = await enrolAuthenticatorApp(page);
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole("link", { name: "I have saved my codes: continue" }).click();
    await expect(page).toHaveURL(/\/clinic$/);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await passwordOnly(page, user.email, user.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/clinic$/);
    const unused = await query<{ n: string }>(`select count(*) as n from "RecoveryCode" where "userId" = $1 and "usedAt" is null`, [user.id]);
    expect(Number(unused[0]!.n)).toBe(9);
  });

  test("an admin resets a clinician's second factors after a confirmation; the clinician sets up a new app", async ({ page, browser }) => {
    const user = await insertClinician({ demoApp: true });
    const context = await browser.newContext();
    const clinician = await context.newPage();
    await passwordOnly(clinician, user.email, user.password);
    await clinician.getByLabel("Code from your authenticator app").fill(await totpCodeAt(DEMO_TOTP_SECRET));
    await clinician.getByRole("button", { name: "Continue" }).click();
    await expect(clinician).toHaveURL(/\/clinic$/);

    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto(`/admin/accounts/${user.id}`);
    await page.getByRole("button", { name: "Reset second factors" }).click();
    const dialog = page.getByRole("dialog", { name: `Reset ${user.name}'s second factors?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Reset second factors" }).click();
    await expect(page.getByText(`${user.name}'s second factors were reset.`, { exact: false })).toBeVisible();
    const events = await query(`select 1 from "AuditEvent" where action = 'account.second_factor_reset' and "entityId" = $1`, [user.id]);
    expect(events).toHaveLength(1);

    // Their open session has ended; at the next sign-in they must set up a new app.
    await clinician.goto("/clinic");
    await expect(clinician).toHaveURL(/\/sign-in/);
    await passwordOnly(clinician, user.email, user.password);
    await expect(clinician).toHaveURL(/\/account\/security$/);
    await expect(clinician.getByRole("heading", { level: 1, name: "Set up a second sign-in step" })).toBeVisible();
    await context.close();
  });
});
