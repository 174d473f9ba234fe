import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, label } from "@/app/_components/format";
import { ActivityPictures } from "@/app/_components/activity-pictures";
import { ActivityVideos } from "@/app/_components/activity-videos";
import type { MediaDto } from "@/lib/domain/media/dto";
import { listPlanActivityMedia } from "@/lib/domain/media/list-plan-pictures";
import { describeDose, type ActivityDto } from "@/lib/domain/plans/dto";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "My plan" };

const STATUS_TEXT: Record<string, string> = {
  ACTIVE: "In progress",
  ON_HOLD: "Paused by your clinician: your home routine waits until they restart it",
  COMPLETED: "Completed",
};

function Activities({ activities, pictures, videos }: { activities: ActivityDto[]; pictures: Record<string, MediaDto[]>; videos: Record<string, MediaDto[]> }) {
  return (
    <ul className="divide-y divide-slate-100">
      {activities.map((a) => (
        <li key={a.id} className="py-3">
          <h3 className="font-semibold">
            {a.name}
            {a.status === "ON_HOLD" && <span className="ml-2 text-sm font-normal text-amber-900">(paused for now)</span>}
            {a.status === "COMPLETED" && <span className="ml-2 text-sm font-normal text-slate-600">(finished)</span>}
          </h3>
          {describeDose(a.dose) && <p className="font-medium text-slate-800">{describeDose(a.dose)}</p>}
          <ActivityPictures media={pictures[a.id]} />
          <ActivityVideos media={videos[a.id]} />
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{a.instructions}</p>
        </li>
      ))}
    </ul>
  );
}

export default async function PatientPlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("PATIENT", `/my/plans/${planId}`);
  const plan = await loadForPage(() => getPlan(actor, planId));
  const { pictures, videos } = await loadForPage(() => listPlanActivityMedia(actor, plan.id));
  const home = plan.activities.filter((a) => a.setting !== "IN_CLINIC");
  const clinic = plan.activities.filter((a) => a.setting === "IN_CLINIC");
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-semibold break-words">{plan.title}</h1>
        <p className="text-slate-700">
          <strong>{STATUS_TEXT[plan.status] ?? label(plan.status)}</strong> · with {plan.clinicianName} · started {formatDate(plan.startDate)}
          {plan.reviewDate && plan.status !== "COMPLETED" && ` · next review ${formatDate(plan.reviewDate)}`}
        </p>
        <Link href={`/my/plans/${plan.id}/print`} className="inline-flex min-h-11 items-center text-brand-700 underline">
          Print or save as PDF
        </Link>
        <a href={`/api/v1/plans/${plan.id}/handout`} download className="ml-4 inline-flex min-h-11 items-center text-brand-700 underline">
          Download handout (PDF)
        </a>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="goals">
        <h2 id="goals" className="text-lg font-semibold">
          Goals
        </h2>
        <p className="mt-1 whitespace-pre-line">{plan.goals}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="home-activities">
        <h2 id="home-activities" className="text-lg font-semibold">
          At home
        </h2>
        {home.length === 0 ? <p className="text-slate-600">Nothing to do at home in this plan.</p> : <Activities activities={home} pictures={pictures} videos={videos} />}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="clinic-activities">
        <h2 id="clinic-activities" className="text-lg font-semibold">
          At the clinic
        </h2>
        {clinic.length === 0 ? <p className="text-slate-600">No treatments at the clinic in this plan.</p> : <Activities activities={clinic} pictures={pictures} videos={videos} />}
      </section>
    </article>
  );
}
