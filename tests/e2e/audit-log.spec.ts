// The admin's audit log (decision 041): events in words, filtered by event type, the filtered
// events downloaded as CSV, and the download itself in the log.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAndWait } from "./fixtures";

test("an admin filters the audit log by event type, reads it in words, downloads the filtered events and sees the download logged", async ({ page }) => {
  await signInAndWait(page, "admin", /\/admin\/catalog$/);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

  const type = page.getByLabel("Event type");
  await expect(type.locator("option", { hasText: "Signed in" }).first()).toBeAttached();
  await type.selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  const count = page.getByText(/\d[\d,]* matching events?\./);
  await expect(count).toBeVisible();
  const total = Number((await count.textContent())!.match(/(\d[\d,]*) matching event/)![1]!.replaceAll(",", ""));
  expect((await count.textContent())!).toContain(total === 1 ? "1 matching event." : `${total.toLocaleString("en-GB")} matching events.`);
  const table = page.getByRole("table", { name: "Audit events, newest first" });
  await expect(table.getByRole("cell", { name: "Priya Shah signed in." }).first()).toBeVisible();
  // No raw codes or ids: the action code is not shown.
  await expect(table.getByText("auth.sign_in", { exact: true })).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these events (CSV)" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await import("node:fs")).readFileSync((await file.path())!, "utf8");
  const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]).toBe("When (clinic time),When (UTC),Who,Role,Event type,What happened,Patient,Override reason,Origin,Record type,Record id,Action code");
  // Every sign-in listed before the export (more sign-ins since then are not in it).
  expect(lines.length - 1).toBeGreaterThanOrEqual(total);
  for (const line of lines.slice(1)) expect(line.endsWith(",auth.sign_in")).toBe(true);

  await page.goto("/admin/audit?action=audit.export");
  await expect(page.getByText("1 matching event.").or(page.getByText(/\d+ matching events\./))).toBeVisible();
  await expect(table.getByRole("cell", { name: /^Priya Shah exported the audit log: \d+ events? exported; event type “Signed in”\.$/ }).first()).toBeVisible();
});

test("on a 375 px phone the audit log's filters fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAndWait(page, "admin", /\/admin\/catalog$/);
  await page.goto("/admin/audit");
  const form = page.getByRole("form", { name: "Filter audit events" });
  await expect(form).toBeVisible();
  const box = await form.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
});
