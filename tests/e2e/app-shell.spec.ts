// The app's shell (issue 15, decision 042): the nav marks the current section, the in-app 404 keeps
// the area's header and nav, the icons are served, the phone header fits in one row behind a
// "Menu" button, and counts meet their nouns in the right number.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, mainNav, patientIdOf, signInAndWait } from "./fixtures";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The nav's links that are marked as the current page, by name. */
async function currentLinks(page: Page): Promise<string[]> {
  return (await mainNav(page)).locator('a[aria-current="page"]').allTextContents();
}

test.describe("the shell on a desktop", () => {
  test("the clinic nav marks the current section, visibly, and the brand reads with its spaces", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    expect(await currentLinks(page)).toEqual(["My patients"]);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Sessions" }).click();
    await expect(page).toHaveURL(/\/clinic\/sessions$/);
    await expect(nav.getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");
    expect(await currentLinks(page)).toEqual(["Sessions"]);
    // Not by the attribute alone: the current link looks different from the others.
    const look = (name: string) =>
      nav.getByRole("link", { name, exact: true }).evaluate((el) => {
        const style = getComputedStyle(el);
        return `${style.backgroundColor} ${style.fontWeight} ${style.textDecorationLine}`;
      });
    expect(await look("Sessions")).not.toBe(await look("Catalog"));
    // A patient's record is part of "My patients".
    await page.goto(`/clinic/patients/${await patientIdOf(ACCOUNTS.jordan)}`);
    expect(await currentLinks(page)).toEqual(["My patients"]);
    // "Riverside Plans · Clinic", not "Riverside Plans· Clinic".
    expect(await page.getByRole("banner").getByRole("link", { name: /^Riverside Plans/ }).innerText()).toBe("Riverside Plans · Clinic");
    // On a desktop there is no Menu button: the nav is always shown.
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  });

  test("the admin nav marks the current section", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    expect(await currentLinks(page)).toEqual(["Catalog"]);
    await page.goto("/admin/audit");
    expect(await currentLinks(page)).toEqual(["Audit log"]);
    await page.goto("/admin/templates/new");
    expect(await currentLinks(page)).toEqual(["Protocols"]);
  });

  test("an unknown page or record inside /clinic and /admin answers 404 inside the area's layout, with its nav, and passes axe", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const path of ["/clinic/no-such-page", "/clinic/patients/cm0000000000000000000000", "/clinic/sessions/not-a-session/extra"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Go to My patients" })).toBeVisible();
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // The nav works from there.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Protocols" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Protocols" })).toBeVisible();
  });

  test("the admin 404 keeps the admin nav", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    const response = await page.goto("/admin/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("signed out, an unknown page inside an area asks to sign in and comes back to the area's 404", async ({ page }) => {
    await page.goto("/my/no-such-page");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmy%2Fno-such-page$/);
  });

  test("the favicon, the app icon, the Apple touch icon and the manifest are linked and served", async ({ page, request }) => {
    await page.goto("/sign-in");
    const iconHref = await page.locator('head link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
    expect(iconHref).toMatch(/^\/icon\.svg/);
    const svg = await request.get(iconHref!);
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-type"]).toMatch(/image\/svg\+xml/);
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const body = await favicon.body();
    // An icon file: reserved 0, type 1, three images (16, 32, 48 px).
    expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const appleHref = await page.locator('head link[rel="apple-touch-icon"]').getAttribute("href");
    const apple = await request.get(appleHref!);
    expect(apple.status()).toBe(200);
    expect(apple.headers()["content-type"]).toBe("image/png");
    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    expect(((await manifest.json()) as { name: string }).name).toBe("Riverside Plans");
  });

  test("counts meet their nouns in the right number, and the setting BOTH reads 'Clinic and home'", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto(`/admin/catalog?q=${encodeURIComponent("Alternating ice and heat therapy")}`);
    await expect(page.getByText("1 matching treatment clinicians build plans from.", { exact: true })).toBeVisible();
    await page.goto("/admin/catalog?setting=BOTH");
    const settings = await page.getByRole("table").locator("tbody tr td:nth-child(4)").allTextContents();
    expect(settings.length).toBeGreaterThan(0);
    expect(new Set(settings)).toEqual(new Set(["Clinic and home"]));
    await expect(page.getByRole("combobox", { name: "Setting" }).getByRole("option", { name: "Clinic and home" })).toHaveCount(1);
    await expect(page.getByText(/\b1 [a-z ]+s\b clinicians/)).toHaveCount(0);
  });
});

test.describe("the shell on a phone (390 × 844)", () => {
  test.use(PHONE);

  test("the header takes under 15 % of the first screen, the nav opens from Menu and marks the current section", async ({ page }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const header = (await page.getByRole("banner").boundingBox())!;
    expect(header.y + header.height).toBeLessThan(844 * 0.15);
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const nav = await mainNav(page);
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    // Following a link closes it on the new page, which is then the current one.
    await (await mainNav(page)).getByRole("link", { name: "Sessions" }).click();
    await expect(page).toHaveURL(/\/my\/sessions$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(await currentLinks(page)).toEqual(["Sessions"]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the clinic header on a phone fits too, and the patient 404 keeps the nav behind Menu", async ({ page, browser }) => {
    await signInAndWait(page, "jordan", /\/my$/);
    const response = await page.goto("/my/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect((await mainNav(page)).getByRole("link", { name: "Progress" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const context = await browser.newContext(PHONE);
    const clinician = await context.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    await expect(clinician.getByRole("heading", { level: 1 })).toBeVisible();
    const header = (await clinician.getByRole("banner").boundingBox())!;
    expect(header.y + header.height).toBeLessThan(844 * 0.15);
    await context.close();
  });
});
