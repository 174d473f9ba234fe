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

// Decision 042: a bookmarked page opened while signed out is where the sign-in ends, through the
// second step; a page outside the role's areas is not (the role's home instead); and the way there
// never shows a blank page.
test.describe("bookmarks survive signing in (issue 15)", () => {
  /** Records, across documents of the tab, every animation frame whose parsed page shows no text. */
  async function watchForBlankFrames(page: import("@playwright/test").Page) {
    await page.addInitScript(() => {
      const check = () => {
        if (document.readyState !== "loading" && document.body && document.body.innerText.trim() === "") {
          sessionStorage.setItem("blankFrames", String(Number(sessionStorage.getItem("blankFrames") ?? "0") + 1));
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }

  test("a clinician opening /clinic/sessions signed out comes back to it after both steps, with no blank frame", async ({ page }) => {
    await watchForBlankFrames(page);
    await page.goto("/clinic/sessions?view=list");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fclinic%2Fsessions%3Fview%3Dlist$/);
    await page.getByLabel("Email").fill(ACCOUNTS.maya);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Progress feedback while the browser moves on.
    await expect(page.getByRole("button", { name: "Signing in…" })).toBeVisible();
    await passSecondFactor(page, ACCOUNTS.maya);
    await expect(page).toHaveURL(/\/clinic\/sessions\?view=list$/);
    await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem("blankFrames"))).toBeNull();
  });

  test("a patient opening /my/sessions signed out comes back to it, with no blank frame", async ({ page }) => {
    await watchForBlankFrames(page);
    await page.goto("/my/sessions");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmy%2Fsessions$/);
    await page.getByLabel("Email").fill(ACCOUNTS.jordan);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/my\/sessions$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem("blankFrames"))).toBeNull();
  });

  test("a page of another role's area is not a destination: the role's home instead", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/clinic/sessions")}`);
    await page.getByLabel("Email").fill(ACCOUNTS.jordan);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/my$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("a page opened while the second step is pending is kept through that step", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ACCOUNTS.maya);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/verify$/, { timeout: 30_000 });
    // The bookmark, opened before the code is entered.
    await page.goto("/clinic/protocols");
    await expect(page).toHaveURL(/\/sign-in\/verify\?callbackUrl=%2Fclinic%2Fprotocols$/);
    await passSecondFactor(page, ACCOUNTS.maya);
    await expect(page).toHaveURL(/\/clinic\/protocols$/);
  });

  test("the request-path header is the proxy's own: a forged one is overwritten", async ({ request }) => {
    for (const forged of ["/\\evil.example/phish", "https://evil.example/", "/admin/accounts"]) {
      const response = await request.get("/clinic/sessions", { headers: { "x-riverside-request-path": forged }, maxRedirects: 0 });
      expect(response.status(), forged).toBeGreaterThanOrEqual(300);
      expect(response.status(), forged).toBeLessThan(400);
      expect(response.headers().location, forged).toBe("/sign-in?callbackUrl=%2Fclinic%2Fsessions");
    }
  });

  test("signed in already, the sign-in page with a return path goes straight there", async ({ page }) => {
    await page.goto("/my/progress");
    await page.getByLabel("Email").fill(ACCOUNTS.jordan);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/my\/progress$/, { timeout: 30_000 });
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/my/sessions")}`);
    await expect(page).toHaveURL(/\/my\/sessions$/);
  });
});
