import "server-only";
import { fromPrisma } from "pg-boss";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { ZBulkExportParams } from "@/lib/validation/bulk-export";
import { apiClientIdOf, exportScope } from "./access";
import { bulkExportJobOptions } from "./limits";

/** Unfinished exports a clinic may have at once; one more is refused with 429 (the IG's answer to "too many"). */
export const MAX_ACTIVE_EXPORTS_PER_CLINIC = 2;

export type BulkKickOff = {
  query: Record<string, string>;
  requestUrl: string;
  /** The request's Prefer and Accept headers: the IG requires `respond-async` and FHIR JSON. */
  prefer: string | null;
  accept: string | null;
};

/**
 * Starts a FHIR bulk export of the actor's clinic (decision 050): checks `fhir:bulk-export`, then the
 * IG's headers (Prefer: respond-async, Accept: FHIR JSON) and parameters
 * (400 for an unknown type, a bad `_since` or format, or a parameter this server does not
 * support), records the export, audits the kick-off and queues the job, all in one transaction.
 * Returns the export's id for the status URL.
 */
export async function kickOffBulkExport(actor: Actor, input: BulkKickOff): Promise<{ id: string }> {
  const scope = exportScope(actor);
  // Who may comes first; then how: a client that forgets Prefer would wait for an answer that never comes.
  if (!/\brespond-async\b/i.test(input.prefer ?? "")) throw new AppError("BAD_REQUEST", "Send the header Prefer: respond-async: the export runs in the background.");
  const accept = (input.accept ?? "").toLowerCase();
  if (accept && !/application\/fhir\+json|application\/json|\*\/\*/.test(accept)) throw new AppError("BAD_REQUEST", "Accept must be application/fhir+json.");
  const parsed = ZBulkExportParams.safeParse(input.query);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((issue) => issue.message).join(" "));
  const { _type: types, _since: since, _outputFormat: outputFormat } = parsed.data;
  const clientId = apiClientIdOf(actor);

  return db().$transaction(async (tx) => {
    // Serialises kick-offs of one clinic, so two at once cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`bulk-export:${actor.clinicId}`}))`;
    const active = await tx.bulkExport.count({ where: { AND: [{ clinicId: scope.clinicId as string }, { status: { in: ["QUEUED", "RUNNING"] } }] } });
    if (active >= MAX_ACTIVE_EXPORTS_PER_CLINIC) {
      throw new AppError("RATE_LIMITED", `This clinic already has ${active} exports running; wait for one to finish or delete it.`);
    }
    const row = await tx.bulkExport.create({
      data: {
        clinicId: actor.clinicId,
        requestedById: clientId ? null : actor.userId,
        requestedByClientId: clientId,
        requestUrl: input.requestUrl.slice(0, 2000),
        types,
        since,
        outputFormat,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "bulk_export.start",
      entityType: "BulkExport",
      entityId: row.id,
      detail: { types: types.join(","), since: since?.toISOString() ?? null, apiClientId: clientId },
    });
    const boss = await getBoss();
    await boss.send(QUEUES.bulkExport, { exportId: row.id }, { ...bulkExportJobOptions(), singletonKey: row.id, db: fromPrisma(tx) });
    return row;
  });
}
