// The actors of the security specs, each signed in once per worker through the real sign-in form
// (sign-in is throttled: 10 failures lock an account, 30 attempts per IP per 15 min), then used
// as API request contexts that carry the session cookie and never follow redirects.
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";
import { passSecondFactor } from "../fixtures";
import { SecurityDb } from "./db";
import { ensureFixtureRows, OTHER_ADMIN_EMAIL, OTHER_CLINICIAN_EMAIL } from "./records";

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

export type Actors = { baseURL: string; as: Record<ActorKey, APIRequestContext> };

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
      try {
        await ensureFixtureRows(db);
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
      await use({ baseURL, as });
      for (const context of Object.values(as)) await context.dispose();
    },
    // Seven sign-ins at once, each with the second step for staff (ADR 022), on two shared cores.
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect };
