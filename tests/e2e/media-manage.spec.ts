// Decision 029: the admin reorders a treatment's pictures with the keyboard-reachable Up/Down
// buttons (the new position is announced) and corrects a picture's alt text and step caption.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { ACCOUNTS, query, signInAndWait } from "./fixtures";

const created: string[] = [];

test.afterAll(async () => {
  // The rows only: other specs compare table fingerprints. The files stay under .data/media.
  if (created.length > 0) await query(`delete from "CatalogMedia" where id = any($1)`, [created]);
});

test("the admin reorders a treatment's pictures and edits one's alt text and caption", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, "admin", /\/admin\/catalog/);
  const [item] = await query<{ id: string }>(`select i.id from "CatalogItem" i join "User" u on u."clinicId" = i."clinicId" where i.name = $1 and u.email = $2`, ["Bridging", ACCOUNTS.admin]);
  await page.goto(`/admin/catalog/${item!.id}`);
  const section = page.getByRole("region", { name: "Pictures and videos" });
  for (const [alt, colour] of [["Manage: first", "#a86"], ["Manage: second", "#68a"]] as const) {
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: colour } }).png().toBuffer();
    await section.getByLabel("File").setInputFiles({ name: "step.png", mimeType: "image/png", buffer: picture });
    await section.getByLabel("Alt text (required for a picture)").fill(alt);
    await section.getByRole("button", { name: "Upload" }).click();
    await expect(section.getByRole("img", { name: alt })).toBeVisible();
  }
  const rows = await query<{ id: string }>(`select id from "CatalogMedia" where "catalogItemId" = $1 and "altText" like 'Manage:%'`, [item!.id]);
  created.push(...rows.map((r) => r.id));
  const count = await section.getByRole("listitem").count();

  // Keyboard: focus the second picture's Up button and press Enter.
  await section.getByRole("button", { name: 'Move "Manage: second" up' }).focus();
  await page.keyboard.press("Enter");
  await expect(section.getByText(`Moved to position ${count - 1} of ${count}.`)).toBeVisible();
  const order = async () => (await query<{ altText: string }>(`select "altText" from "CatalogMedia" where "catalogItemId" = $1 order by position, "createdAt"`, [item!.id])).map((r) => r.altText);
  await expect.poll(order).toEqual(expect.arrayContaining(["Manage: second", "Manage: first"]));
  const now = await order();
  expect(now.indexOf("Manage: second")).toBeLessThan(now.indexOf("Manage: first"));

  // Edit the moved picture's alt text and caption inline.
  const second = section.getByRole("listitem").filter({ has: page.getByRole("img", { name: "Manage: second" }) });
  await second.getByRole("button", { name: "Edit text" }).click();
  await second.getByLabel("Alt text (required)").fill("Manage: lifted");
  await second.getByLabel("Step caption").fill("Step 2: lift the hips");
  await second.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("img", { name: "Manage: lifted" })).toBeVisible();
  await expect(section.getByText("Step 2: lift the hips")).toBeVisible();
  const [saved] = await query<{ caption: string; version: number }>(`select caption, version from "CatalogMedia" where "altText" = 'Manage: lifted'`);
  expect(saved).toMatchObject({ caption: "Step 2: lift the hips" });
  expect(saved!.version).toBeGreaterThan(1);
});
