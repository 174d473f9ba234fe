// The installable patient app and push (decision 036): the manifest and its icons, the service
// worker on the patient pages (and a push it receives shown as a notification without clinical
// content), and the subscription API as a patient's page calls it, with the refusals around it.
// Chromium here cannot create a real push subscription: its push service (FCM) is unreachable
// offline, so the API is driven with a synthetic subscription of a real P-256 key and auth secret.
import { createECDH, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, query, signInAndWait } from "./fixtures";

function syntheticSubscription() {
  return {
    endpoint: `https://fcm.googleapis.com/fcm/send/e2e-${randomBytes(9).toString("base64url")}`,
    expirationTime: null,
    keys: { p256dh: createECDH("prime256v1").generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") },
  };
}

/** fetch() from the page, as PushSettings calls the API: same origin, the session cookie, JSON. */
async function callFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, credentials: "same-origin", headers: body === undefined ? {} : { "Content-Type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
      return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
    },
    { method, path, body },
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const subscriptionsOf = (email: string) =>
  query<{ endpoint: string }>(`select s.endpoint from "PushSubscription" s join "User" u on u.id = s."userId" where u.email = $1`, [email]);

test("the manifest is served as a web app manifest, links from every page, and its icons load at their sizes", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as { name: string; start_url: string; scope: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: "Riverside Plans", start_url: "/my", scope: "/", display: "standalone", theme_color: "#0f766e", background_color: "#f8fafc" });
  for (const needed of [
    { sizes: "192x192", purpose: "any" },
    { sizes: "512x512", purpose: "any" },
    { sizes: "192x192", purpose: "maskable" },
    { sizes: "512x512", purpose: "maskable" },
  ]) {
    const icon = manifest.icons.find((i) => i.sizes === needed.sizes && i.purpose === needed.purpose);
    expect(icon, `${needed.purpose} ${needed.sizes}`).toBeDefined();
    const image = await request.get(icon!.src);
    expect(image.status(), icon!.src).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    const [w, h] = needed.sizes.split("x").map(Number);
    expect(pngSize(await image.body())).toEqual({ width: w, height: h });
  }

  // Every page's <head> links the manifest, the Apple touch icon and the theme colour.
  const html = await (await request.get("/sign-in")).text();
  expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
  const appleIcon = /<link rel="apple-touch-icon" href="([^"]+)"/.exec(html)?.[1];
  expect(appleIcon).toBeDefined();
  expect(pngSize(await (await request.get(appleIcon!)).body())).toEqual({ width: 180, height: 180 });
  expect(html).toMatch(/<meta name="theme-color" content="#0f766e"/);
  expect(html).toMatch(/<meta name="mobile-web-app-capable" content="yes"|<meta name="apple-mobile-web-app-capable" content="yes"/);

  const worker = await request.get("/sw.js");
  expect(worker.status()).toBe(200);
  expect(worker.headers()["content-type"]).toMatch(/javascript/);
  const offline = await request.get("/offline.html");
  expect(offline.status()).toBe(200);
  expect(await offline.text()).toContain("You are offline");
});

test("the service worker registers on the patient pages and shows a push as a notification without clinical content", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["notifications"], { origin: baseURL! });
  await signInAndWait(page, "jordan", /\/my$/);
  // Signing in lands on /my by client-side navigation: the worker registers from the layout all the same.
  const registration = () =>
    page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration("/my");
      return reg ? { scope: reg.scope, state: reg.active?.state, script: reg.active?.scriptURL } : null;
    });
  await expect.poll(registration, { timeout: 20_000 }).toEqual({ scope: `${baseURL}/my`, state: "activated", script: `${baseURL}/sw.js` });
  // The worker covers the patient pages only: a staff page is outside its scope.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/clinic")) ?? null)).toBeNull();

  // A push as the push service would deliver it, through the DevTools protocol.
  const cdp = await context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      const found = registrations.find((r) => r.scopeURL === `${baseURL}/my`);
      if (found) resolve(found.registrationId);
    });
  });
  const payload = { title: "Time for today's routine", body: "Open Riverside Plans to see what is due today.", url: "/my/sessions", tag: "daily" };
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: baseURL!, registrationId, data: JSON.stringify(payload) });
  const shown = async () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration("/my"))!.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, url: (n.data as { url?: string }).url })));
  // Generous: on a loaded 2-core CI machine the worker took over 10 s to show it (CI at 23:01).
  await expect.poll(shown, { timeout: 30_000 }).toEqual([{ title: payload.title, body: payload.body, tag: "daily", icon: `${baseURL}/icons/icon-192.png`, url: "/my/sessions" }]);

  // A payload pointing off-site keeps the notification on the app: its click goes to /my.
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: baseURL!, registrationId, data: JSON.stringify({ title: "Reminder", body: "x", url: "https://evil.example/phish", tag: "other" }) });
  await expect.poll(async () => (await shown()).find((n) => n.tag === "other")?.url).toBe("/my");
});

test("a patient subscribes this browser and unsubscribes it; others, staff and malformed input are refused and change nothing", async ({ browser, page }) => {
  await signInAndWait(page, "jordan", /\/my$/);
  const key = await callFromPage(page, "GET", "/api/v1/push/key");
  expect(key.status).toBe(200);
  // An uncompressed P-256 point, base64url: what pushManager.subscribe() takes as applicationServerKey.
  expect(Buffer.from((key.json as { publicKey: string }).publicKey, "base64url")).toHaveLength(65);

  const sub = syntheticSubscription();
  const before = (await subscriptionsOf(ACCOUNTS.jordan)).length;
  const saved = await callFromPage(page, "POST", "/api/v1/push/subscriptions", sub);
  expect(saved.status).toBe(200);
  expect(await subscriptionsOf(ACCOUNTS.jordan)).toContainEqual({ endpoint: sub.endpoint });
  // The same browser again: one row, not two.
  expect((await callFromPage(page, "POST", "/api/v1/push/subscriptions", sub)).status).toBe(200);
  expect((await subscriptionsOf(ACCOUNTS.jordan)).length).toBe(before + 1);

  // Malformed subscriptions: 400 with a message that names the problem; nothing stored.
  for (const [body, message] of [
    ["{", /not valid JSON/],
    [{ ...sub, endpoint: "http://fcm.googleapis.com/x" }, /https/],
    [{ ...sub, endpoint: "https://169.254.169.254/latest/meta-data" }, /push service/],
    [{ ...sub, keys: { ...sub.keys, p256dh: randomBytes(65).toString("base64url") } }, /p256dh/],
    [{ ...sub, keys: { ...sub.keys, auth: "short" } }, /auth/],
  ] as const) {
    const answer = await callFromPage(page, "POST", "/api/v1/push/subscriptions", body);
    expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect((answer.json as { error: { message: string } }).error.message).toMatch(message);
  }
  expect((await subscriptionsOf(ACCOUNTS.jordan)).length).toBe(before + 1);

  // Another patient cannot remove it (404, as for an endpoint that does not exist); staff have no push at all.
  const ana = await browser.newPage();
  await signInAndWait(ana, "ana", /\/my$/);
  expect((await callFromPage(ana, "DELETE", "/api/v1/push/subscriptions", { endpoint: sub.endpoint })).status).toBe(404);
  await ana.close();
  const maya = await browser.newPage();
  await signInAndWait(maya, "maya", /\/clinic$/);
  expect((await callFromPage(maya, "GET", "/api/v1/push/key")).status).toBe(403);
  expect((await callFromPage(maya, "POST", "/api/v1/push/subscriptions", syntheticSubscription())).status).toBe(403);
  expect((await callFromPage(maya, "DELETE", "/api/v1/push/subscriptions", { endpoint: sub.endpoint })).status).toBe(403);
  await maya.close();
  expect(await subscriptionsOf(ACCOUNTS.jordan)).toContainEqual({ endpoint: sub.endpoint });

  // Anonymous: 401. From another site: refused before anything runs.
  const anonymous = await browser.newPage();
  await anonymous.goto("/sign-in");
  expect((await callFromPage(anonymous, "GET", "/api/v1/push/key")).status).toBe(401);
  expect((await callFromPage(anonymous, "POST", "/api/v1/push/subscriptions", syntheticSubscription())).status).toBe(401);
  await anonymous.close();
  const crossSite = await page.request.post("/api/v1/push/subscriptions", { headers: { Origin: "https://evil.example", "Content-Type": "application/json" }, data: JSON.stringify(syntheticSubscription()) });
  expect(crossSite.status()).toBe(403);

  const removed = await callFromPage(page, "DELETE", "/api/v1/push/subscriptions", { endpoint: sub.endpoint });
  expect(removed.status).toBe(200);
  expect(await subscriptionsOf(ACCOUNTS.jordan)).not.toContainEqual({ endpoint: sub.endpoint });
  expect((await callFromPage(page, "DELETE", "/api/v1/push/subscriptions", { endpoint: sub.endpoint })).status).toBe(404);
  const audited = await query<{ action: string }>(
    `select action from "AuditEvent" a join "User" u on u.id = a."actorId" where u.email = $1 and action like 'push.%' order by at desc limit 3`,
    [ACCOUNTS.jordan],
  );
  expect(audited.map((a) => a.action)).toEqual(["push.unsubscribe", "push.subscribe", "push.subscribe"]);
});
