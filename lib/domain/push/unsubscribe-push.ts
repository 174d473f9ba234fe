import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZPushUnsubscribe } from "@/lib/validation/push";

/**
 * The patient turns off push notifications on this device: the subscription with this endpoint
 * is deleted, if it is the patient's own. Another account's endpoint, or one never subscribed,
 * answers 404 (existence is never revealed); a malformed body 400. Nothing else changes.
 */
export async function unsubscribePush(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, "push:subscribe");
  const parsed = ZPushUnsubscribe.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Send the subscription's endpoint as { endpoint }. Nothing was changed.", fieldErrorsOf(parsed.error));
  return db().$transaction(async (tx) => {
    const row = await tx.pushSubscription.findFirst({
      where: { endpoint: parsed.data.endpoint, userId: actor.userId, clinicId: actor.clinicId },
      select: { id: true },
    });
    if (!row) throw notFound("Push subscription");
    await tx.pushSubscription.delete({ where: { id: row.id } });
    await recordAuditEvent(tx, { actor, action: "push.unsubscribe", entityType: "PushSubscription", entityId: row.id, patientId: actor.patientId });
    return { id: row.id };
  });
}
