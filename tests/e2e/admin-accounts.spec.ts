import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { totpCodeAt } from "@/lib/auth/totp";
import { encryptTotpSecret } from "@/lib/auth/totp-secret";
import { DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";
import { waitForMessage } from "@/tests/fixtures/mail";
import { ACCOUNTS, enrolAuthenticatorApp, forgetUsedTotpStep, passSecondFactor, patientIdOf, query, signInAndWait } from "./fixtures";

// Every test makes its own accounts: seeded users are never deactivated or changed here.
const unique = () => Math.random().toString(36).slice(2, 10);

/** The path and query of the link in an email's text part (the host is the app's NEXTAUTH_URL). */
function invitationPath(text: string, page: "welcome" | "reset"): string {
  const match = new RegExp(`/sign-in/${page}\\?token=[A-Za-z0-9_%-]+`).exec(text);
  if (!match) throw new Error(`no /sign-in/${page} link in the message`);
  return match[0];
}

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A clinician of the demo clinic, inserted straight into the e2e database: with a password they
 * chose already and the demo authenticator secret (passSecondFactor works for them), or (without
 * one) an unusable hash for a clinician who never signs in.
 */
async function insertClinician(password?: string) {
  const tag = unique();
  const user = { id: `ce2e${tag}${unique()}`.slice(0, 25).padEnd(25, "0"), email: `e2e.${tag}@riverside.example`, name: `Quinn Tester ${tag}` };
  await query(
    `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt")
     select $1, "clinicId", $2, $3, 'CLINICIAN', $4, now() from "User" where email = $5`,
    [user.id, user.email, user.name, password ? await hashPassword(password) : "scrypt$17$8$1$x$x", ACCOUNTS.admin],
  );
  if (password) {
    await query(`insert into "TotpFactor" ("userId", "secretEnc", "confirmedAt") values ($1, $2, now())`, [user.id, encryptTotpSecret(DEMO_TOTP_SECRET, user.id)]);
  }
  return user;
}

test.describe("admin: accounts and care teams", () => {
  test("a new clinician is invited by email, chooses their own password from the link and sets up a second factor", async ({ page, browser }) => {
    // A sign-in and a password choice: two scrypt hashes, plus the message's delivery.
    test.slow();
    const email = `e2e.new.${unique()}@riverside.example`;
    const name = `Robin Newcomer ${unique()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/accounts/new");
    await page.getByRole("radio", { name: /^Clinician/ }).check();
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create and send invitation" }).click();
    await expect(page.getByText(`${name}'s account was created. An invitation was emailed to ${email}`)).toBeVisible();
    // No password on the admin's screen, ever.
    await expect(page.getByLabel("Initial password", { exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: `Open ${name}'s account` }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(/^Not set yet: invited on/)).toBeVisible();

    const message = await waitForMessage(email, (m) => /\/sign-in\/welcome\?token=/.test(m.text));
    expect(message.subject).toMatch(/invites you to Riverside Plans/);
    const link = invitationPath(message.text, "welcome");
    const context = await browser.newContext();
    const clinician = await context.newPage();
    await clinician.goto(link);
    await expect(clinician.getByRole("heading", { level: 1, name: `Welcome, ${name}` })).toBeVisible();
    // The policy is checked on the server and shown next to the field, which gets the focus.
    await clinician.getByLabel("New password", { exact: true }).fill("password1");
    await clinician.getByLabel("Repeat the new password").fill("password1");
    await clinician.getByRole("button", { name: "Set password and continue" }).click();
    await expect(clinician.getByText("This is one of the most common passwords.", { exact: false })).toBeVisible();
    await expect(clinician.getByLabel("New password", { exact: true })).toBeFocused();
    const chosen = `river walk ${unique()}`;
    await clinician.getByLabel("New password", { exact: true }).fill(chosen);
    await clinician.getByLabel("Repeat the new password").fill(chosen);
    await clinician.getByRole("button", { name: "Set password and continue" }).click();
    // Signed in with it; staff set up a second factor first (ADR 022), then land on their home.
    const { secret } = await enrolAuthenticatorApp(clinician);
    await clinician.getByRole("link", { name: "I have saved my codes: continue" }).click();
    await expect(clinician).toHaveURL(/\/clinic$/);

    // The link is spent.
    await clinician.goto(link);
    await expect(clinician.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await context.close();

    // And the password works at the sign-in form.
    const again = await browser.newContext();
    const later = await again.newPage();
    await signInWith(later, email, chosen);
    await expect(later).toHaveURL(/\/sign-in\/verify$/);
    await forgetUsedTotpStep(email);
    await later.getByLabel("Code from your authenticator app").fill(await totpCodeAt(secret));
    await later.getByRole("button", { name: "Continue" }).click();
    await expect(later).toHaveURL(/\/clinic$/);
    await again.close();
  });

  test("deactivating a signed-in clinician ends their session on the next request", async ({ page, browser }) => {
    const password = `heron at dawn ${unique()}`;
    const user = await insertClinician(password);
    const context = await browser.newContext();
    const clinician = await context.newPage();
    await signInWith(clinician, user.email, password);
    await passSecondFactor(clinician, user.email);
    await expect(clinician).toHaveURL(/\/clinic$/);

    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/accounts");
    await page.getByLabel("Search accounts").fill(user.email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: user.name }).click();
    await page.getByRole("button", { name: "Deactivate account" }).click();
    const dialog = page.getByRole("dialog", { name: `Deactivate ${user.name}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`${user.name}'s account was deactivated.`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Reactivate account" })).toBeVisible();

    await clinician.goto("/clinic");
    await expect(clinician).toHaveURL(/\/sign-in/);
    await signInWith(clinician, user.email, password);
    await expect(clinician.getByText("The email or password is incorrect.")).toBeVisible();
    await context.close();
  });

  test("admin creates a patient with portal access and a care team, then changes the primary clinician", async ({ page }) => {
    // Clinicians of this test only, so no seeded clinician's dashboard gains a patient.
    const first = await insertClinician();
    const second = await insertClinician();
    const lastName = `Tester${unique()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/accounts/new");
    await page.getByRole("radio", { name: /^Patient/ }).check();
    await page.getByLabel("First name").fill("Morgan");
    await page.getByLabel("Last name").fill(lastName);
    await page.getByLabel("Date of birth").fill("1979-06-15");
    await page.getByLabel("Email").fill(`morgan.${lastName.toLowerCase()}@example.com`);
    await page.getByRole("checkbox", { name: "Osteoporosis" }).check();
    // Submitting without a care team shows the error next to the picker and focuses it.
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Choose at least one clinician for the care team")).toBeVisible();
    await expect(page.getByRole("group", { name: "Care team" }).getByRole("checkbox").first()).toBeFocused();
    await page.getByRole("checkbox", { name: first.name }).check();
    await page.getByRole("checkbox", { name: second.name }).check();
    await expect(page.getByRole("radio", { name: `Primary clinician: ${first.name}` })).toBeChecked();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(`Morgan ${lastName}'s account was created. An invitation was emailed to morgan.${lastName.toLowerCase()}@example.com`)).toBeVisible();

    await page.getByRole("link", { name: `Open Morgan ${lastName}'s account` }).click();
    const team = page.getByRole("region", { name: "Care team" });
    await team.getByRole("radio", { name: `Primary clinician: ${second.name}` }).check();
    await team.getByRole("button", { name: "Save care team" }).click();
    await expect(team.getByText("Care team saved.")).toBeVisible();
    const rows = await query<{ clinicianId: string; isPrimary: boolean }>(
      `select m."clinicianId", m."isPrimary" from "CareTeamMember" m join "Patient" p on p.id = m."patientId" where p."lastName" = $1 order by m."isPrimary"`,
      [lastName],
    );
    expect(rows).toEqual([{ clinicianId: first.id, isPrimary: false }, { clinicianId: second.id, isPrimary: true }]);
  });

  test("clinicians and patients get 403 on every accounts page", async ({ page }) => {
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    const [maya] = await query<{ id: string }>(`select id from "User" where email = $1`, [ACCOUNTS.maya]);
    const paths = ["/admin/accounts", "/admin/accounts/new", `/admin/accounts/${maya!.id}`, `/admin/accounts/patients/${jordan}`];
    for (const account of ["maya", "jordan"] as const) {
      await page.context().clearCookies();
      await signInAndWait(page, account, account === "maya" ? /\/clinic$/ : /\/my$/);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), `${account} on ${path}`).toBe(403);
        await expect(page.getByText("This area isn't part of your account")).toBeVisible();
      }
    }
  });
});
