import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { ApiScope } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { apiTokenMatches, parseApiToken } from "./api-token";

// Bearer-token authentication of API clients (ADR 047), for lib/server/with-route.ts.

/**
 * 401 for a token that is missing, malformed, unknown, expired or revoked, or sent to a route that
 * takes no API tokens; 403 for a valid token without the route's scope. The message never says
 * which of these it was (nothing to learn about other clients' tokens); the header is RFC 6750's.
 */
export class BearerTokenError extends AppError {
  readonly wwwAuthenticate: string;

  constructor(kind: "invalid_token" | "insufficient_scope", scope?: ApiScope) {
    if (kind === "insufficient_scope") {
      super("FORBIDDEN", "This API client's token does not have the scope this request needs.");
      this.wwwAuthenticate = `Bearer error="insufficient_scope", scope="${scope}"`;
    } else {
      super("UNAUTHENTICATED", "The access token is missing, not valid, expired or revoked, or not accepted here.");
      this.wwwAuthenticate = `Bearer error="invalid_token"`;
    }
    this.name = "BearerTokenError";
  }
}

/** 429: the client has used its requests of the minute; `retryAfterSeconds` until the next one. */
export class ApiRateLimitError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many requests from this API client. Try again later.");
    this.name = "ApiRateLimitError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type ClientRow = {
  id: string;
  clinicId: string;
  name: string;
  scopes: ApiScope[];
  tokenHash: string;
  usable: boolean;
  timeZone: string;
};

/**
 * The API client actor of a bearer token, after its rate limit has admitted the request. A token
 * of a known client that is expired or revoked is refused and audited with the client named
 * (an old system still calling shows in the audit log); an unknown or malformed one is refused
 * without a trace (no client to name, and nothing to stop a flood of rows).
 */
export async function authenticateApiClient(token: string | null, origin: string | undefined): Promise<Actor> {
  const parsed = token ? parseApiToken(token) : null;
  if (!token || !parsed) throw new BearerTokenError("invalid_token");
  const [row] = await db().$queryRaw<ClientRow[]>`
    SELECT a.id, a."clinicId", a.name, a.scopes::text[] AS scopes, a."tokenHash",
           (a."revokedAt" IS NULL AND a."expiresAt" > (now() AT TIME ZONE 'UTC')) AS usable, c.timezone AS "timeZone"
      FROM "ApiClient" a JOIN "Clinic" c ON c.id = a."clinicId"
     WHERE a."tokenId" = ${parsed.tokenId}`;
  if (!row || !apiTokenMatches(token, row.tokenHash)) throw new BearerTokenError("invalid_token");
  const actor: Actor = {
    userId: row.id,
    role: "API_CLIENT",
    clinicId: row.clinicId,
    name: row.name,
    timeZone: row.timeZone,
    patientId: null,
    secondFactor: "done",
    origin,
    apiClient: { id: row.id, name: row.name, scopes: row.scopes },
  };
  if (!row.usable) {
    await recordAuditEvent(db(), { actor, action: "api.token_refused", entityType: "ApiClient", entityId: row.id });
    throw new BearerTokenError("invalid_token");
  }
  await takeRateLimitToken(row.id);
  return actor;
}

type BucketRow = { rateTokens: number; rateLimitPerMinute: number };

/**
 * Takes one request from the client's token bucket, or throws ApiRateLimitError. The bucket is the
 * client's row: one UPDATE refills it for the time since the last request (rateLimitPerMinute per
 * minute, never above rateLimitPerMinute) and takes a token only when one is there. PostgreSQL's
 * row lock makes concurrent requests of any number of app processes take turns, on the database's
 * one clock. Also stamps lastUsedAt.
 */
export async function takeRateLimitToken(apiClientId: string): Promise<void> {
  const taken = await db().$queryRaw<{ id: string }[]>`
    UPDATE "ApiClient"
       SET "rateTokens" = ${REFILLED} - 1,
           "rateUpdatedAt" = GREATEST("rateUpdatedAt", now() AT TIME ZONE 'UTC'),
           "lastUsedAt" = now() AT TIME ZONE 'UTC'
     WHERE id = ${apiClientId} AND ${REFILLED} >= 1
     RETURNING id`;
  if (taken.length > 0) return;
  const [bucket] = await db().$queryRaw<BucketRow[]>`
    SELECT ${REFILLED} AS "rateTokens", "rateLimitPerMinute" FROM "ApiClient" WHERE id = ${apiClientId}`;
  const missing = bucket ? 1 - Number(bucket.rateTokens) : 1;
  const perSecond = bucket ? bucket.rateLimitPerMinute / 60 : 1;
  throw new ApiRateLimitError(Math.max(1, Math.ceil(missing / perSecond)));
}

// The bucket's tokens now: what was left plus the refill since, capped at the bucket's size.
const REFILLED = Prisma.raw(
  `LEAST("rateLimitPerMinute"::float8, "rateTokens" + GREATEST(0, EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - "rateUpdatedAt")))::float8 * "rateLimitPerMinute" / 60.0)`,
);
