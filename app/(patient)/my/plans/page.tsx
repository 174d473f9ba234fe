import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, label } from "@/app/_components/format";
import { listMyPlans } from "@/lib/domain/portal/my-plans";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "My plans" };

export default async function MyPlansPage() {
  const actor = await requirePageActor("PATIENT", "/my/plans");
  const plans = await loadForPage(() => listMyPlans(actor));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">My plans</h1>
      {plans.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          You don&apos;t have a treatment plan yet. Your clinician will set one up with you at your next visit.
        </p>
      ) : (
        <ul className="space-y-3">
          {plans.map((p) => (
            <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/my/plans/${p.id}`} className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-700 underline">
                {p.title}
              </Link>
              <p className="text-sm text-slate-700">
                {label(p.status)} · with {p.clinicianName} · started {formatDate(p.startDate)}
                {p.reviewDate && p.status !== "COMPLETED" && ` · next review ${formatDate(p.reviewDate)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
