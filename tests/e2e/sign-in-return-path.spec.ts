import { expect, test } from "@playwright/test";
import { ACCOUNTS, passSecondFactor } from "./fixtures";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";

// The open redirect of issue 12: after a correct password the browser must stay on our site,
// whatever spelling of another site the callbackUrl carries.
const SPELLINGS = ["%2F%09%2Fevil.example%2Fphish", "%2F%0A%2Fevil.example%2Fphish", "%2F%0D%2Fevil.example%2Fphish", "%2F%5Cevil.example%2Fphish", "%2F%5C%5Cevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F"];

test.describe("return path after sign-in", () => {
  for (const spelling of SPELLINGS) {
    test(`callbackUrl=${spelling} ends on our own page`, async ({ page, baseURL }) => {
      const offSite: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).origin !== new URL(baseURL!).origin) offSite.push(request.url());
      });
      await page.goto(`/sign-in?callbackUrl=${spelling}`);
      await page.getByLabel("Email").fill(ACCOUNTS.maya);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await passSecondFactor(page, ACCOUNTS.maya);
      await expect(page).toHaveURL(/\/clinic$/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(offSite).toEqual([]);
    });
  }

  test("a bookmarked page of ours is where the user returns", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/clinic/sessions")}`);
    await page.getByLabel("Email").fill(ACCOUNTS.maya);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Kept through the second step (ADR 022).
    await passSecondFactor(page, ACCOUNTS.maya);
    await expect(page).toHaveURL(/\/clinic\/sessions$/);
  });
});
