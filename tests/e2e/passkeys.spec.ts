// Passkeys (ADR 022) through Chromium's virtual authenticator (CDP WebAuthn domain): a platform
// authenticator with resident keys and user verification, as a laptop's or phone's built-in one.
// Staff add one and use it as their second step; a patient adds one from their account page and
// from then on confirms sign-ins with it.
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { totpCodeAt } from "@/lib/auth/totp";
import { encryptTotpSecret } from "@/lib/auth/totp-secret";
import { DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";
import { ACCOUNTS, query } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 10);
const cuid = (prefix: string) => `${prefix}${unique()}${unique()}`.slice(0, 25).padEnd(25, "0");

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}

async function passwordOnly(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function addPasskey(page: Page, name: string) {
  await page.goto("/account/security");
  await page.getByLabel("Passkey name (optional)").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText(`Passkey “${name}” added.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByText(name)).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test.describe("passkeys", () => {
  test("a clinician adds a passkey and then uses it as the second step", async ({ page }) => {
    const password = `slate roof ${unique()}`;
    const user = { id: cuid("cpk"), email: `e2e.pk.${unique()}@riverside.example`, name: `Kit Passkey ${unique()}` };
    await query(
      `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt") select $1, "clinicId", $2, $3, 'CLINICIAN', $4, now() from "User" where email = $5`,
      [user.id, user.email, user.name, await hashPassword(password), ACCOUNTS.admin],
    );
    await query(`insert into "TotpFactor" ("userId", "secretEnc", "confirmedAt") values ($1, $2, now())`, [user.id, encryptTotpSecret(DEMO_TOTP_SECRET, user.id)]);
    const authenticator = await virtualAuthenticator(page);

    await passwordOnly(page, user.email, password);
    await page.getByLabel("Code from your authenticator app").fill(await totpCodeAt(DEMO_TOTP_SECRET));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/clinic$/);
    await addPasskey(page, "Clinic laptop");
    expect(await authenticator.credentials()).toHaveLength(1);
    const stored = await query<{ name: string }>(`select name from "PasskeyCredential" where "userId" = $1`, [user.id]);
    expect(stored).toEqual([{ name: "Clinic laptop" }]);

    await signOut(page);
    await passwordOnly(page, user.email, password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page).toHaveURL(/\/clinic$/);
    const used = await query<{ lastUsedAt: Date | null }>(`select "lastUsedAt" from "PasskeyCredential" where "userId" = $1`, [user.id]);
    expect(used[0]!.lastUsedAt).not.toBeNull();
  });

  test("a patient adds a passkey from their account page; their next sign-in asks for it", async ({ page }) => {
    const password = `a long walk by the river ${unique()}`;
    const user = { id: cuid("cpp"), email: `e2e.pk.${unique()}@example.com`, firstName: "Pat", lastName: `Passkey${unique()}` };
    await query(
      `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt") select $1, "clinicId", $2, $3, 'PATIENT', $4, now() from "User" where email = $5`,
      [user.id, user.email, `${user.firstName} ${user.lastName}`, await hashPassword(password), ACCOUNTS.admin],
    );
    await query(
      `insert into "Patient" (id, "clinicId", "userId", "firstName", "lastName", "dateOfBirth", email, "updatedAt")
       select $1, "clinicId", $2, $3, $4, '1980-02-02', $5, now() from "User" where id = $2`,
      [cuid("cpt"), user.id, user.firstName, user.lastName, user.email],
    );
    const authenticator = await virtualAuthenticator(page);

    // No passkey yet: the password alone signs a patient in.
    await passwordOnly(page, user.email, password);
    await expect(page).toHaveURL(/\/my$/);
    await addPasskey(page, "My phone");
    expect(await authenticator.credentials()).toHaveLength(1);

    await signOut(page);
    await passwordOnly(page, user.email, password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    // The page asked for is kept through the step (decision 042).
    await page.goto("/my/sessions");
    await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Fmy%2Fsessions$/);
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page).toHaveURL(/\/my\/sessions$/);
  });
});
