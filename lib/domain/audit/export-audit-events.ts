import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditActionName } from "@/lib/audit/action-names";
import { csvLine } from "@/lib/audit/csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { todayIn } from "@/lib/domain/schedule/dates";
import { dateTimeFormat } from "@/lib/intl/date-time-format";
import { ZAuditExportFilters, type TAuditExportFilters } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse";
import { auditWhere, describeAuditEvents } from "./list-audit-events";

/** Rows read, described and sent per step: memory stays one page, whatever the log's size. */
export const AUDIT_EXPORT_PAGE_SIZE = 500;

export const AUDIT_EXPORT_COLUMNS = ["When (clinic time)", "When (UTC)", "Who", "Role", "Event type", "What happened", "Patient", "Override reason", "Origin", "Record type", "Record id", "Action code"];

export type AuditExport = { filename: string; rows: number; body: ReadableStream<Uint8Array> };

/**
 * The events the audit page's filters select, as CSV, newest first, streamed a page at a time.
 * Admins only (`audit:export`), the actor's clinic only. The export is itself audited before the
 * first byte leaves, with its filters and its row count: the events are those recorded before the
 * export began (the log is append-only, so that count is exactly what the file holds, and the
 * export's own event is not in it). Pages follow a keyset cursor (at, id), not OFFSET.
 */
export async function exportAuditEvents(actor: Actor, input: TAuditExportFilters, options: { pageSize?: number } = {}): Promise<AuditExport> {
  assertCan(actor, "audit:export");
  const filters = parseInput(ZAuditExportFilters, input);
  const pageSize = options.pageSize ?? AUDIT_EXPORT_PAGE_SIZE;
  const startedAt = new Date();
  const where: Prisma.AuditEventWhereInput = { AND: [auditWhere(actor, filters), { at: { lt: startedAt } }] };
  const rows = await db().$transaction(async (tx) => {
    const count = await tx.auditEvent.count({ where });
    await recordAuditEvent(tx, {
      actor,
      action: "audit.export",
      entityType: "AuditEvent",
      detail: { rows: count, actorId: filters.actorId ?? null, patientId: filters.patientId ?? null, action: filters.action ?? null, from: filters.from ?? null, to: filters.to ?? null },
    });
    return count;
  });

  const local = dateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: actor.timeZone });
  const encoder = new TextEncoder();
  let cursor: { at: Date; id: string } | null = null;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark: Excel then reads the file as UTF-8 (names with accents, “quotes”).
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(AUDIT_EXPORT_COLUMNS)}`));
    },
    async pull(controller) {
      if (done) return;
      const after: Prisma.AuditEventWhereInput = cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {};
      const events = await db().auditEvent.findMany({
        where: { AND: [where, after] },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: pageSize,
        include: { actor: { select: { name: true } } },
      });
      const described = await describeAuditEvents(actor, events);
      const lines = described.map((e, i) =>
        csvLine([
          local.format(events[i]!.at),
          e.at,
          e.actorName ?? "",
          e.actorRole ?? "",
          auditActionName(e.action),
          e.sentence,
          e.patientName ?? "",
          e.overrideReason ?? "",
          e.origin ?? "",
          e.entityType,
          e.entityId ?? "",
          e.action,
        ]),
      );
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
      const last = events.at(-1);
      if (!last || events.length < pageSize) {
        done = true;
        controller.close();
      } else {
        cursor = { at: last.at, id: last.id };
      }
    },
  });
  const stamp = todayIn(actor.timeZone);
  return { filename: `audit-log-${stamp}.csv`, rows, body };
}
