// Signs in over HTTP the way the sign-in form does (next-auth's credentials flow): GET
// /api/auth/csrf for the CSRF token and its cookie, then POST the form-encoded credentials to
// /api/auth/callback/credentials. Returns the session cookie ("name=value") to send as `Cookie`.
// Each benchmarked user signs in once per run: the app allows 30 attempts per address per
// 15 minutes (successful ones are given back) and locks an account after 10 failures (ADR 010).

import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { newTotpSecret, totpCodeAt } from "../../lib/auth/totp";
import { encryptTotpSecret } from "../../lib/auth/totp-secret";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token=/;

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: baseUrl, json: "true" }),
  });
  const session = cookiePairs(response).find((c) => SESSION_COOKIE.test(c));
  if (!session) {
    const body = await response.text().catch(() => "");
    throw new Error(`sign-in as ${email} failed (${response.status} ${body.slice(0, 200)}); after 10 failures the account is locked for 15 minutes`);
  }
  return session;
}

/**
 * The second sign-in step for a staff account (ADR 022), as the verify page sends it: the bench
 * gives the account an authenticator app of its own first (a random secret, encrypted under the
 * app's NEXTAUTH_SECRET, replacing any earlier one of that account) and posts the current code to
 * the verify page's server action.
 */
export async function passSecondFactor(options: { baseUrl: string; cookie: string; email: string; authSecret: string; database: pg.Client }): Promise<void> {
  const { baseUrl, cookie, email, authSecret, database } = options;
  const user = (await database.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0];
  if (!user) throw new Error(`no account ${email}`);
  const secret = newTotpSecret();
  await database.query(
    `INSERT INTO "TotpFactor" ("userId", "secretEnc", "confirmedAt", "lastUsedStep") VALUES ($1, $2, now(), NULL)
     ON CONFLICT ("userId") DO UPDATE SET "secretEnc" = EXCLUDED."secretEnc", "confirmedAt" = now(), "lastUsedStep" = NULL`,
    [user.id, encryptTotpSecret(secret, user.id, authSecret)],
  );
  const response = await fetch(new URL("/sign-in/verify", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": actionId("app/(auth)/sign-in/verify/actions.ts", "verifySecondFactorAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: new URL(baseUrl).origin,
      Cookie: cookie,
    },
    body: JSON.stringify([{ method: "totp", code: await totpCodeAt(secret) }]),
  });
  const body = await response.text();
  if (response.status !== 200 || !body.includes('"ok":true')) throw new Error(`second step as ${email} failed (${response.status} ${body.slice(0, 200)})`);
}

/** A server action's id from the build's manifest. */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!entry) throw new Error(`${name} is not in .next/server/server-reference-manifest.json: build the app`);
  return entry[0];
}
