// More than one app process (issue 18, docs/decisions/053): two more `next start` processes of
// the same build on the e2e database, configured as behind a load balancer (same NEXTAUTH_URL and
// secret, TRUST_PROXY=1 so each test's X-Forwarded-For address is the client's and its sign-in
// attempts are counted apart from the rest of the suite), next to the suite's own server. Requests
// alternate between them: a session started on one is valid on the others and ends everywhere when
// it ends on one (each process keeps decoded cookies in memory: lib/auth/session-token.ts); the
// second step passed on another process counts; the per-account and per-address sign-in limits
// count attempts on both; a background job runs once whichever process's worker takes it; and
// what one process wrote or cached is what the other reads. No browser: plain HTTP, as a load
// balancer forwards it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { totpCodeAt } from "@/lib/auth/totp";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/prisma/seed-data/demo";
import { ACCOUNTS, forgetUsedTotpStep, planIdOf, query } from "./fixtures";

const SUITE_APP = `http://127.0.0.1:${process.env.PORT ?? 3100}`;
const children: ChildProcess[] = [];
let B = "";
let C = "";

test.describe.configure({ mode: "serial", timeout: 180_000 });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startApp(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    env: { ...process.env, PORT: String(port), TRUST_PROXY: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start on ${port} exited (${child.exitCode}): ${errors.slice(-500)}`);
    try {
      const response = await fetch(`${base}/sign-in`, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === 200) return base;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start on ${port} did not answer within 90 s`);
}

test.beforeAll(async () => {
  [B, C] = await Promise.all([startApp(), startApp()]);
});

test.afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
});

/** An address of TEST-NET-2 (RFC 5737) no other test uses, as the load balancer reports the client. */
const clientIp = () => `198.51.100.${1 + (randomBytes(1)[0]! % 254)}`;
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** The credentials sign-in as the form sends it; the session cookie, or null when refused. */
async function signInAt(base: string, email: string, password: string, ip: string): Promise<string | null> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; "), "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base, json: "true" }),
  });
  await response.arrayBuffer();
  return cookiesOf(response).find((c) => /^(__Secure-)?next-auth\.session-token=[^;]+/.test(c)) ?? null;
}

/** Status of a GET with the cookie, without following redirects, and where a redirect points. */
async function get(base: string, url: string, cookie: string): Promise<{ status: number; location: string | null; body: string }> {
  const response = await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const entry = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!entry) throw new Error(`${name} is not in the build's server-reference manifest`);
  return entry[0];
}

/** The second sign-in step with the demo staff's authenticator code, posted to `base`'s verify page. */
async function passSecondStep(base: string, cookie: string, email: string): Promise<void> {
  await forgetUsedTotpStep(email);
  const response = await fetch(`${base}/sign-in/verify`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId("app/(auth)/sign-in/verify/actions.ts", "verifySecondFactorAction"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: base, cookie },
    body: JSON.stringify([{ method: "totp", code: await totpCodeAt(DEMO_TOTP_SECRET) }]),
  });
  expect(await response.text()).toContain('"ok":true');
}

async function signOutAt(base: string, cookie: string): Promise<void> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [cookie, ...cookiesOf(csrf)].join("; ") },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in", json: "true" }),
  });
  await response.arrayBuffer();
  expect(response.status).toBeLessThan(400);
}

test("a session started on one process works on every process, and signing out on one ends it on all", async () => {
  const planId = await planIdOf(ACCOUNTS.jordan);
  const cookie = await signInAt(B, ACCOUNTS.jordan, DEMO_PASSWORD, clientIp());
  expect(cookie).not.toBeNull();
  // Every process reads it, and now holds its decoded claims in memory.
  for (const base of [B, C, SUITE_APP, B, C]) {
    expect((await get(base, `/api/v1/plans/${planId}`, cookie!)).status).toBe(200);
    expect((await get(base, "/my", cookie!)).status).toBe(200);
  }
  await signOutAt(C, cookie!);
  // The other processes' memory of the cookie does not keep the session alive.
  for (const base of [B, SUITE_APP, C]) {
    expect((await get(base, `/api/v1/plans/${planId}`, cookie!)).status).toBe(401);
    const page = await get(base, "/my", cookie!);
    expect(page.status).toBe(307);
    expect(page.location).toMatch(/\/sign-in/);
  }
});

test("an account whose session version changes is signed out on every process at its next request", async () => {
  const cookie = await signInAt(C, ACCOUNTS.ravi, DEMO_PASSWORD, clientIp());
  for (const base of [B, C]) expect((await get(base, "/my", cookie!)).status).toBe(200);
  // What a password reset or "sign out everywhere" does to the account (decision 010).
  await query(`update "User" set "sessionVersion" = "sessionVersion" + 1 where email = $1`, [ACCOUNTS.ravi]);
  for (const base of [B, C]) expect((await get(base, "/my", cookie!)).location).toMatch(/\/sign-in/);
});

test("a staff member's password on one process and second step on another make one signed-in session", async () => {
  const cookie = await signInAt(B, ACCOUNTS.sam, DEMO_PASSWORD, clientIp());
  // Before the second step, no process lets the session into the clinic.
  for (const base of [B, C]) expect((await get(base, "/clinic", cookie!)).location).toMatch(/\/sign-in\/verify/);
  await passSecondStep(C, cookie!, ACCOUNTS.sam);
  for (const base of [B, C]) {
    const page = await get(base, "/clinic", cookie!);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Patients in your care team");
  }
  await signOutAt(B, cookie!);
  expect((await get(C, "/clinic", cookie!)).status).toBe(307);
});

test("ten wrong passwords spread over two processes lock the account on both", async () => {
  const email = `two.${randomUUID().slice(0, 8)}@riverside.example`;
  await query(
    `insert into "User" (id, "clinicId", email, name, role, "passwordHash", "updatedAt")
     select $1, "clinicId", $2, 'Two Processes Test', 'PATIENT', "passwordHash", now() from "User" where email = $3`,
    [`e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`, email, ACCOUNTS.jordan],
  );
  const ip = clientIp();
  for (let i = 1; i <= 10; i++) expect(await signInAt(i % 2 ? B : C, email, `wrong-password-${i}`, ip)).toBeNull();
  const [row] = await query<{ failedLoginCount: number; locked: boolean }>(`select "failedLoginCount", "lockedUntil" > now() at time zone 'UTC' as locked from "User" where email = $1`, [email]);
  // An in-memory count would stand at 5 on each process, short of the lock.
  expect(row).toEqual({ failedLoginCount: 10, locked: true });
  expect(await signInAt(B, email, DEMO_PASSWORD, clientIp())).toBeNull();
  expect(await signInAt(C, email, DEMO_PASSWORD, clientIp())).toBeNull();
});

test("one address's attempts are counted on both processes: the 31st is refused on either, even with the right password", async () => {
  // TEST-NET-1, so no other test's random address can be the one blocked here.
  const ip = `192.0.2.${1 + (randomBytes(1)[0]! % 254)}`;
  for (let i = 1; i <= 30; i++) expect(await signInAt(i % 2 ? B : C, `nobody.${i}.${randomUUID().slice(0, 6)}@riverside.example`, "not-the-password", ip)).toBeNull();
  const [throttle] = await query<{ attempts: number; blocked: boolean }>(`select attempts, "blockedUntil" is not null as blocked from "LoginThrottle" where key = $1`, [`ip4:${ip}`]);
  expect(throttle).toEqual({ attempts: 30, blocked: false });
  expect(await signInAt(B, ACCOUNTS.ana, DEMO_PASSWORD, ip)).toBeNull();
  expect(await signInAt(C, ACCOUNTS.ana, DEMO_PASSWORD, ip)).toBeNull();
  const [after] = await query<{ blocked: boolean }>(`select "blockedUntil" > now() at time zone 'UTC' as blocked from "LoginThrottle" where key = $1`, [`ip4:${ip}`]);
  expect(after!.blocked).toBe(true);
  // Another address still signs the same account in.
  expect(await signInAt(C, ACCOUNTS.ana, DEMO_PASSWORD, clientIp())).not.toBeNull();
});

test("a bulk export kicked off on one process runs once among every process's workers and is read from another", async () => {
  const cookie = await signInAt(B, ACCOUNTS.admin, DEMO_PASSWORD, clientIp());
  await passSecondStep(B, cookie!, ACCOUNTS.admin);
  const kickOff = await fetch(`${C}/api/fhir/$export?_type=Patient,CarePlan`, { headers: { cookie: cookie!, prefer: "respond-async", accept: "application/fhir+json" } });
  expect(kickOff.status).toBe(202);
  const statusPath = new URL(kickOff.headers.get("content-location")!).pathname;
  const exportId = statusPath.split("/").at(-1)!;
  type Manifest = { output: { type: string; count?: number }[] };
  let manifest = null as Manifest | null;
  for (let i = 0; i < 120 && !manifest; i++) {
    const status = await fetch(`${i % 2 ? B : SUITE_APP}${statusPath}`, { headers: { cookie: cookie! } });
    if (status.status === 200) manifest = (await status.json()) as Manifest;
    else {
      expect(status.status).toBe(202);
      await status.arrayBuffer();
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  expect(manifest?.output.map((o) => o.type).sort()).toEqual(["CarePlan", "Patient"]);
  const [row] = await query<{ attempts: number; status: string }>(`select attempts, status::text as status from "BulkExport" where id = $1`, [exportId]);
  expect(row).toEqual({ attempts: 1, status: "COMPLETED" });
  const jobs = await query<{ state: string }>(`select state::text as state from pgboss.job where name = 'bulk-export' and data->>'exportId' = $1`, [exportId]);
  expect(jobs).toEqual([{ state: "completed" }]);
  // A DELETE must come from the app's own (public) origin, whichever process it reaches.
  const deleted = await fetch(`${SUITE_APP}${statusPath}`, { method: "DELETE", headers: { cookie: cookie!, "content-type": "application/json", origin: new URL(process.env.NEXTAUTH_URL ?? SUITE_APP).origin } });
  expect(deleted.status).toBe(202);
});

test("what one process wrote or cached is what the others read: the push key, a subscription", async () => {
  const cookie = await signInAt(C, ACCOUNTS.jordan, DEMO_PASSWORD, clientIp());
  // The VAPID key pair is made once and kept in the database; each process caches its copy.
  const keys = await Promise.all([B, C, SUITE_APP].map(async (base) => JSON.parse((await get(base, "/api/v1/push/key", cookie!)).body) as { publicKey: string }));
  expect(new Set(keys.map((k) => k.publicKey)).size).toBe(1);
  expect(keys[0]!.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
  const endpoint = `https://fcm.googleapis.com/fcm/send/two-processes-${randomUUID()}`;
  const json = { "content-type": "application/json", origin: new URL(process.env.NEXTAUTH_URL ?? SUITE_APP).origin, cookie: cookie! };
  const { createECDH } = await import("node:crypto");
  const ecdh = createECDH("prime256v1");
  const subscription = { endpoint, expirationTime: null, keys: { p256dh: ecdh.generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
  expect((await fetch(`${B}/api/v1/push/subscriptions`, { method: "POST", headers: json, body: JSON.stringify(subscription) })).status).toBeLessThan(300);
  expect((await fetch(`${C}/api/v1/push/subscriptions`, { method: "DELETE", headers: json, body: JSON.stringify({ endpoint }) })).status).toBeLessThan(300);
  expect((await fetch(`${B}/api/v1/push/subscriptions`, { method: "DELETE", headers: json, body: JSON.stringify({ endpoint }) })).status).toBe(404);
});
