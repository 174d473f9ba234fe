import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";

export const ACCOUNTS = {
  admin: "admin@riverside.example",
  maya: "maya.chen@riverside.example",
  sam: "sam.okafor@riverside.example",
  jordan: "jordan.lee@example.com",
  ravi: "ravi.patel@example.com",
  ana: "ana.silva@example.com",
} as const;

export async function signIn(page: Page, account: keyof typeof ACCOUNTS, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS[account]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
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
