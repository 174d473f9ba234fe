import { expect, test } from "@playwright/test";
import { ACCOUNTS, patientIdOf, planIdOf, signInAndWait } from "./fixtures";

test.describe("nobody gets in where they don't belong", () => {
  test("anonymous users are sent to sign-in from every area", async ({ page }) => {
    for (const path of ["/", "/clinic", "/my", "/admin/catalog"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
    }
  });

  test("anonymous API calls get 401 and no data", async ({ request }) => {
    const planId = await planIdOf(ACCOUNTS.jordan);
    const response = await request.get(`/api/v1/plans/${planId}`);
    expect(response.status()).toBe(401);
    expect(await response.text()).not.toContain("Lower back");
  });

  test("patient A opening patient B's plan gets 404, and so does their own draft", async ({ page }) => {
    const anasPlan = await planIdOf(ACCOUNTS.ana);
    const ownDraft = await planIdOf(ACCOUNTS.jordan, "DRAFT");
    const ownActive = await planIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "jordan", /\/my$/);

    const own = await page.goto(`/my/plans/${ownActive}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lower back spasm — acute episode");

    for (const planId of [anasPlan, ownDraft]) {
      const response = await page.goto(`/my/plans/${planId}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByText("We couldn't find that page")).toBeVisible();
      await expect(page.getByText("Pregnancy-related")).toHaveCount(0);
    }
    const api = await page.request.get(`/api/v1/plans/${anasPlan}`);
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain("Pregnancy");
  });

  test("a clinician opening a patient outside their care team gets 404", async ({ page }) => {
    const ana = await patientIdOf(ACCOUNTS.ana);
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "maya", /\/clinic$/);
    const outside = await page.goto(`/clinic/patients/${ana}`);
    expect(outside?.status()).toBe(404);
    await expect(page.getByText("Ana Silva")).toHaveCount(0);
    const inside = await page.goto(`/clinic/patients/${jordan}`);
    expect(inside?.status()).toBe(200);
  });

  test("an id that cannot exist answers 404, not an error", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const id of ["nope", "' or 1=1 --", "c".repeat(300)]) {
      const response = await page.goto(`/clinic/patients/${encodeURIComponent(id)}`);
      expect(response?.status()).toBe(404);
    }
    const api = await page.request.get(`/api/v1/plans/${encodeURIComponent("../../etc/passwd")}`);
    expect(api.status()).toBe(404);
  });

  test("a signed-in user opening another role's area gets 403", async ({ page }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    for (const path of ["/clinic", "/admin/catalog"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByText("This area isn't part of your account")).toBeVisible();
    }
    await page.context().clearCookies();
    await signInAndWait(page, "maya", /\/clinic$/);
    const admin = await page.goto("/admin/catalog");
    expect(admin?.status()).toBe(403);
    const portal = await page.goto("/my");
    expect(portal?.status()).toBe(403);
  });

  test("the plan API serves the care team and the patient, never the admin", async ({ page }) => {
    const planId = await planIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "maya", /\/clinic$/);
    const forClinician = await page.request.get(`/api/v1/plans/${planId}`);
    expect(forClinician.status()).toBe(200);
    expect((await forClinician.json()).activities.length).toBeGreaterThan(5);
    await page.context().clearCookies();
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    const forAdmin = await page.request.get(`/api/v1/plans/${planId}`);
    expect(forAdmin.status()).toBe(403);
  });
});
