import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { addDays, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { ZGuidelineOverrideReport, type TGuidelineOverrideReport } from "@/lib/validation/guidelines";
import { parseInput } from "@/lib/validation/parse";
import { sourceLabel } from "./rules";

export type GuidelineOverrideReason = { reason: string; clinicianName: string | null; at: string; sources: string[] };
export type GuidelineOverrideRow = { catalogItemId: string; treatment: string; count: number; reasons: GuidelineOverrideReason[] };
export type GuidelineOverrideReport = { from: string; to: string; rows: GuidelineOverrideRow[]; total: number };

/** The default range: the last 90 days, in the clinic's time zone. */
const DEFAULT_DAYS = 90;

/**
 * Per treatment, how often it was chosen against a current "do not offer" guideline statement in
 * the date range (the clinic's days, both ends included) and the reasons given, with the clinician
 * who gave each and the sources it went against. No patient is named. The reasons are clinical
 * free text from many patients' records, so reading them is audited (one event, no patient).
 */
export async function getGuidelineOverrideReport(actor: Actor, input: TGuidelineOverrideReport): Promise<GuidelineOverrideReport> {
  assertCan(actor, "guideline:report");
  const parsed = parseInput(ZGuidelineOverrideReport, input);
  const to = parsed.to ?? todayIn(actor.timeZone);
  const from = parsed.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  return db().$transaction(async (tx) => {
    const activities = await tx.planActivity.findMany({
      where: {
        clinicId: actor.clinicId,
        guidelineOverrideReason: { not: null },
        guidelineOverriddenAt: { gte: zonedToUtc(from, "00:00", actor.timeZone), lt: zonedToUtc(addDays(to, 1), "00:00", actor.timeZone) },
      },
      orderBy: [{ guidelineOverriddenAt: "desc" }, { id: "asc" }],
      select: { catalogItemId: true, guidelineOverrideReason: true, guidelineOverriddenAt: true, guidelineStatementIds: true, guidelineOverriddenBy: { select: { name: true } }, catalogItem: { select: { name: true } } },
    });
    const statementIds = [...new Set(activities.flatMap((a) => a.guidelineStatementIds))];
    const statements = await tx.guidelineStatement.findMany({ where: { clinicId: actor.clinicId, id: { in: statementIds } }, select: { id: true, publisher: true, guideline: true, year: true } });
    const labels = new Map(statements.map((s) => [s.id, sourceLabel(s)]));
    const rows = new Map<string, GuidelineOverrideRow>();
    for (const a of activities) {
      const row = rows.get(a.catalogItemId) ?? { catalogItemId: a.catalogItemId, treatment: a.catalogItem.name, count: 0, reasons: [] };
      row.count += 1;
      row.reasons.push({
        reason: a.guidelineOverrideReason!,
        clinicianName: a.guidelineOverriddenBy?.name ?? null,
        at: a.guidelineOverriddenAt!.toISOString(),
        sources: [...new Set(a.guidelineStatementIds.map((id) => labels.get(id)).filter((l): l is string => l !== undefined))],
      });
      rows.set(a.catalogItemId, row);
    }
    await recordAuditEvent(tx, { actor, action: "report.guideline_overrides.read", entityType: "Clinic", entityId: actor.clinicId, detail: { from, to, rows: activities.length } });
    const sorted = [...rows.values()].sort((x, y) => y.count - x.count || x.treatment.localeCompare(y.treatment));
    return { from, to, rows: sorted, total: activities.length };
  });
}
