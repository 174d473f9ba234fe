// Brute force through the real sign-in form: after ten failures the account is locked, and the
// right password then gets exactly the answer a wrong one gets.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";
import { ACCOUNTS, query } from "./fixtures";

const MESSAGE = "The email or password is incorrect.";

/** A clinician of the demo clinic with the demo password, used by this test only (it gets locked). */
async function freshClinician(): Promise<string> {
  const email = `lockout.${randomUUID().slice(0, 8)}@riverside.example`;
  await query(
    `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt")
     select $1, "clinicId", $2, 'Lockout Test', 'CLINICIAN', "passwordHash", now() from "User" where email = $3`,
    [`e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`, email, ACCOUNTS.sam],
  );
  return email;
}

/** Submits the form and returns next-auth's answer to the credentials callback. */
async function submit(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page.getByText(MESSAGE)).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  return { status: response.status(), body: await response.text() };
}

test.describe("brute-force protection", () => {
  test("the 11th attempt, with the right password, still shows the generic message", async ({ page }) => {
    const email = await freshClinician();
    await page.goto("/sign-in");
    let tenth = { status: 0, body: "" };
    for (let i = 1; i <= 10; i++) tenth = await submit(page, email, `wrong-password-${i}`);

    const eleventh = await submit(page, email, DEMO_PASSWORD);
    // Not a different status, body or wording for a locked account.
    expect(eleventh).toEqual(tenth);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);

    const [row] = await query<{ failedLoginCount: number; locked: boolean }>(
      `select "failedLoginCount", "lockedUntil" > now() at time zone 'UTC' as locked from "User" where email = $1`,
      [email],
    );
    expect(row).toEqual({ failedLoginCount: 10, locked: true });
    const events = await query<{ n: number }>(
      `select count(*)::int as n from "AuditEvent" e join "User" u on u.id = e."entityId" where u.email = $1 and e.action = 'auth.lockout'`,
      [email],
    );
    expect(events[0]!.n).toBe(1);
  });

  test("a forged X-Forwarded-For does not choose the address that is counted and audited", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.99" } });
    const page = await context.newPage();
    const email = await freshClinician();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // A clinician without a second factor is sent to set one up (ADR 022).
    await expect(page).toHaveURL(/\/account\/password$|\/clinic$|\/account\/security$/);
    const [event] = await query<{ origin: string }>(
      `select e.origin from "AuditEvent" e join "User" u on u.id = e."actorId" where u.email = $1 and e.action = 'auth.sign_in'`,
      [email],
    );
    expect(event!.origin).not.toContain("203.0.113.99");
    expect(event!.origin).toMatch(/^(127\.0\.0\.1|::1)$/);
    const throttled = await query<{ n: number }>(`select count(*)::int as n from "LoginThrottle" where key like '%203.0.113.99%'`);
    expect(throttled[0]!.n).toBe(0);
    await context.close();
  });
});
