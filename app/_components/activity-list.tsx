import { describeDose, type ActivityDto } from "@/lib/domain/plans/dto";
import { label } from "./format";

/** A plan's activities with setting, phase, dose and any contraindication override. */
export function ActivityList({ activities, showInstructions = false }: { activities: ActivityDto[]; showInstructions?: boolean }) {
  if (activities.length === 0) return <p className="text-slate-600">No activities in this plan yet.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {activities.map((a) => (
        <li key={a.id} className="py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium">{a.name}</span>
            <span className="text-xs text-slate-600">
              {label(a.setting)} · {label(a.phase)}
              {a.status !== "ACTIVE" && ` · ${label(a.status)}`}
            </span>
          </div>
          {describeDose(a.dose) && <p className="text-sm text-slate-700">{describeDose(a.dose)}</p>}
          {showInstructions && <p className="mt-1 text-sm text-slate-600">{a.instructions}</p>}
          {a.override && (
            <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
              Contraindication overridden ({a.override.flags.map(label).join(", ")}): {a.override.reason}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
