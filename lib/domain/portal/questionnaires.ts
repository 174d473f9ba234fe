import "server-only";
// The questionnaires a patient's active plan asks for now (issue 16): which are open (through
// asked-measures' openAsks, which the measure-schedule side owns) and, for one of them, the
// clinic's current definition to answer it by. PSFS re-rates the activities named last time.
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { psfsActivitiesFromStored } from "@/lib/clinical/instruments/stored-answers";
import { notFound } from "@/lib/errors";
import { ZQuestionnaireCode } from "@/lib/validation/instruments";
import { currentDefinition, instrumentLabels } from "../instruments/definitions";
import { openAsks } from "./asked-measures";
import { ownPatient } from "./own-patient";

export type QuestionnaireCode = "ODI" | "RMDQ" | "PSFS";
export type QuestionnaireAsk = { code: QuestionnaireCode; planId: string; askedAt: string; clinicianName: string; label: string };

const isQuestionnaire = (code: string): code is QuestionnaireCode => code === "ODI" || code === "RMDQ" || code === "PSFS";

/** The questionnaires open on the patient's active plans now, oldest ask first. Audited as a read of the patient's record. */
export async function listMyQuestionnaires(actor: Actor): Promise<QuestionnaireAsk[]> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plans = await tx.treatmentPlan.findMany({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      orderBy: { startDate: "desc" },
      select: { id: true, clinician: { select: { name: true } } },
    });
    const labels = await instrumentLabels(tx, actor.clinicId);
    const now = new Date();
    const asks: QuestionnaireAsk[] = [];
    for (const plan of plans) {
      for (const ask of await openAsks(tx, plan.id, now)) {
        if (isQuestionnaire(ask.instrument)) asks.push({ code: ask.instrument, planId: plan.id, askedAt: ask.askedAt.toISOString(), clinicianName: plan.clinician.name, label: labels[ask.instrument] });
      }
    }
    await recordAuditEvent(tx, { actor, action: "portal.questionnaire.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return asks.sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  });
}

export type MyQuestionnaire = { ask: QuestionnaireAsk | null; definition: InstrumentDefinition; previousActivities: string[] };

/** One questionnaire by its lowercase code (odi, rmdq, psfs): the open ask if any, the clinic's definition, and the PSFS activities named last time. 404 for any other code. */
export async function getMyQuestionnaire(actor: Actor, code: string): Promise<MyQuestionnaire> {
  const parsed = ZQuestionnaireCode.safeParse(code);
  if (!parsed.success) throw notFound("Questionnaire");
  const instrument = parsed.data.toUpperCase() as QuestionnaireCode;
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plans = await tx.treatmentPlan.findMany({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      orderBy: { startDate: "desc" },
      select: { id: true, clinician: { select: { name: true } } },
    });
    const { definition } = await currentDefinition(tx, actor.clinicId, instrument);
    const now = new Date();
    let ask: QuestionnaireAsk | null = null;
    for (const plan of plans) {
      const open = (await openAsks(tx, plan.id, now)).find((a) => a.instrument === instrument);
      if (open && (!ask || open.askedAt.toISOString() < ask.askedAt)) ask = { code: instrument, planId: plan.id, askedAt: open.askedAt.toISOString(), clinicianName: plan.clinician.name, label: definition.label };
    }
    let previousActivities: string[] = [];
    if (instrument === "PSFS") {
      const last = await tx.outcomeResponse.findFirst({ where: { clinicId: actor.clinicId, patientId: patient.id, instrument: "PSFS" }, orderBy: { recordedAt: "desc" }, select: { answers: true } });
      previousActivities = last ? psfsActivitiesFromStored(last.answers) : [];
    }
    await recordAuditEvent(tx, { actor, action: "portal.questionnaire.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return { ask, definition, previousActivities };
  });
}
