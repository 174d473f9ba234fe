import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { GuidelineStatement } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { fromIsoDate } from "@/lib/domain/schedule/dates";
import {
  ZGuidelineStatementCreate,
  ZGuidelineStatementRetire,
  ZGuidelineStatementUpdate,
  type TGuidelineStatementCreate,
  type TGuidelineStatementRetire,
  type TGuidelineStatementUpdate,
} from "@/lib/validation/guidelines";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { revisionFields } from "./dto";

type Fields = ReturnType<typeof ZGuidelineStatementCreate.parse>;

function columns(data: Fields) {
  return {
    condition: data.condition,
    population: data.population,
    guideline: data.guideline,
    publisher: data.publisher,
    year: data.year!,
    recommendation: data.recommendation,
    url: data.url,
    stance: data.stance,
    stanceCondition: data.stanceCondition,
    requiresExercise: data.requiresExercise,
    quote: data.quote,
    supersededBy: data.supersededBy,
    supersededYear: data.supersededYear,
    lastCheckedOn: fromIsoDate(data.lastCheckedOn),
    note: data.note ?? "",
  };
}

/** Keeps the statement as saved at this version, with who saved it and how. */
async function keepRevision(tx: Tx, actor: Actor, statement: GuidelineStatement, change: "create" | "update" | "retire" | "restore"): Promise<string> {
  const { id } = await tx.guidelineStatementRevision.create({
    data: { clinicId: actor.clinicId, statementId: statement.id, version: statement.version, change, fields: revisionFields(statement), changedById: actor.userId },
    select: { id: true },
  });
  return id;
}

async function assertCatalogItem(tx: Tx, actor: Actor, catalogItemId: string) {
  const item = await tx.catalogItem.findFirst({ where: { id: catalogItemId, clinicId: actor.clinicId }, select: { id: true } });
  if (!item) throw notFound("Catalog item");
}

/** Adds a statement to one of the clinic's treatments (version 1, kept as the first revision). */
export async function createGuidelineStatement(actor: Actor, input: TGuidelineStatementCreate): Promise<{ id: string; version: number; revisionId: string }> {
  assertCan(actor, "catalog:manage");
  const data = parseInput(ZGuidelineStatementCreate, input);
  return db().$transaction(async (tx) => {
    await assertCatalogItem(tx, actor, data.catalogItemId);
    const statement = await tx.guidelineStatement.create({ data: { clinicId: actor.clinicId, catalogItemId: data.catalogItemId, ...columns(data) } });
    const revisionId = await keepRevision(tx, actor, statement, "create");
    await recordAuditEvent(tx, { actor, action: "catalog.guideline.create", entityType: "GuidelineStatement", entityId: statement.id });
    return { id: statement.id, version: statement.version, revisionId };
  });
}

/**
 * Saves an edit made from `version` and keeps the new state as a revision; a stale version
 * changes nothing (CONFLICT). A statement stays on its treatment.
 */
export async function updateGuidelineStatement(actor: Actor, input: TGuidelineStatementUpdate): Promise<{ id: string; version: number }> {
  assertCan(actor, "catalog:manage");
  const { id, version, ...data } = parseInput(ZGuidelineStatementUpdate, input);
  return db().$transaction(async (tx) => {
    const current = await tx.guidelineStatement.findFirst({ where: { id, clinicId: actor.clinicId }, select: { catalogItemId: true, retiredAt: true } });
    if (!current) throw notFound("Guideline statement");
    if (current.catalogItemId !== data.catalogItemId) throw new AppError("VALIDATION", "A statement stays on its treatment: add a new one to the other treatment instead.", { catalogItemId: ["A statement stays on its treatment"] });
    if (current.retiredAt) throw new AppError("VALIDATION", "A retired statement cannot be edited: restore it first.");
    const { count } = await tx.guidelineStatement.updateMany({ where: { id, clinicId: actor.clinicId, version }, data: { ...columns(data), version: { increment: 1 } } });
    if (count === 0) throw staleVersion("guideline statement");
    const saved = await tx.guidelineStatement.findFirstOrThrow({ where: { id, clinicId: actor.clinicId } });
    await keepRevision(tx, actor, saved, "update");
    await recordAuditEvent(tx, { actor, action: "catalog.guideline.update", entityType: "GuidelineStatement", entityId: id });
    return { id, version: saved.version };
  });
}

/**
 * Retires a statement (no longer shown or enforced) or restores it. Never deleted: plans that were
 * overridden against it keep pointing at it, and its history stays readable.
 */
export async function setGuidelineStatementRetired(actor: Actor, input: TGuidelineStatementRetire): Promise<{ version: number }> {
  assertCan(actor, "catalog:manage");
  const { id, version, retired } = parseInput(ZGuidelineStatementRetire, input);
  return db().$transaction(async (tx) => {
    const current = await tx.guidelineStatement.findFirst({ where: { id, clinicId: actor.clinicId }, select: { retiredAt: true } });
    if (!current) throw notFound("Guideline statement");
    if ((current.retiredAt !== null) === retired) throw new AppError("VALIDATION", retired ? "This statement is already retired." : "This statement is not retired.");
    const { count } = await tx.guidelineStatement.updateMany({ where: { id, clinicId: actor.clinicId, version }, data: { retiredAt: retired ? new Date() : null, version: { increment: 1 } } });
    if (count === 0) throw staleVersion("guideline statement");
    const saved = await tx.guidelineStatement.findFirstOrThrow({ where: { id, clinicId: actor.clinicId } });
    await keepRevision(tx, actor, saved, retired ? "retire" : "restore");
    await recordAuditEvent(tx, { actor, action: retired ? "catalog.guideline.retire" : "catalog.guideline.restore", entityType: "GuidelineStatement", entityId: id });
    return { version: saved.version };
  });
}
