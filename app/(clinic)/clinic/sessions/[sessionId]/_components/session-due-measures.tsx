import type { SessionDueMeasure } from "@/lib/domain/measures/session-due-measures";
import { MEASURE_NAME } from "@/lib/domain/measures/labels";

const WHY: Record<SessionDueMeasure["why"], string> = { "each-session": "due this session", overdue: "overdue", due: "due today" };

/** What the plan's measure schedule wants recorded in this session (decision 046). */
export function SessionDueMeasures({ items }: { items: SessionDueMeasure[] }) {
  if (items.length === 0) return null;
  return (
    <div className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-semibold">From the plan&apos;s measure schedule</p>
      <ul className="mt-1 space-y-0.5">
        {items.map((i) => (
          <li key={i.instrument}>
            {MEASURE_NAME[i.instrument]}: {i.recorded ? <span className="text-emerald-800">recorded in this session</span> : <strong>{WHY[i.why]}</strong>}
          </li>
        ))}
      </ul>
    </div>
  );
}
