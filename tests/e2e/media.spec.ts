// Issue 13: pictures and videos over real HTTP against `next start`: uploads stream past the
// proxy (a body larger than Next.js's 10 MB proxy copy limit arrives whole), the write guard
// refuses other sites and other body types, and the serving route answers byte ranges with the
// headers a phone's video player needs, private caching for catalog media and none for a patient's.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { mp4 } from "../fixtures/media";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

const created: string[] = [];

test.afterAll(async () => {
  // The rows only: other specs compare table fingerprints. The files stay under .data/media.
  if (created.length === 0) return;
  await query(`delete from "CatalogMedia" where id = any($1)`, [created]);
  await query(`delete from "ActivityMedia" where id = any($1)`, [created]);
});

async function catalogItemId(name: string): Promise<string> {
  const rows = await query<{ id: string }>(`select i.id from "CatalogItem" i join "User" u on u."clinicId" = i."clinicId" where i.name = $1 and u.email = $2`, [name, ACCOUNTS.admin]);
  return rows[0]!.id;
}

async function activityIdOf(email: string): Promise<string> {
  const rows = await query<{ id: string }>(
    `select a.id from "PlanActivity" a join "TreatmentPlan" p on p.id = a."planId" join "Patient" pa on pa.id = p."patientId"
     where pa.email = $1 and p.status = 'ACTIVE' order by a.position limit 1`,
    [email],
  );
  return rows[0]!.id;
}

function uploadTo(request: APIRequestContext, baseURL: string, path: string, data: Buffer, options: { alt?: string; headers?: Record<string, string> } = {}) {
  const q = options.alt ? `?altText=${encodeURIComponent(options.alt)}` : "";
  return request.post(`${path}${q}`, {
    headers: { Origin: baseURL, "Content-Type": "application/octet-stream", ...options.headers },
    data,
    maxRedirects: 0,
  });
}

async function signedIn(page: Page, account: "admin" | "maya" | "jordan" | "ana", landing: RegExp) {
  await signInAndWait(page, account, landing);
  return page.request;
}

test("an admin uploads a picture and a video to a catalog item; other sites and other body types are refused", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const request = await signedIn(page, "admin", /\/admin\/catalog/);
  const itemId = await catalogItemId("Cat-cow stretch");
  const path = `/api/v1/uploads/catalog/${itemId}`;
  const picture = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#4a7" } }).jpeg().toBuffer();

  for (const [headers, status] of [
    [{ Origin: "https://evil.example" }, 403],
    [{ Origin: "null" }, 403],
    [{ "Sec-Fetch-Site": "cross-site" }, 403],
    [{ "Content-Type": "multipart/form-data; boundary=x" }, 415],
    [{ "Content-Type": "image/svg+xml" }, 415],
  ] as const) {
    const res = await uploadTo(request, baseURL!, path, picture, { alt: "x", headers });
    expect(res.status(), JSON.stringify(headers)).toBe(status);
  }
  const svg = await uploadTo(request, baseURL!, path, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { alt: "x" });
  expect(svg.status()).toBe(415);
  expect((await svg.json()).error.message).toMatch(/JPEG, PNG, WebP or AVIF/);

  const ok = await uploadTo(request, baseURL!, path, picture, { alt: "Cat-cow: start on hands and knees" });
  expect(ok.status()).toBe(201);
  const image = await ok.json();
  created.push(image.id);
  expect(image).toMatchObject({ kind: "IMAGE", widths: [320, 640, 900], altText: "Cat-cow: start on hands and knees" });
  expect(image.url).toMatch(/^\/api\/v1\/media\/c[a-z0-9]{24}$/);
  const served = await request.get(`${image.url}?w=320&f=avif`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/avif");
  expect(served.headers()["cache-control"]).toBe("private, max-age=300");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await sharp(await served.body()).metadata()).width).toBe(320);
  expect((await request.get(`${image.url}?w=999`)).status()).toBe(422);

  // Ana's plan has the cat-cow stretch at home: Today and My plan show the picture.
  const ana = await browser.newPage();
  await signInAndWait(ana, "ana", /\/my$/);
  const shown = ana.getByRole("img", { name: "Cat-cow: start on hands and knees" });
  await expect(shown).toBeVisible();
  await expect(shown).toHaveAttribute("loading", "lazy");
  await expect(shown).toHaveAttribute("srcset", new RegExp(`${image.url}\\?w=320&f=webp 320w, .*w=1280&f=webp 900w`));
  await shown.scrollIntoViewIfNeeded();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await ana.goto(`/my/plans/${await planIdOf(ACCOUNTS.ana)}`);
  await expect(ana.getByRole("img", { name: "Cat-cow: start on hands and knees" })).toBeVisible();
  await ana.close();

  // 30 MB: past the 10 MB that Next.js copies for a proxy (uploads are left out of the proxy).
  const video = mp4({ mediaBytes: 30 * 1024 * 1024 });
  const up = await uploadTo(request, baseURL!, path, video);
  expect(up.status()).toBe(201);
  const clip = await up.json();
  created.push(clip.id);
  expect(clip).toMatchObject({ kind: "VIDEO", contentType: "video/mp4" });

  const first = await request.get(clip.url, { headers: { Range: "bytes=0-1" } });
  expect(first.status()).toBe(206);
  expect(first.headers()).toMatchObject({
    "content-type": "video/mp4",
    "accept-ranges": "bytes",
    "content-range": `bytes 0-1/${video.length}`,
  });
  // Next.js 16 drops a route handler's Content-Length and sends the body chunked (ADR 024).
  expect((await first.body()).length).toBe(2);
  const middle = await request.get(clip.url, { headers: { Range: "bytes=4-7" } });
  expect((await middle.body()).toString("latin1")).toBe("ftyp");
  const open = await request.get(clip.url, { headers: { Range: `bytes=${video.length - 10}-` } });
  expect(open.status()).toBe(206);
  expect(open.headers()["content-range"]).toBe(`bytes ${video.length - 10}-${video.length - 1}/${video.length}`);
  const past = await request.get(clip.url, { headers: { Range: `bytes=${video.length}-` } });
  expect(past.status()).toBe(416);
  expect(past.headers()["content-range"]).toBe(`bytes */${video.length}`);
  const whole = await request.get(clip.url);
  expect(whole.status()).toBe(200);
  expect((await whole.body()).equals(video)).toBe(true);

  // Signed out: nothing.
  await page.context().clearCookies();
  expect((await page.request.get(image.url)).status()).toBe(401);
  expect((await uploadTo(page.request, baseURL!, path, picture, { alt: "x" })).status()).toBe(401);
});

test("a clinician's video of one patient is private to the care team and that patient", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const activityId = await activityIdOf(ACCOUNTS.jordan);
  const clinician = await browser.newPage();
  const request = await signedIn(clinician, "maya", /\/clinic/);
  const res = await uploadTo(request, baseURL!, `/api/v1/uploads/activities/${activityId}`, mp4({ mediaBytes: 50_000 }));
  expect(res.status()).toBe(201);
  const media = await res.json();
  created.push(media.id);
  const own = await request.get(media.url, { headers: { Range: "bytes=0-3" } });
  expect(own.status()).toBe(206);
  expect(own.headers()["cache-control"]).toBe("private, no-store");

  const jordan = await browser.newPage();
  const patientView = await (await signedIn(jordan, "jordan", /\/my/)).get(media.url);
  expect(patientView.status()).toBe(200);
  expect(patientView.headers()["cache-control"]).toBe("private, no-store");

  const ana = await browser.newPage();
  expect((await (await signedIn(ana, "ana", /\/my/)).get(media.url)).status()).toBe(404);
  const admin = await browser.newPage();
  expect((await (await signedIn(admin, "admin", /\/admin/)).get(media.url)).status()).toBe(404);
  // An admin holds no plan access: uploading to a patient's activity is refused.
  expect((await uploadTo(admin.request, baseURL!, `/api/v1/uploads/activities/${activityId}`, mp4())).status()).toBe(403);
});

test("the admin's catalog page uploads a picture with a progress bar and removes it after confirmation", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, "admin", /\/admin\/catalog/);
  const itemId = await catalogItemId("Bridging");
  await page.goto(`/admin/catalog/${itemId}`);
  const section = page.getByRole("region", { name: "Pictures and videos" });
  const picture = await sharp({ create: { width: 700, height: 500, channels: 3, background: "#68a" } }).png().toBuffer();
  await section.getByLabel("File").setInputFiles({ name: "bridge.png", mimeType: "image/png", buffer: picture });
  await section.getByRole("button", { name: "Upload" }).click();
  await expect(section.getByText("Alt text is required for a picture")).toBeVisible();
  await section.getByLabel("Alt text (required for a picture)").fill("Bridge: hips lifted");
  await section.getByLabel("Step caption (optional)").fill("Step 2: lift");
  await section.getByRole("button", { name: "Upload" }).click();
  await expect(section.getByText("Uploaded.")).toBeVisible();
  const shown = section.getByRole("img", { name: "Bridge: hips lifted" });
  await expect(shown).toBeVisible();
  await expect(section.getByText("Step 2: lift")).toBeVisible();
  const [row] = await query<{ id: string }>(`select id from "CatalogMedia" where "catalogItemId" = $1 and "altText" = $2`, [itemId, "Bridge: hips lifted"]);
  created.push(row!.id);

  page.once("dialog", (dialog) => dialog.dismiss());
  await section.getByRole("button", { name: 'Remove picture "Bridge: hips lifted"' }).click();
  await expect(shown).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await section.getByRole("button", { name: 'Remove picture "Bridge: hips lifted"' }).click();
  await expect(shown).toHaveCount(0);
  expect(await query(`select id from "CatalogMedia" where id = $1`, [row!.id])).toEqual([]);
});
