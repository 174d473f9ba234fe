// Decision 028: the seed's step illustrations reach a patient. On a 375 px phone, Today shows the
// drawings of the demo patient's home exercises with their alt text and step captions, every
// picture decodes, and nothing scrolls sideways. The full-page screenshot is written to
// test-results/today-phone.png (docs/screenshots/today-phone.png is a copy of one).
import { expect, test } from "@playwright/test";
import { signInAndWait } from "./fixtures";

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test("Today on a phone shows the seeded step drawings with alt text and captions", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAndWait(page, "jordan", /\/my$/);
  const drawings = page.getByRole("img", { name: /^Drawing of / });
  await expect(drawings.first()).toBeVisible();
  const count = await drawings.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) {
    const img = drawings.nth(i);
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    // The phone picks a rendition made for it from the srcset (WebP here; AVIF where the browser takes it).
    expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(/\/api\/v1\/media\/c[a-z0-9]{24}\?w=(320|640|1280)&f=(webp|avif)$/);
  }
  // Each drawing's step caption is shown beneath it.
  await expect(page.locator("figure figcaption").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/today-phone.png", fullPage: true });
});
