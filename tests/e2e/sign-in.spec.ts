import { expect, test } from "@playwright/test";
import { signIn, signInAndWait } from "./fixtures";

test.describe("sign-in and each role's home", () => {
  test("a clinician lands on the dashboard listing their care-team patients", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Dr Maya Chen");
    const table = page.getByRole("table", { name: "Patients in your care team" });
    await expect(table.getByRole("link", { name: "Jordan Lee" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Ravi Patel" })).toBeVisible();
    // Ana is Sam's patient, not Maya's.
    await expect(table.getByText("Ana Silva")).toHaveCount(0);
    await expect(table.getByText("Anticoagulants")).toBeVisible();
  });

  test("a clinician opens a care-team patient's record with plan, sessions and progress", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    // The roster row: Jordan may also be named in the dashboard's alerts, depending on the day.
    await page.getByRole("table").getByRole("link", { name: "Jordan Lee", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
    const plan = page.getByRole("region", { name: "Active plan" });
    await expect(plan.getByText("Lower back spasm — acute episode")).toBeVisible();
    await expect(plan.getByText("Dry needling")).toBeVisible();
    await expect(page.getByText("meaningful improvement").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Past sessions" }).getByText(/pain 7 → 5/)).toBeVisible();
  });

  test("a patient lands on their active plan with today's home activities", async ({ page }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    await expect(page.getByRole("heading", { name: "Hello, Jordan" })).toBeVisible();
    const today = page.getByRole("region", { name: "Your home routine today" });
    await expect(today.getByRole("heading", { name: "Cat-cow stretch" })).toBeVisible();
    await expect(today.getByText("10 reps · 2× a day, every day")).toBeVisible();
    await expect(page.getByText("Return to golf")).toHaveCount(0);
  });

  test("an admin lands on the treatment catalog", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await expect(page.getByRole("heading", { name: "Treatment catalog" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Shock wave therapy" })).toBeVisible();
    await page.getByLabel("Search treatments").fill("needling");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("rowheader")).toHaveText(["Dry needling"]);
  });

  test("a wrong password and an unknown email get the same message and no session", async ({ page }) => {
    await signIn(page, "maya", "not-the-password");
    const message = page.getByText("The email or password is incorrect.");
    await expect(message).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill("nobody@riverside.example");
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(message).toBeVisible();
    await page.goto("/clinic");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an empty form shows field errors next to the fields", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email")).toBeFocused();
  });

  test("sign-out ends the session", async ({ page }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/my");
    await expect(page).toHaveURL(/\/sign-in/);
  });

});
