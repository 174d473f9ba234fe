import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { previewPlanCopy } from "@/lib/domain/plans/copy-plan";
import { todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { searchText } from "@/lib/validation/fields";
import { CopyPlanForm } from "./_components/copy-plan-form";

export const metadata: Metadata = { title: "Copy plan" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * Copies a plan into a new draft (decision 039): choose the patient (the plan's own by default, or
 * another care-team patient found by name or date of birth), see each treatment checked against
 * that patient's contraindications, decide the conflicting ones, create.
 */
export default async function CopyPlanPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { planId } = await params;
  const query = await searchParams;
  const actor = await requirePageActor("CLINICIAN", `/clinic/plans/${planId}/copy`);
  const q = searchText().optional().catch(undefined).parse(one(query.q));
  const chosen = one(query.patientId) ?? null;
  const preview = await loadForPage(() => previewPlanCopy(actor, { planId, patientId: chosen }));
  const { rows } = q ? await loadForPage(() => listCareTeamPatients(actor, { q })) : { rows: [] };
  const here = (patientId: string) => `/clinic/plans/${planId}/copy?${new URLSearchParams({ ...(q ? { q } : {}), patientId }).toString()}`;
  const samePatient = preview.target.id === preview.source.patientId;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/clinic/plans/${planId}`} className="text-sm text-brand-700 underline">
        ← {preview.source.title}
      </Link>
      <h1 className="text-2xl font-semibold break-words">Copy plan: {preview.source.title}</h1>
      <p className="text-slate-600">
        The copy is a new draft with this plan&apos;s details, treatments and doses; sessions, notes, home logs and outcomes stay with the original.
      </p>

      <section aria-labelledby="copy-for" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="copy-for" className="text-lg font-semibold">Copy for</h2>
        <p>
          <span className="font-medium">{preview.target.name}</span>
          {samePatient ? " (the same patient)" : ` (another patient; the original is ${preview.source.patientName}'s)`}
        </p>
        <ul className="flex flex-wrap gap-3 text-sm">
          {!samePatient && (
            <li>
              <Link href={here(preview.source.patientId)} className="inline-flex min-h-11 items-center text-brand-700 underline">
                Copy for {preview.source.patientName} instead (the same patient)
              </Link>
            </li>
          )}
        </ul>
        <form method="get" role="search" aria-label="Find another patient" className="flex flex-wrap items-end gap-2">
          <div className="grow">
            <label htmlFor="copy-q" className="block text-sm font-medium">Another patient of your care team</label>
            <p id="copy-q-hint" className="text-xs text-slate-600">Name or date of birth</p>
            <input id="copy-q" name="q" type="search" defaultValue={q ?? ""} aria-describedby="copy-q-hint" className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3" />
          </div>
          {chosen && <input type="hidden" name="patientId" value={chosen} />}
          <button type="submit" className="min-h-11 rounded-md border border-slate-300 px-4 font-medium">Find</button>
        </form>
        {q && (
          <div aria-live="polite">
            {rows.length === 0 ? (
              <p className="text-sm text-slate-600">No patient of your care team matches “{q}”.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label="Matching patients">
                {rows.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                    <span>
                      {p.name} <span className="text-sm text-slate-600">· born {p.dateOfBirth}</span>
                      {p.flags.length > 0 && <span className="ml-2 text-xs text-amber-900">Flags: {p.flags.map(label).join(", ")}</span>}
                    </span>
                    {p.id === preview.target.id ? (
                      <span aria-current="true" className="text-sm font-medium">Chosen</span>
                    ) : (
                      <Link href={here(p.id)} className="inline-flex min-h-11 items-center text-brand-700 underline">
                        Copy for {p.name}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <CopyPlanForm
        key={preview.target.id}
        planId={planId}
        target={{ id: preview.target.id, name: preview.target.name, flags: preview.target.flags }}
        items={preview.items}
        leftOut={preview.leftOut}
        defaultStartDate={todayIn(actor.timeZone)}
      />
    </div>
  );
}
