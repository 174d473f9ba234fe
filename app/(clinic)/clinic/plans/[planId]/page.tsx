import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, label } from "@/app/_components/format";
import type { PlanStatus } from "@/lib/enums";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { ProgressView } from "@/app/_components/progress/progress-view";
import { listPlanHistory } from "@/lib/domain/plans/list-plan-history";
import { listGuidelineStancesForCondition } from "@/lib/domain/guidelines/list-guideline-statements";
import { exerciseFlags } from "@/lib/domain/guidelines/rules";
import { listPlanMedia } from "@/lib/domain/media/manage-media";
import { listPlanMeasures } from "@/lib/domain/measures/list-plan-measures";
import { describeStatus, isEditable } from "@/lib/domain/plans/rules";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { AddActivityPanel } from "./_components/add-activity-panel";
import { MeasuresPanel } from "./_components/measures-panel";
import { PlanActivities } from "./_components/plan-activities";
import { PlanEditingProvider } from "./_components/plan-context";
import { PlanDetailsEditor } from "./_components/plan-details-form";
import { PlanHistory } from "./_components/plan-history";
import { PlanStatusControl } from "./_components/status-control";

export const metadata: Metadata = { title: "Treatment plan" };

const STATUS_TONE: Record<PlanStatus, string> = {
  DRAFT: "bg-slate-200 text-slate-800",
  ACTIVE: "bg-emerald-100 text-emerald-900",
  ON_HOLD: "bg-amber-100 text-amber-900",
  COMPLETED: "bg-sky-100 text-sky-900",
  CANCELLED: "bg-slate-200 text-slate-700",
  ENTERED_IN_ERROR: "bg-red-100 text-red-900",
};

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function PlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/plans/${planId}`);
  const [plan, history, media, measures] = await loadForPage(() =>
    Promise.all([getPlan(actor, planId), listPlanHistory(actor, planId), listPlanMedia(actor, planId), listPlanMeasures(actor, planId)]),
  );
  // Progress belongs to the plan in force: shown on an active or on-hold plan.
  const progress = plan.status === "ACTIVE" || plan.status === "ON_HOLD" ? await loadForPage(() => getProgress(actor, plan.patientId)) : null;
  const editable = isEditable(plan.status);
  // What the guidelines say for this plan's condition (decision 044), beside each treatment.
  const guidance = await loadForPage(() => listGuidelineStancesForCondition(actor, { condition: plan.condition, icd10Code: plan.icd10Code }));
  const flags = Object.fromEntries(
    exerciseFlags({
      activities: plan.activities.map((a) => ({ catalogItemId: a.catalogItemId, name: a.name, kind: a.kind, status: a.status })),
      statements: Object.values(guidance.byItem).flat(),
      conditions: guidance.conditions,
    }).map((f) => [f.catalogItemId, f.message]),
  );
  const lastPhase = plan.activities.filter((a) => a.status !== "STOPPED").at(-1)?.phase ?? "PAIN_RELIEF";

  return (
    <PlanEditingProvider planId={plan.id} version={plan.version}>
      <div className="mx-auto max-w-4xl space-y-4">
        <Link href={`/clinic/patients/${plan.patientId}`} className="text-sm text-brand-700 underline">
          ← Patient overview
        </Link>
        <header>
          <h1 className="text-2xl font-semibold break-words">{plan.title}</h1>
          <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
            <p className="flex flex-wrap items-center gap-x-3 text-sm">
              <span className={`rounded px-2 py-0.5 font-medium ${STATUS_TONE[plan.status]}`}>Status: {label(plan.status)}</span>
              <Link href={`/clinic/plans/${plan.id}/print`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                Printable plan for the patient
              </Link>
              <a href={`/api/v1/plans/${plan.id}/handout`} download className="inline-flex min-h-11 items-center text-brand-700 underline">
                Download handout (PDF)
              </a>
              <Link href={`/clinic/plans/${plan.id}/copy`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                Copy plan
              </Link>
              <Link href={`/clinic/plans/${plan.id}/save-as-template`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                Save as protocol
              </Link>
              {isEditable(plan.status) && (
                <Link href={`/clinic/sessions/new?planId=${plan.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  Schedule a session
                </Link>
              )}
            </p>
            <PlanStatusControl status={plan.status} title={plan.title} />
          </div>
        </header>

        <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
          <Fact term="Patient">
            <Link href={`/clinic/patients/${plan.patientId}`} className="text-brand-700 underline">
              {plan.patientName}
            </Link>
          </Fact>
          <Fact term="Condition">
            {plan.condition}
            {plan.icd10Code && (
              <>
                {" "}· ICD-10 <span className="font-mono">{plan.icd10Code}</span>
              </>
            )}
          </Fact>
          <Fact term="Responsible clinician">{plan.clinicianName}</Fact>
          <Fact term="Start date">{formatDate(plan.startDate)}</Fact>
          <Fact term="Review date">{plan.reviewDate ? formatDate(plan.reviewDate) : "Not set"}</Fact>
          <Fact term="Planned in-clinic sessions">{plan.plannedSessions}</Fact>
          <div className="sm:col-span-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Goals</dt>
            <dd className="whitespace-pre-line">{plan.goals}</dd>
          </div>
        </dl>

        {editable ? (
          <PlanDetailsEditor
            plan={{
              title: plan.title,
              condition: plan.condition,
              icd10Code: plan.icd10Code,
              goals: plan.goals,
              startDate: plan.startDate,
              reviewDate: plan.reviewDate,
              plannedSessions: plan.plannedSessions,
              version: plan.version,
            }}
          />
        ) : (
          <p className="rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
            This plan is {describeStatus(plan.status)} and can no longer be changed.
          </p>
        )}

        <Section id="plan-activities" title="Activities">
          {guidance.conditions.length > 0 && (
            <p className="mb-3 text-sm text-slate-700">
              Guideline statements shown for: {guidance.conditions.join(", ")} (matched from the plan&apos;s condition). Open a source for its quote, recommendation number and when it was last checked.
            </p>
          )}
          <PlanActivities activities={plan.activities} editable={editable} version={plan.version} media={media} stances={guidance.byItem} exerciseFlags={flags} />
        </Section>

        {editable && (
          <Section id="plan-add-activity" title="Add an activity">
            <AddActivityPanel defaultPhase={lastPhase} stances={guidance.byItem} />
          </Section>
        )}

        <Section id="plan-measures" title="Measures">
          <MeasuresPanel planId={plan.id} entries={measures.entries} editable={editable} active={plan.status === "ACTIVE"} patientName={plan.patientName} timeZone={actor.timeZone} />
        </Section>

        {progress && (
          <Section id="plan-progress" title="Progress">
            <p className="no-print mb-3">
              <Link href={`/clinic/progress/${plan.patientId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                Open the progress page
              </Link>
            </p>
            <ProgressView progress={progress} audience="clinician" headingLevel={3} patientName={plan.patientName} />
          </Section>
        )}

        <Section id="plan-history" title="History">
          <PlanHistory entries={history} timeZone={actor.timeZone} />
        </Section>
      </div>
    </PlanEditingProvider>
  );
}
