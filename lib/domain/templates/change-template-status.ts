import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZTemplateStatusChange, type TTemplateStatusChange } from "@/lib/validation/templates";
import { staleVersion } from "../conflict";
import { canChangeTemplateStatus } from "./rules";

/** Retires a template (clinicians stop seeing it; plans started from it are unaffected) or reinstates it. */
export async function changeTemplateStatus(actor: Actor, input: TTemplateStatusChange): Promise<{ version: number }> {
  assertCan(actor, "template:manage");
  const { id, version, status } = parseInput(ZTemplateStatusChange, input);
  return db().$transaction(async (tx) => {
    // A clinician's own protocol is not the admin's to retire (decision 039).
    const template = await tx.planTemplate.findFirst({ where: { id, clinicId: actor.clinicId, ownerId: null }, select: { status: true, version: true } });
    if (!template) throw notFound("Template");
    if (template.version !== version) throw staleVersion("template");
    if (!canChangeTemplateStatus(template.status, status)) {
      const [from, to] = [template.status.toLowerCase(), status.toLowerCase()];
      throw new AppError("VALIDATION", from === to ? `This template is already ${to}.` : `A ${from} template cannot become ${to}.`);
    }
    const { count } = await tx.planTemplate.updateMany({
      where: { id, clinicId: actor.clinicId, version },
      data: { status, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion("template");
    await recordAuditEvent(tx, { actor, action: status === "RETIRED" ? "template.retire" : "template.activate", entityType: "PlanTemplate", entityId: id });
    return { version: version + 1 };
  });
}
