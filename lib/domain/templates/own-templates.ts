import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Setting, TreatmentPhase } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { MAX_TEMPLATE_ITEMS, ZReviewProposal, ZSaveAsTemplate, type TReviewProposal, type TSaveAsTemplate } from "@/lib/validation/templates";
import { isUniqueViolation, staleVersion } from "../conflict";
import { checkDose } from "../plans/rules";
import { allowedSettings } from "./rules";

const INVALID = "Please correct the highlighted fields. Nothing was saved.";

export type LeftOutOfProtocol = { name: string; reason: string };

/**
 * Saves a care-team plan's activities (not removed; treatment still ACTIVE in the catalog and
 * allowing the activity's setting and dose) as a protocol: the clinician's own, visible to them
 * alone, or also proposed to the clinic's protocols for an admin to approve. Names are unique among
 * the clinician's own protocols only, so a clash never reveals another clinician's protocol.
 * Reading the plan is a read of the patient's record: one `template.save_from_plan` event.
 */
export async function saveAsTemplate(actor: Actor, input: TSaveAsTemplate): Promise<{ id: string; leftOut: LeftOutOfProtocol[] }> {
  assertCan(actor, "template:own");
  const scope = patientScope(actor, "plan:read");
  const data = parseInput(ZSaveAsTemplate, input);
  try {
    return await db().$transaction(async (tx) => {
      const plan = await tx.treatmentPlan.findFirst({
        where: { id: data.planId, clinicId: actor.clinicId, patient: scope },
        select: {
          id: true,
          patientId: true,
          condition: true,
          icd10Code: true,
          activities: { where: { status: { not: "STOPPED" } }, orderBy: { position: "asc" }, include: { catalogItem: { select: { status: true, setting: true, kind: true } } } },
        },
      });
      if (!plan) throw notFound("Plan");
      const leftOut: LeftOutOfProtocol[] = [];
      const items: { catalogItemId: string; setting: Setting; phase: TreatmentPhase; durationMin: number | null; sets: number | null; reps: number | null; holdSec: number | null; timesPerDay: number | null; daysPerWeek: number | null }[] = [];
      for (const a of plan.activities) {
        const dose = { durationMin: a.durationMin, sets: a.sets, reps: a.reps, holdSec: a.holdSec, timesPerDay: a.timesPerDay, daysPerWeek: a.daysPerWeek };
        if (a.catalogItem.status !== "ACTIVE") leftOut.push({ name: a.nameSnapshot, reason: a.catalogItem.status === "RETIRED" ? "retired in the catalog" : "no longer active in the catalog" });
        else if (!allowedSettings(a.catalogItem.setting).includes(a.setting)) leftOut.push({ name: a.nameSnapshot, reason: "the catalog no longer allows it where the plan had it" });
        else if (Object.keys(checkDose(a.setting, a.catalogItem.kind, dose)).length > 0) leftOut.push({ name: a.nameSnapshot, reason: "its dose no longer fits the catalog treatment" });
        else items.push({ catalogItemId: a.catalogItemId, setting: a.setting, phase: a.phase, ...dose });
      }
      if (items.length === 0) throw new AppError("VALIDATION", "This plan has no treatment that can go into a protocol: add treatments from the catalog first.");
      if (items.length > MAX_TEMPLATE_ITEMS) throw new AppError("VALIDATION", `A protocol holds at most ${MAX_TEMPLATE_ITEMS} treatments; this plan has ${items.length}.`);
      const proposing = data.visibility === "PROPOSE";
      const template = await tx.planTemplate.create({
        data: {
          clinicId: actor.clinicId,
          name: data.name,
          condition: plan.condition,
          icd10Code: plan.icd10Code,
          description: data.description,
          status: "ACTIVE",
          ownerId: actor.userId,
          nameScope: actor.userId,
          proposalStatus: proposing ? "PENDING" : null,
          proposedAt: proposing ? new Date() : null,
          items: { createMany: { data: items.map((item, position) => ({ ...item, clinicId: actor.clinicId, position })) } },
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, { actor, action: proposing ? "template.propose" : "template.save_from_plan", entityType: "PlanTemplate", entityId: template.id, patientId: plan.patientId });
      return { id: template.id, leftOut };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("VALIDATION", INVALID, { name: ["You already have a protocol with this name."] });
    throw error;
  }
}

export type TemplateProposal = {
  id: string;
  version: number;
  name: string;
  condition: string;
  icd10Code: string | null;
  description: string;
  ownerName: string;
  proposedAt: string;
  items: { id: string; name: string; setting: Setting; phase: TreatmentPhase; catalogActive: boolean }[];
};

/** The proposals awaiting an admin's answer, oldest first (a clinic has a handful). */
export async function listTemplateProposals(actor: Actor): Promise<TemplateProposal[]> {
  assertCan(actor, "template:manage");
  const rows = await db().planTemplate.findMany({
    where: { clinicId: actor.clinicId, proposalStatus: "PENDING" },
    orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      version: true,
      name: true,
      condition: true,
      icd10Code: true,
      description: true,
      proposedAt: true,
      createdAt: true,
      owner: { select: { name: true } },
      items: { orderBy: { position: "asc" }, select: { id: true, setting: true, phase: true, catalogItem: { select: { name: true, status: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    condition: r.condition,
    icd10Code: r.icd10Code,
    description: r.description,
    ownerName: r.owner?.name ?? "A former clinician",
    proposedAt: (r.proposedAt ?? r.createdAt).toISOString(),
    items: r.items.map((i) => ({ id: i.id, name: i.catalogItem.name, setting: i.setting, phase: i.phase, catalogActive: i.catalogItem.status === "ACTIVE" })),
  }));
}

/**
 * An admin approves a proposal (it becomes a clinic protocol, under its name or the one the admin
 * gives) or declines it with a reason (it stays its owner's own, who sees why). A protocol of the
 * clinic that is not awaiting an answer is VALIDATION; a private protocol never proposed, or one
 * of another clinic, NOT_FOUND; a stale version CONFLICT.
 */
export async function reviewTemplateProposal(actor: Actor, input: TReviewProposal): Promise<{ version: number }> {
  assertCan(actor, "template:manage");
  const data = parseInput(ZReviewProposal, input);
  const clinicId = actor.clinicId;
  try {
    return await db().$transaction(async (tx) => {
      const template = await tx.planTemplate.findFirst({
        where: { id: data.id, clinicId, OR: [{ ownerId: null }, { proposalStatus: { not: null } }] },
        select: { version: true, proposalStatus: true, name: true },
      });
      if (!template) throw notFound("Protocol");
      if (template.version !== data.version) throw staleVersion("protocol");
      if (template.proposalStatus !== "PENDING") throw new AppError("VALIDATION", "This protocol is not awaiting approval.");
      const reviewed = { reviewedById: actor.userId, reviewedAt: new Date(), version: { increment: 1 } };
      const { count } = await tx.planTemplate.updateMany({
        where: { id: data.id, clinicId, version: data.version, proposalStatus: "PENDING" },
        data:
          data.decision === "APPROVE"
            ? { ...reviewed, proposalStatus: "APPROVED", proposalNote: null, ownerId: null, nameScope: "", name: data.name ?? template.name }
            : { ...reviewed, proposalStatus: "DECLINED", proposalNote: data.reason },
      });
      if (count === 0) throw staleVersion("protocol");
      await recordAuditEvent(tx, { actor, action: data.decision === "APPROVE" ? "template.proposal.approve" : "template.proposal.decline", entityType: "PlanTemplate", entityId: data.id });
      return { version: data.version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("VALIDATION", INVALID, { name: ["The clinic already has a protocol with this name: approve it under another name."] });
    }
    throw error;
  }
}
