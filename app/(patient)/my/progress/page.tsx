import type { Metadata } from "next";
import { ProgressView } from "@/app/_components/progress/progress-view";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { notFound as notFoundError } from "@/lib/errors";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "My progress" };

export default async function MyProgressPage() {
  const actor = await requirePageActor("PATIENT", "/my/progress");
  const progress = await loadForPage(() => {
    if (!actor.patientId) throw notFoundError("Patient");
    return getProgress(actor, actor.patientId);
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">My progress</h1>
        <p className="text-slate-600">Your pain, how your back affects daily life, and how your home exercises are going.</p>
      </div>
      <ProgressView progress={progress} audience="patient" />
    </div>
  );
}
