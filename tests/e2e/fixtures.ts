import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { totpCodeAt } from "@/lib/auth/totp";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";

export const ACCOUNTS = {
  admin: "admin@riverside.example",
  maya: "maya.chen@riverside.example",
  sam: "sam.okafor@riverside.example",
  jordan: "jordan.lee@example.com",
  ravi: "ravi.patel@example.com",
  ana: "ana.silva@example.com",
} as const;

/** The demo accounts that confirm every sign-in with a code from DEMO_TOTP_SECRET (ADR 022). */
export const STAFF_ACCOUNTS = new Set<keyof typeof ACCOUNTS>(["admin", "maya", "sam"]);

/**
 * Forgets the last authenticator-app time step this account used. The app accepts each 30-second
 * step once (replay protection), and the suite signs the same demo staff in many times a minute:
 * without this, every sign-in after the first in a step would wait up to 30 s for the next code.
 * The replay rule itself is tested in second-factor.spec.ts (without this reset).
 */
export async function forgetUsedTotpStep(email: string): Promise<void> {
  await query(`update "TotpFactor" set "lastUsedStep" = null where "userId" = (select id from "User" where email = $1)`, [email]);
}

/** The second sign-in step with the current code of the demo secret, from the verify page. */
export async function passSecondFactor(page: Page, email: string): Promise<void> {
  // As long as a password sign-in may take: the security specs sign seven actors in at once, and
  // password hashes run two at a time. The sign-in form now loads the verify page as a whole
  // document (decision 042), so the URL changes when that page arrives, not before it is asked for.
  await expect(page).toHaveURL(/\/sign-in\/verify(\?|$)/, { timeout: 60_000 });
  await forgetUsedTotpStep(email);
  await page.getByLabel("Code from your authenticator app").fill(await totpCodeAt(DEMO_TOTP_SECRET));
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * Sets up an authenticator app from the forced set-up page (staff without a factor) and returns
 * its secret and the recovery codes shown once.
 */
export async function enrolAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up a second sign-in step" })).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = page.getByLabel("Key for your authenticator app");
  await expect(key).toBeVisible();
  const secret = (await key.textContent())!.replace(/\s/g, "");
  await page.getByLabel("Code from your authenticator app").fill(await totpCodeAt(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list).toBeVisible();
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  return { secret, recoveryCodes };
}

/** Signs in through the form; demo staff with the demo password also pass the second step. */
export async function signIn(page: Page, account: keyof typeof ACCOUNTS, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS[account]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (STAFF_ACCOUNTS.has(account) && password === DEMO_PASSWORD) await passSecondFactor(page, ACCOUNTS[account]);
}

export async function signInAndWait(page: Page, account: keyof typeof ACCOUNTS, landing: RegExp) {
  await signIn(page, account);
  await expect(page).toHaveURL(landing);
}

/** Reads ids from the seeded e2e database (the app under test shares it). */
export async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function planIdOf(email: string, status = "ACTIVE"): Promise<string> {
  const rows = await query<{ id: string }>(
    `select p.id from "TreatmentPlan" p join "Patient" pa on pa.id = p."patientId" where pa.email = $1 and p.status = $2::"PlanStatus" limit 1`,
    [email, status],
  );
  if (!rows[0]) throw new Error(`No ${status} plan for ${email}`);
  return rows[0].id;
}

export async function patientIdOf(email: string): Promise<string> {
  const rows = await query<{ id: string }>(`select id from "Patient" where email = $1`, [email]);
  if (!rows[0]) throw new Error(`No patient ${email}`);
  return rows[0].id;
}

/**
 * The main navigation, unfolded first on a phone, where it sits behind the header's "Menu" button
 * (decision 042); on wider screens it is always shown.
 */
export async function mainNav(page: Page) {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    // A click before the page has hydrated does nothing: try again until the menu is open.
    await expect(async () => {
      if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  }
  return page.getByRole("navigation", { name: "Main" });
}
