// Reminder settings and one-click unsubscribe in the browser (decision 035). On a 375 px phone the
// demo patient Ravi finds Settings in the patient navigation; every switch saves at once and says
// so; the time saves when the field is left; the time zone can follow the patient; a change made
// elsewhere meanwhile gets the 409 message and saves nothing; the page passes axe and its controls
// are 44 px tall. The unsubscribe page opens without signing in, changes nothing until its button
// is pressed, then turns off that kind of reminder only. Ravi's settings are put back afterwards.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { unsubscribeToken } from "@/lib/messaging/unsubscribe";
import { ACCOUNTS, mainNav, query, signInAndWait } from "./fixtures";

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
test.use(PHONE);

type Prefs = { dailyReminder: boolean; dailyReminderTime: string; appointmentReminders: boolean; questionnaireReminders: boolean; emailEnabled: boolean; timezone: string | null; version: number };

async function raviId(): Promise<string> {
  const [row] = await query<{ id: string }>(`select id from "User" where email = $1`, [ACCOUNTS.ravi]);
  return row!.id;
}
async function prefs(): Promise<Prefs | null> {
  const [row] = await query<Prefs>(`select * from "NotificationPreference" where "userId" = $1`, [await raviId()]);
  return row ?? null;
}
const restore = async () => query(`delete from "NotificationPreference" where "userId" = $1`, [await raviId()]);

async function axeProblems(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("main button, main select, main input, main a.inline-flex, header a, header button")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        // A switch's row is its tap target: the label and the box share one row at least 44 px tall.
        const target = el.getAttribute("role") === "switch" ? el.parentElement! : el;
        return { text: (el.getAttribute("aria-label") ?? el.textContent ?? el.id).trim().slice(0, 30), h: target.getBoundingClientRect().height };
      })
      .filter((el) => el.h < 44)
      .map((el) => `tap target "${el.text}" is ${el.h}px tall`),
  );
}

test.describe("reminder settings", () => {
  test.beforeEach(restore);
  test.afterEach(restore);

  test("on a phone: found in the navigation, each change saved at once, a conflict saves nothing, axe clean", async ({ page }) => {
    await signInAndWait(page, "ravi", /\/my$/);
    await (await mainNav(page)).getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/my\/settings$/);
    await expect(page.getByRole("heading", { level: 1, name: "Reminder settings" })).toBeVisible();

    // The defaults: everything on.
    const daily = page.getByRole("switch", { name: "Home exercises" });
    const appointments = page.getByRole("switch", { name: "Appointments" });
    const email = page.getByRole("switch", { name: "Email" });
    for (const s of [daily, appointments, page.getByRole("switch", { name: "Questionnaires" }), email, page.getByRole("switch", { name: "Push notifications" })]) await expect(s).toBeChecked();
    await expect(page.getByLabel("Time of the daily reminder")).toHaveValue("18:00");
    // The push controls for this device, once (decision 036).
    await expect(page.getByRole("heading", { name: /this device/i })).toHaveCount(1);

    const found = [...(await axeProblems(page, "/my/settings")), ...(await smallTapTargets(page))];
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(found).toEqual([]);

    // One tap: the daily reminder goes off and is saved, with a confirmation.
    await daily.click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await expect.poll(async () => (await prefs())?.dailyReminder).toBe(false);
    expect((await prefs())!.version).toBe(2);

    // Keyboard: the email switch with the space bar.
    await email.focus();
    await page.keyboard.press("Space");
    await expect.poll(async () => (await prefs())?.emailEnabled).toBe(false);
    await expect(page.getByText("With email and push notifications both off")).toHaveCount(0);

    // The time saves on Enter (or when the field is left); a time zone of the patient's own.
    await page.getByLabel("Time of the daily reminder").fill("07:30");
    await page.getByLabel("Time of the daily reminder").press("Enter");
    await expect.poll(async () => (await prefs())?.dailyReminderTime).toBe("07:30");
    await page.getByLabel("Reminder times and appointment times in messages use").selectOption("America/New_York");
    await expect.poll(async () => (await prefs())?.timezone).toBe("America/New_York");
    const saved = await prefs();

    // Another device (or an email's unsubscribe link) changed them meanwhile: 409, nothing saved.
    await query(`update "NotificationPreference" set version = version + 1 where "userId" = $1`, [await raviId()]);
    await appointments.click();
    await expect(page.getByText("Your settings were changed somewhere else")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
    expect(await prefs()).toMatchObject({ appointmentReminders: true, version: saved!.version + 1 });

    // After a reload the page shows what is saved.
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByRole("switch", { name: "Home exercises" })).not.toBeChecked();
    await expect(page.getByRole("switch", { name: "Appointments" })).toBeChecked();
    await expect(page.getByLabel("Time of the daily reminder")).toHaveValue("07:30");
  });

  test("the unsubscribe page opens without signing in, changes nothing until pressed, then turns off that kind only", async ({ browser }) => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const token = unsubscribeToken(await raviId(), "appointments");

    await page.goto(`/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { level: 1, name: "Stop appointment reminders?" })).toBeVisible();
    expect(await prefs()).toBeNull();
    expect(await axeProblems(page, "/unsubscribe")).toEqual([]);

    await page.getByRole("button", { name: "Stop appointment reminders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Appointment reminders are now off" })).toBeVisible();
    expect(await prefs()).toMatchObject({ appointmentReminders: false, dailyReminder: true, questionnaireReminders: true, emailEnabled: true });
    expect(await axeProblems(page, "/unsubscribe (done)")).toEqual([]);

    // Opening the link again says so, and a tampered link is no page.
    await page.goto(`/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { level: 1, name: "Appointment reminders are off" })).toBeVisible();
    const response = await page.goto(`/unsubscribe/${token.slice(0, -2)}xx`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
