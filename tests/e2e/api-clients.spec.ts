// API clients (issue 17, ADR 047): an admin creates a client, copies its token (shown once), a
// system calls the plan API with it, the admin sees the use and revokes it, and the token is
// refused from then on. The pages pass axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { planIdOf, query, signInAndWait } from "./fixtures";

const run = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test.afterAll(async () => {
  // Audit rows stay (append-only); the clients these tests made go.
  await query(`delete from "ApiClient" where name like 'E2E Hospital EHR %'`);
});

async function axeClean(page: import("@playwright/test").Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

test("an admin creates an API client, its token reads a plan once copied, the use is listed, and after revoking it the token is refused", async ({ page, playwright, baseURL }) => {
  // Three axe runs and a dozen page loads on a shared machine.
  test.setTimeout(150_000);
  const name = `E2E Hospital EHR ${run()}`;
  const planId = await planIdOf("jordan.lee@example.com");
  await signInAndWait(page, "admin", /\/admin\/catalog$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API clients", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API clients" })).toBeVisible();
  await axeClean(page);

  // No scope: refused on the scopes, nothing created.
  const form = page.getByRole("form", { name: "New API client" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create API client" }).click();
  await expect(form.getByText("Choose at least one scope")).toBeVisible();
  expect(await query(`select id from "ApiClient" where name = $1`, [name])).toHaveLength(0);

  await form.getByLabel("Description (optional)").fill("Reads plans for the hospital's discharge letters");
  await form.getByRole("checkbox", { name: /Read patient data/ }).check();
  await form.getByLabel("Token expires after").selectOption("30");
  await form.getByRole("button", { name: "Create API client" }).click();

  // The token, once, with the warning; focus moves to it.
  const shown = page.getByRole("region", { name: `Token for “${name}”` });
  await expect(shown.getByText("Copy it now: it is shown only this once.")).toBeVisible();
  await expect(shown.getByRole("heading", { name: `Token for “${name}”` })).toBeFocused();
  const token = await shown.getByLabel("Access token").inputValue();
  expect(token).toMatch(/^rvp_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Copy token" }).click();
  await expect(shown.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await axeClean(page);
  const [row] = await query<{ tokenHash: string; scopes: string }>(`select "tokenHash", scopes::text from "ApiClient" where name = $1`, [name]);
  expect(row!.scopes).toBe("{PATIENT_READ}");
  expect(row!.tokenHash).not.toContain(token.slice(17));

  // Gone after "I have copied the token", and not in the page again after a reload.
  await shown.getByRole("button", { name: "I have copied the token" }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(token.slice(17));

  // Another system, no cookie: the token reads the plan.
  const system = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  try {
    const res = await system.get(`/api/v1/plans/${planId}`);
    expect(res.status()).toBe(200);
    expect((await res.json()).id).toBe(planId);
    // Not the handout: that route takes no API token.
    const handout = await system.get(`/api/v1/plans/${planId}/handout`);
    expect(handout.status()).toBe(401);
    expect(handout.headers()["www-authenticate"]).toBe('Bearer error="invalid_token"');

    // The client's page shows the use, by the client's name, and its last use.
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const usage = page.getByRole("region", { name: "Recent use" });
    await expect(usage.getByText(`API client ‘${name}’ made an API request: GET /api/v1/plans/${planId} answered 200.`)).toBeVisible();
    await expect(usage.getByText(new RegExp(`^API client ‘${name}’ viewed`))).toBeVisible();
    await axeClean(page);

    // Revoked after a confirmation: the token is refused from the next request on.
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText(`Revoked “${name}”.`)).toBeVisible();
    await expect(page.getByText("Revoked", { exact: true }).first()).toBeVisible();
    const refused = await system.get(`/api/v1/plans/${planId}`);
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toBe('Bearer error="invalid_token"');
    expect(await refused.text()).not.toContain(name);
  } finally {
    await system.dispose();
  }

  // The audit log names the client.
  await page.goto("/admin/audit");
  await expect(page.getByText(new RegExp(`API client ‘${name}’`)).first()).toBeVisible();
});
