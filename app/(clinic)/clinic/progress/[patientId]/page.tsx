import type { Metadata } from "next";
import Link from "next/link";
import { ProgressView } from "@/app/_components/progress/progress-view";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { loadForPage, requirePageActor } from "@/lib/server/page";

// The tab title stays generic like the patient page's: no patient names in browser history.
export const metadata: Metadata = { title: "Progress" };

const linkClass = "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50";

/** A care-team patient's progress on its own page; getProgress checks the care team and audits the read. */
export default async function PatientProgressPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/progress/${patientId}`);
  const progress = await loadForPage(() => getProgress(actor, patientId));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold break-words">Progress — {progress.patientName}</h1>
          <p className="text-slate-600">Pain, disability and home adherence against the plan in force.</p>
        </div>
        <nav aria-label="Related" className="no-print flex flex-wrap gap-2">
          <Link href={`/clinic/patients/${progress.patientId}`} className={linkClass}>Patient record</Link>
          {progress.planId && <Link href={`/clinic/plans/${progress.planId}`} className={linkClass}>Treatment plan</Link>}
        </nav>
      </div>
      <ProgressView progress={progress} audience="clinician" patientName={progress.patientName} />
    </div>
  );
}
