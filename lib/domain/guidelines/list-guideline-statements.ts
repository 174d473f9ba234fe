import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { ZGuidelineStances } from "@/lib/validation/guidelines";
import { parseInput } from "@/lib/validation/parse";
import { toGuidelineStatementDto, type GuidelineStatementDto } from "./dto";
import { matchConditions, orderStatements } from "./rules";

export type GuidelineRevisionDto = { version: number; change: string; changedAt: string; changedBy: string | null; fields: GuidelineStatementDto };

/**
 * A treatment's statements, current first; admins also see retired ones and every statement's
 * revisions. Nothing of a patient: not audited, like the catalog.
 */
export async function listGuidelineStatements(actor: Actor, catalogItemId: string): Promise<{ statements: GuidelineStatementDto[]; history: Record<string, GuidelineRevisionDto[]> }> {
  assertCan(actor, "catalog:read");
  const manage = can(actor.role, "catalog:manage") !== null;
  const item = await db().catalogItem.findFirst({ where: { id: catalogItemId, clinicId: actor.clinicId, ...(manage ? {} : { status: "ACTIVE" as const }) }, select: { id: true } });
  if (!item) throw notFound("Catalog item");
  const rows = await db().guidelineStatement.findMany({
    where: { clinicId: actor.clinicId, catalogItemId, ...(manage ? {} : { retiredAt: null }) },
    orderBy: [{ condition: "asc" }, { year: "desc" }, { createdAt: "asc" }],
  });
  const statements = rows.map(toGuidelineStatementDto);
  const current = orderStatements(statements.filter((s) => !s.retired));
  const history: Record<string, GuidelineRevisionDto[]> = {};
  // Revisions are an admin's view: clinicians see the statements in force only.
  if (manage && rows.length > 0) {
    const revisions = await db().guidelineStatementRevision.findMany({
      where: { clinicId: actor.clinicId, statementId: { in: rows.map((r) => r.id) } },
      orderBy: { version: "desc" },
      include: { changedBy: { select: { name: true } } },
    });
    for (const r of revisions) {
      (history[r.statementId] ??= []).push({ version: r.version, change: r.change, changedAt: r.changedAt.toISOString(), changedBy: r.changedBy?.name ?? null, fields: r.fields as GuidelineStatementDto });
    }
  }
  return { statements: [...current, ...statements.filter((s) => s.retired)], history };
}

/** The clinic's live statements for the conditions, for the given treatments (all when omitted). */
export async function loadStatementsFor(tx: Tx, clinicId: string, conditions: readonly string[], catalogItemIds?: readonly string[]): Promise<GuidelineStatementDto[]> {
  if (conditions.length === 0) return [];
  const rows = await tx.guidelineStatement.findMany({
    where: { clinicId, condition: { in: [...conditions] }, retiredAt: null, ...(catalogItemIds ? { catalogItemId: { in: [...catalogItemIds] } } : {}) },
    orderBy: [{ year: "desc" }, { createdAt: "asc" }],
  });
  return rows.map(toGuidelineStatementDto);
}

/**
 * What the guidelines say, per treatment, for a plan's or protocol's condition: the conditions it
 * matched and each treatment's statements in display order. A condition that matches nothing gives
 * no stances. The condition is text the caller already shows; nothing of a patient is read.
 */
export async function listGuidelineStancesForCondition(actor: Actor, input: { condition: string; icd10Code?: string | null }): Promise<{ conditions: string[]; byItem: Record<string, GuidelineStatementDto[]> }> {
  assertCan(actor, "catalog:read");
  const { condition, icd10Code } = parseInput(ZGuidelineStances, input);
  const conditions = matchConditions({ condition, icd10Code });
  const statements = await loadStatementsFor(db(), actor.clinicId, conditions);
  const byItem: Record<string, GuidelineStatementDto[]> = {};
  for (const s of statements) (byItem[s.catalogItemId] ??= []).push(s);
  for (const key of Object.keys(byItem)) byItem[key] = orderStatements(byItem[key]!);
  return { conditions, byItem };
}
