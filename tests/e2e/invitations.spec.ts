// Decision 034 end to end, with the real SMTP conversation: the app's delivery worker sends each
// message to the test run's SMTP sink, and the test reads it there as the recipient would. A
// clinician invites a patient from the patient's page, the patient opens the emailed link, chooses
// a password and lands on Today; "Forgot password?" answers every address alike and its link sets
// a new password and signs out every other browser; unusable links get a page that says why.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { waitForMessage } from "@/tests/fixtures/mail";
import { ACCOUNTS, query, signInAndWait } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 10);
const cuid = () => `c${[...randomBytes(24)].map((b) => (b % 36).toString(36)).join("")}`;

/** The path and query of the link in an email's text part (the host is the app's NEXTAUTH_URL). */
function linkIn(text: string, page: "welcome" | "reset"): string {
  const match = new RegExp(`/sign-in/${page}\\?token=[A-Za-z0-9_%-]+`).exec(text);
  if (!match) throw new Error(`no /sign-in/${page} link in the message`);
  return match[0];
}

/** A patient of this test only on Maya's care team, without a portal account. */
async function insertPatient() {
  const tag = unique();
  const patient = { id: cuid(), firstName: "Avery", lastName: `Invitee${tag}`, email: `avery.${tag}@example.com` };
  await query(
    `insert into "Patient" (id, "clinicId", "firstName", "lastName", "dateOfBirth", email, "updatedAt")
     select $1, "clinicId", $2, $3, '1988-08-08', $4, now() from "User" where email = $5`,
    [patient.id, patient.firstName, patient.lastName, patient.email, ACCOUNTS.maya],
  );
  await query(
    `insert into "CareTeamMember" ("clinicId", "patientId", "clinicianId", "isPrimary")
     select "clinicId", $1, id, true from "User" where email = $2`,
    [patient.id, ACCOUNTS.maya],
  );
  return patient;
}

/** A patient with a portal account and a password of their own (none of the seeded ones is changed here). */
async function insertPatientAccount(password: string) {
  const tag = unique();
  const user = { id: cuid(), email: `e2e.forgetful.${tag}@example.com`, name: `Pat Forgetful ${tag}` };
  await query(
    `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "passwordChangedAt", "updatedAt")
     select $1, "clinicId", $2, $3, 'PATIENT', $4, now(), now() from "User" where email = $5`,
    [user.id, user.email, user.name, await hashPassword(password), ACCOUNTS.maya],
  );
  await query(
    `insert into "Patient" (id, "clinicId", "userId", "firstName", "lastName", "dateOfBirth", email, "updatedAt")
     select $1, "clinicId", $2, 'Pat', $3, '1975-01-01', $4, now() from "User" where id = $2`,
    [cuid(), user.id, `Forgetful ${tag}`, user.email],
  );
  return user;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.html).join(", ")}`);
}

async function choosePassword(page: Page, password: string, button: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: button }).click();
}

async function signInAs(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return { context, page };
}

test.describe("invitations and password reset (decision 034)", () => {
  test("a clinician invites a patient, who sets a password from the emailed link and lands on Today", async ({ page, browser }) => {
    test.slow();
    const patient = await insertPatient();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/patients/${patient.id}`);
    const section = page.getByRole("region", { name: "Patient app" });
    await expect(section.getByText("Not invited yet.")).toBeVisible();
    // Prefilled from the record; a bad address is refused next to the field, nothing sent.
    const field = section.getByLabel("Patient's email");
    await expect(field).toHaveValue(patient.email);
    await field.fill("not an email");
    await section.getByRole("button", { name: "Invite to the patient app" }).click();
    await expect(section.getByText("Enter a valid email address")).toBeVisible();
    await expect(field).toBeFocused();
    await field.fill(patient.email);
    await section.getByRole("button", { name: "Invite to the patient app" }).click();
    await expect(section.getByText(`Invitation emailed to ${patient.email}.`)).toBeVisible();
    await expect(section.getByTestId("portal-status")).toContainText("Invited on");
    await expect(section.getByRole("button", { name: "Send a new invitation" })).toBeVisible();

    const message = await waitForMessage(patient.email, (m) => m.subject.includes("invites you to your patient app"));
    // No health data in the message: the name and the link, nothing of the record.
    expect(message.text).not.toMatch(/1988|ANTICOAGULANTS|Lower back/i);
    const link = linkIn(message.text, "welcome");

    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const phone = await context.newPage();
    await phone.goto(link);
    await expect(phone.getByRole("heading", { level: 1, name: `Welcome, ${patient.firstName} ${patient.lastName}` })).toBeVisible();
    await expect(phone.getByText(`You will sign in as ${patient.email}`)).toBeVisible();
    // On a 375 px phone: nothing wider than the screen, and axe finds nothing serious.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(phone)).toEqual([]);
    // A patient's password is their only factor: 15 characters at least.
    await choosePassword(phone, "too short pw", "Set password and continue");
    await expect(phone.getByText("Use at least 15 characters.")).toBeVisible();
    await choosePassword(phone, `quiet harbour lights ${unique()}`, "Set password and continue");
    await expect(phone).toHaveURL(/\/my$/, { timeout: 30_000 });
    await context.close();

    await page.reload();
    await expect(section.getByText(`Active account: the patient signs in as ${patient.email}.`)).toBeVisible();
    await expect(section.getByRole("button", { name: /invit/i })).toHaveCount(0);
  });

  test("forgot password: the same answer for any address, a 30-minute link, every other browser signed out", async ({ page, browser }) => {
    test.slow();
    const oldPassword = `the old long passphrase ${unique()}`;
    const user = await insertPatientAccount(oldPassword);
    // Signed in elsewhere before the reset.
    const elsewhere = await signInAs(browser, user.email, oldPassword);
    await expect(elsewhere.page).toHaveURL(/\/my$/, { timeout: 30_000 });

    const answerFor = async (email: string) => {
      await page.goto("/sign-in");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await expect(page).toHaveURL(/\/sign-in\/forgot$/);
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      const heading = page.getByRole("heading", { name: "Check your email" });
      await expect(heading).toBeFocused();
      return (await page.getByRole("region", { name: "Check your email" }).textContent())!.replace(email.toLowerCase(), "<address>");
    };
    const forUnknown = await answerFor(`nobody.${unique()}@example.com`);
    const forKnown = await answerFor(user.email);
    expect(await seriousViolations(page)).toEqual([]);
    expect(forKnown).toBe(forUnknown);
    expect(forKnown).toContain("If an account exists for <address>, we've sent a link");

    const message = await waitForMessage(user.email, (m) => m.subject.startsWith("Reset your password"));
    const link = linkIn(message.text, "reset");
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    const newPassword = `a brand new passphrase ${unique()}`;
    await choosePassword(page, newPassword, "Set new password and sign in");
    await expect(page).toHaveURL(/\/my$/, { timeout: 30_000 });

    // The browser signed in before the reset is signed out; the old password no longer works.
    await elsewhere.page.goto("/my");
    await expect(elsewhere.page).toHaveURL(/\/sign-in/);
    await elsewhere.context.close();
    const old = await signInAs(browser, user.email, oldPassword);
    await expect(old.page.getByText("The email or password is incorrect.")).toBeVisible();
    await old.context.close();

    // Used once: the same link now says so and offers a new one.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This reset link has already been used" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Request a new reset link" })).toHaveAttribute("href", "/sign-in/forgot");
  });

  test("expired, tampered and missing tokens get a page that says what to do, and change nothing", async ({ page }) => {
    const user = await insertPatientAccount(`an unchanged long passphrase ${unique()}`);
    const [before] = await query<{ passwordHash: string }>(`select "passwordHash" from "User" where id = $1`, [user.id]);
    await page.goto("/sign-in/forgot");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = linkIn((await waitForMessage(user.email, (m) => m.subject.startsWith("Reset your password"))).text, "reset");
    const token = new URL(link, "http://x").searchParams.get("token")!;

    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    await page.goto(`/sign-in/reset?token=${tampered}`);
    await expect(page.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
    await page.goto(`/sign-in/welcome?token=${token}`);
    await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
    await expect(page.getByText("ask your clinic for a new invitation")).toBeVisible();
    await page.goto("/sign-in/welcome");
    await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();

    await query(`update "AccountToken" set "expiresAt" = now() - interval '1 minute' where "userId" = $1`, [user.id]);
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "This reset link has expired" })).toBeVisible();
    await expect(page.getByText("Reset links work for 30 minutes. Request a new reset link.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    const [after] = await query<{ passwordHash: string }>(`select "passwordHash" from "User" where id = $1`, [user.id]);
    expect(after!.passwordHash).toBe(before!.passwordHash);
  });
});
