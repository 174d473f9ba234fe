import "server-only";
// API clients (issue 17, ADR 047): another system's access to the clinic's data with a bearer
// token. Admins create them (the token is returned once, here, and only its SHA-256 is kept),
// see their recent use from the audit log, and revoke them. Clinic data only: no patient's record
// is read here (the usage list names patients the way the audit log does, for admins).
import { assertCan, type Actor } from "@/lib/auth/actor";
import { newApiToken } from "@/lib/auth/api-token";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { ApiScope } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { ZCreateApiClient, ZRevokeApiClient, type TCreateApiClient, type TRevokeApiClient } from "@/lib/validation/api-clients";
import { ZId } from "@/lib/validation/common";
import { parseInput } from "@/lib/validation/parse";
import { describeAuditEvents, type AuditEventRow } from "../audit/list-audit-events";
import { isUniqueViolation, staleVersion } from "../conflict";

export type ApiClientStatus = "active" | "expired" | "revoked";

export type ApiClientDto = {
  id: string;
  name: string;
  description: string;
  scopes: ApiScope[];
  /** The token's non-secret id, so an admin can tell which client a token belongs to (rvp_<id>_…). */
  tokenId: string;
  status: ApiClientStatus;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  lastUsedAt: string | null;
  rateLimitPerMinute: number;
  version: number;
};

export type ApiClientDetails = ApiClientDto & { usage: AuditEventRow[] };

/** Recent events shown on a client's page. */
export const API_CLIENT_USAGE_LIMIT = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

const SELECT = {
  id: true,
  name: true,
  description: true,
  scopes: true,
  tokenId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  rateLimitPerMinute: true,
  version: true,
  createdBy: { select: { name: true } },
  revokedBy: { select: { name: true } },
} as const;

type Row = {
  id: string;
  name: string;
  description: string;
  scopes: ApiScope[];
  tokenId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rateLimitPerMinute: number;
  version: number;
  createdBy: { name: string };
  revokedBy: { name: string } | null;
};

function dto(row: Row, now = new Date()): ApiClientDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    scopes: row.scopes,
    tokenId: row.tokenId,
    status: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy.name,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByName: row.revokedBy?.name ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    rateLimitPerMinute: row.rateLimitPerMinute,
    version: row.version,
  };
}

/** The clinic's API clients, newest first (revoked and expired ones too: they stay on record). */
export async function listApiClients(actor: Actor): Promise<ApiClientDto[]> {
  assertCan(actor, "apiclient:manage");
  const rows = await db().apiClient.findMany({ where: { clinicId: actor.clinicId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: SELECT });
  const now = new Date();
  return rows.map((r) => dto(r, now));
}

/** One client with its most recent API_CLIENT_USAGE_LIMIT audit events; another clinic's is NOT_FOUND. */
export async function getApiClient(actor: Actor, id: string): Promise<ApiClientDetails> {
  assertCan(actor, "apiclient:manage");
  const parsed = ZId.safeParse(id);
  if (!parsed.success) throw notFound("API client");
  const row = await db().apiClient.findFirst({ where: { id: parsed.data, clinicId: actor.clinicId }, select: SELECT });
  if (!row) throw notFound("API client");
  const events = await db().auditEvent.findMany({
    where: { clinicId: actor.clinicId, apiClientId: row.id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: API_CLIENT_USAGE_LIMIT,
    include: { actor: { select: { name: true } } },
  });
  return { ...dto(row), usage: await describeAuditEvents(actor, events) };
}

/**
 * Creates a client and its token. The token is in the answer and nowhere else: only its SHA-256
 * is stored, so it can never be shown again (a lost token means a new client).
 */
export async function createApiClient(actor: Actor, input: TCreateApiClient): Promise<{ client: ApiClientDto; token: string }> {
  assertCan(actor, "apiclient:manage");
  const data = parseInput(ZCreateApiClient, input);
  const { token, tokenId, tokenHash } = newApiToken();
  const now = new Date();
  try {
    const client = await db().$transaction(async (tx) => {
      const created = await tx.apiClient.create({
        data: {
          clinicId: actor.clinicId,
          name: data.name,
          description: data.description ?? "",
          scopes: data.scopes,
          tokenId,
          tokenHash,
          createdById: actor.userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + data.expiresInDays * DAY_MS),
          rateLimitPerMinute: data.rateLimitPerMinute,
          rateTokens: data.rateLimitPerMinute,
        },
        select: SELECT,
      });
      await recordAuditEvent(tx, {
        actor,
        action: "apiclient.create",
        entityType: "ApiClient",
        entityId: created.id,
        detail: { scopes: data.scopes.join(" "), expiresInDays: data.expiresInDays, rateLimitPerMinute: data.rateLimitPerMinute },
      });
      return created;
    });
    return { client: dto(client, now), token };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("VALIDATION", "An API client with this name already exists.", { name: [`“${data.name}” is already an API client's name.`] });
    }
    throw error;
  }
}

/** Revokes a client: its token is refused from the next request on. A stale version changes nothing. */
export async function revokeApiClient(actor: Actor, input: TRevokeApiClient): Promise<ApiClientDto> {
  assertCan(actor, "apiclient:manage");
  const data = parseInput(ZRevokeApiClient, input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.apiClient.updateMany({
      where: { id: data.id, clinicId: actor.clinicId, version: data.version, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0) {
      const existing = await tx.apiClient.findFirst({ where: { id: data.id, clinicId: actor.clinicId }, select: { revokedAt: true } });
      if (!existing) throw notFound("API client");
      if (existing.revokedAt) throw new AppError("CONFLICT", "This API client has already been revoked.");
      throw staleVersion("API client");
    }
    await recordAuditEvent(tx, { actor, action: "apiclient.revoke", entityType: "ApiClient", entityId: data.id });
    return dto(await tx.apiClient.findUniqueOrThrow({ where: { id: data.id }, select: SELECT }));
  });
}
