import { formatTimestamp } from "@/app/_components/format";
import { describePlanChange, type PlanHistoryEntry } from "@/lib/domain/plans/list-plan-history";

// describePlanChange phrases an override as a complete sentence, so the name goes inside it.
function sentence(e: PlanHistoryEntry): React.ReactNode {
  const name = e.activityName ? <span className="font-medium">{e.activityName}</span> : null;
  if (e.action === "plan.activity.override" && name) return <>Added {name} despite a contraindication (override)</>;
  if (e.action === "plan.activity.guideline_override" && name) {
    return (
      <>
        Added {name} against a guideline&apos;s &ldquo;do not offer&rdquo;{e.reason ? <>. Reason: {e.reason}</> : null}
      </>
    );
  }
  return (
    <>
      {describePlanChange(e.action)}
      {name && <> {name}</>}
    </>
  );
}

/** Who changed what and when, newest first, in the clinic's time zone. */
export function PlanHistory({ entries, timeZone }: { entries: PlanHistoryEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-slate-600">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
          <span>{sentence(e)}</span>
          <span className="text-slate-600">
            <time dateTime={e.at}>{formatTimestamp(e.at, timeZone)}</time> · {e.actorName ?? "Unknown user"}
          </span>
        </li>
      ))}
    </ol>
  );
}
