import { expect, test } from "@playwright/test";
import { ACCOUNTS, patientIdOf, query, signInAndWait } from "./fixtures";

// Every admin page answers 403 to clinicians and patients, and sends anonymous users to sign-in.
async function adminPages(): Promise<string[]> {
  const [item] = await query<{ id: string }>(`select id from "CatalogItem" order by name limit 1`);
  const [template] = await query<{ id: string }>(`select id from "PlanTemplate" order by name limit 1`);
  const [user] = await query<{ id: string }>(`select id from "User" where email = $1`, [ACCOUNTS.sam]);
  const patient = await patientIdOf(ACCOUNTS.jordan);
  return [
    "/admin",
    "/admin/catalog",
    "/admin/catalog/new",
    `/admin/catalog/${item!.id}`,
    "/admin/templates",
    "/admin/templates/new",
    `/admin/templates/${template!.id}`,
    "/admin/accounts",
    "/admin/accounts/new",
    `/admin/accounts/${user!.id}`,
    `/admin/accounts/patients/${patient}`,
    "/admin/audit",
  ];
}

test.describe("admin area is closed to other roles", () => {
  for (const account of ["maya", "jordan"] as const) {
    test(`${account === "maya" ? "a clinician" : "a patient"} gets 403 on every admin page`, async ({ page }) => {
      const pages = await adminPages();
      await signInAndWait(page, account, account === "maya" ? /\/clinic$/ : /\/my$/);
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByText("This area isn't part of your account")).toBeVisible();
      }
    });
  }

  test("anonymous users are sent to sign-in from every admin page", async ({ page }) => {
    for (const path of await adminPages()) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in/);
    }
  });
});
