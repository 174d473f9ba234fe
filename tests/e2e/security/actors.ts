// The actors of the security specs, each signed in once per worker through the real sign-in form
// (sign-in is throttled: 10 failures lock an account, 30 attempts per IP per 15 min), then used
// as API request contexts that carry the session cookie and never follow redirects.
import { createHash, randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";
import { passSecondFactor } from "../fixtures";
import { SecurityDb } from "./db";
import { ensureFixtureRows, OTHER_ADMIN_EMAIL, OTHER_CLINICIAN_EMAIL } from "./records";
import { e2eApiClientId } from "./route-inventory";

export const ACTOR_KEYS = ["anonymous", "jordan", "ana", "maya", "sam", "otherClinician", "admin", "otherAdmin"] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

/** Who each actor is, in the words of the issue. */
export const ACTOR_ROLES: Record<ActorKey, string> = {
  anonymous: "anonymous",
  jordan: "patient A",
  ana: "patient B",
  maya: "clinician (Jordan's care team; outside Ana's)",
  sam: "clinician (Jordan's and Ana's care team)",
  otherClinician: "clinician of another clinic",
  admin: "admin",
  otherAdmin: "admin of another clinic",
};

// Staff pass the second sign-in step with a code from the demo secret (ADR 022; records.ts gives
// the other clinic's staff the same one).
const SIGN_IN: Record<Exclude<ActorKey, "anonymous">, { email: string; landing: RegExp; staff: boolean }> = {
  jordan: { email: "jordan.lee@example.com", landing: /\/my$/, staff: false },
  ana: { email: "ana.silva@example.com", landing: /\/my$/, staff: false },
  maya: { email: "maya.chen@riverside.example", landing: /\/clinic$/, staff: true },
  sam: { email: "sam.okafor@riverside.example", landing: /\/clinic$/, staff: true },
  otherClinician: { email: OTHER_CLINICIAN_EMAIL, landing: /\/clinic$/, staff: true },
  admin: { email: "admin@riverside.example", landing: /\/admin\/catalog$/, staff: true },
  otherAdmin: { email: OTHER_ADMIN_EMAIL, landing: /\/admin\/catalog$/, staff: true },
};

export type Actors = { baseURL: string; as: Record<ActorKey, APIRequestContext>; api: Record<ApiActorKey, APIRequestContext> };

// ---- API clients (issue 17, ADR 047): request contexts that send a bearer token.

export const API_ACTOR_KEYS = ["apiPatientRead", "apiCatalogRead", "apiBulkExport", "apiAllScopes", "apiOtherClinic", "apiRevoked", "samWithRevokedToken"] as const;
export type ApiActorKey = (typeof API_ACTOR_KEYS)[number];

type ApiClientSpec = { clinic: "riverside" | "other"; scopes: string[]; revoked?: boolean };
/** samWithRevokedToken sends apiRevoked's token with Sam's session cookie: the cookie must count for nothing. */
const API_CLIENTS: Record<Exclude<ApiActorKey, "samWithRevokedToken">, ApiClientSpec> = {
  apiPatientRead: { clinic: "riverside", scopes: ["PATIENT_READ"] },
  apiCatalogRead: { clinic: "riverside", scopes: ["CATALOG_READ"] },
  apiBulkExport: { clinic: "riverside", scopes: ["BULK_EXPORT"] },
  apiAllScopes: { clinic: "riverside", scopes: ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"] },
  apiOtherClinic: { clinic: "other", scopes: ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"] },
  apiRevoked: { clinic: "riverside", scopes: ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"], revoked: true },
};

/** Who each API actor is. */
export const API_ACTOR_ROLES: Record<ApiActorKey, string> = {
  apiPatientRead: "API client with PATIENT_READ",
  apiCatalogRead: "API client with CATALOG_READ",
  apiBulkExport: "API client with BULK_EXPORT",
  apiAllScopes: "API client with every scope",
  apiOtherClinic: "API client of another clinic, every scope",
  apiRevoked: "revoked API client",
  samWithRevokedToken: "a revoked token sent with Sam's session cookie",
};

/**
 * The security specs' API clients, made (or given a fresh token) straight in the database, as
 * lib/auth/api-token.ts would: rvp_<12 base62>_<32 random bytes base64url>, SHA-256 stored. A
 * high rate limit: the matrix sends a few hundred requests a minute.
 */
async function apiTokens(db: SecurityDb): Promise<Record<Exclude<ApiActorKey, "samWithRevokedToken">, string>> {
  const tokens = {} as Record<Exclude<ApiActorKey, "samWithRevokedToken">, string>;
  for (const [key, spec] of Object.entries(API_CLIENTS) as [Exclude<ApiActorKey, "samWithRevokedToken">, ApiClientSpec][]) {
    const adminEmail = spec.clinic === "riverside" ? "admin@riverside.example" : OTHER_ADMIN_EMAIL;
    const admin = await db.one<{ id: string; clinicId: string }>(`select id, "clinicId" from "User" where email = $1`, [adminEmail]);
    const tokenId = randomBytes(9).toString("base64url").replace(/[^0-9A-Za-z]/g, "0").slice(0, 12);
    const token = `rvp_${tokenId}_${randomBytes(32).toString("base64url")}`;
    const hash = createHash("sha256").update(token).digest("hex");
    await db.query(
      `insert into "ApiClient" (id, "clinicId", name, scopes, "tokenId", "tokenHash", "createdById", "expiresAt", "revokedAt", "rateLimitPerMinute", "rateTokens")
       values ($1, $2, $3, $4::"ApiScope"[], $5, $6, $7, now() + interval '30 days', $8, 100000, 100000)
       on conflict ("clinicId", name) do update set scopes = excluded.scopes, "tokenId" = excluded."tokenId", "tokenHash" = excluded."tokenHash",
         "expiresAt" = excluded."expiresAt", "revokedAt" = excluded."revokedAt", "rateLimitPerMinute" = 100000, "rateTokens" = 100000`,
      [e2eApiClientId(key), admin.clinicId, `E2E ${key}`, spec.scopes, tokenId, hash, admin.id, spec.revoked ? new Date() : null],
    );
    tokens[key] = token;
  }
  return tokens;
}

/**
 * `actors` is worker-scoped: the three security specs share one sign-in per actor for as long as
 * the worker lives (a failing test restarts the worker, and with it the sign-ins).
 */
export const test = base.extend<object, { actors: Actors }>({
  actors: [
    async ({ browser, playwright }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
      const db = await SecurityDb.connect();
      let tokens: Awaited<ReturnType<typeof apiTokens>>;
      try {
        await ensureFixtureRows(db);
        tokens = await apiTokens(db);
      } finally {
        await db.close();
      }
      const started = Date.now();
      const as = { anonymous: await playwright.request.newContext({ baseURL, maxRedirects: 0 }) } as Record<ActorKey, APIRequestContext>;
      // One sign-in per actor, all at once (each in its own browser context).
      await Promise.all(
        (Object.entries(SIGN_IN) as [Exclude<ActorKey, "anonymous">, (typeof SIGN_IN)[keyof typeof SIGN_IN]][]).map(async ([key, { email, landing, staff }]) => {
          const context = await browser.newContext({ baseURL });
          const page = await context.newPage();
          await page.goto("/sign-in");
          await page.getByLabel("Email").fill(email);
          await page.getByLabel("Password").fill(DEMO_PASSWORD);
          await page.getByRole("button", { name: "Sign in" }).click();
          if (staff) await passSecondFactor(page, email);
          await expect(page, `${key} signs in`).toHaveURL(landing, { timeout: 30_000 });
          as[key] = await playwright.request.newContext({ baseURL, maxRedirects: 0, storageState: await context.storageState() });
          await context.close();
        }),
      );
      console.log(`security actors: ${Object.keys(SIGN_IN).length} signed in once for this worker (${Date.now() - started} ms)`);
      const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
      const api = {} as Record<ApiActorKey, APIRequestContext>;
      for (const key of Object.keys(API_CLIENTS) as Exclude<ApiActorKey, "samWithRevokedToken">[]) {
        api[key] = await playwright.request.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: bearer(tokens[key]) });
      }
      api.samWithRevokedToken = await playwright.request.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: bearer(tokens.apiRevoked), storageState: await as.sam.storageState() });
      await use({ baseURL, as, api });
      for (const context of [...Object.values(as), ...Object.values(api)]) await context.dispose();
    },
    // Seven sign-ins at once, each with the second step for staff (ADR 022), on two shared cores.
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect };
