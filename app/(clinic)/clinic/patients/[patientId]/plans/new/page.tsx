import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import type { Actor } from "@/lib/auth/actor";
import { getPatientDetails } from "@/lib/domain/patients/get-patient-details";
import { addDays, todayIn } from "@/lib/domain/schedule/dates";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { PlanForm, type ProtocolOption } from "./_components/plan-form";

export const metadata: Metadata = { title: "New plan" };

/** Every ACTIVE protocol for the select (the domain pages them; a clinic has a handful). */
async function allProtocols(actor: Actor): Promise<ProtocolOption[]> {
  const first = await listTemplates(actor);
  const rows = [...first.rows];
  for (let page = 2; rows.length < first.total && page <= 40; page++) rows.push(...(await listTemplates(actor, { page })).rows);
  return rows.map((t) => ({ id: t.id, name: t.name, condition: t.condition, icd10Code: t.icd10Code, bodyRegions: t.bodyRegions, tags: t.tags, mine: t.mine }));
}

export default async function NewPlanPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/patients/${patientId}/plans/new`);
  const patient = await loadForPage(() => getPatientDetails(actor, patientId));
  const protocols = await loadForPage(() => allProtocols(actor));
  const today = todayIn(actor.timeZone);
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={`/clinic/patients/${patient.id}`} className="text-sm text-brand-700 underline">← {patient.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">New plan for {patient.name}</h1>
      <p className="text-slate-600">The plan starts as a draft: the patient sees it once you activate it.</p>
      <p className="mb-6 mt-2 text-sm">
        <span className="font-medium">Contraindication flags:</span>{" "}
        {patient.flags.length === 0 ? (
          <span className="text-slate-600">none recorded</span>
        ) : (
          patient.flags.map((f) => (
            <span key={f} className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{label(f)}</span>
          ))
        )}
      </p>
      <PlanForm
        patient={{ id: patient.id, name: patient.name }}
        protocols={protocols}
        defaults={{ startDate: today, reviewDate: addDays(today, 42) }}
      />
    </div>
  );
}
