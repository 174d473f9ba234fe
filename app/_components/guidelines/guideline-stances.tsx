// What the guidelines say about one treatment for a plan's or protocol's condition (decision 044):
// every source, current ones first, superseded ones muted and labelled, disagreement said in words.
// No hooks: usable from server and client components alike. Text carries the meaning, not colour.
import { formatDate } from "@/app/_components/format";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { isCurrent, orderStatements, populationTag, sourceLabel, sourcesDisagree, STANCE_LABEL } from "@/lib/domain/guidelines/rules";

const TONE: Record<GuidelineStatementDto["stance"], string> = {
  RECOMMEND: "border-emerald-300 bg-emerald-50 text-emerald-950",
  CONSIDER: "border-sky-300 bg-sky-50 text-sky-950",
  CONSIDER_WITH_CONDITION: "border-amber-300 bg-amber-50 text-amber-950",
  DO_NOT_OFFER: "border-red-300 bg-red-50 text-red-950",
  NOT_COVERED: "border-slate-300 bg-slate-50 text-slate-800",
};

export function stanceText(s: GuidelineStatementDto): string {
  return s.stance === "CONSIDER_WITH_CONDITION" && s.stanceCondition ? `Consider ${s.stanceCondition}` : STANCE_LABEL[s.stance];
}

function Statement({ s }: { s: GuidelineStatementDto }) {
  const current = isCurrent(s);
  const tag = populationTag(s.population);
  return (
    <li className={`rounded-md border px-2 py-1 text-sm ${current ? TONE[s.stance] : "border-dashed border-slate-300 bg-white text-slate-500"}`}>
      <details>
        <summary className="cursor-pointer">
          {!current && <span className="mr-1 rounded bg-slate-200 px-1 text-xs font-medium uppercase text-slate-700">Superseded</span>}
          <span className="font-medium">{sourceLabel(s)}:</span> {stanceText(s)}
          {tag && <> ({tag})</>}
          {!current && s.supersededBy && (
            <>
              {" "}
              · replaced by {s.supersededBy}
              {s.supersededYear ? ` (${s.supersededYear})` : ""}: not current guidance
            </>
          )}
        </summary>
        <dl className="mt-1 space-y-1 text-slate-800">
          <div>
            <dt className="inline font-medium">Guideline: </dt>
            <dd className="inline">
              {s.guideline} ({s.publisher}, {s.year})
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Applies to: </dt>
            <dd className="inline">{s.population}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Recommendation: </dt>
            <dd className="inline">{s.recommendation ?? "None: the guideline says nothing about this treatment"}</dd>
          </div>
          {s.quote && (
            <div>
              <dt className="inline font-medium">In its words: </dt>
              <dd className="inline">
                <q>{s.quote}</q>
              </dd>
            </div>
          )}
          <div>
            <dt className="inline font-medium">Last checked: </dt>
            <dd className="inline">{formatDate(s.lastCheckedOn)}</dd>
          </div>
        </dl>
        <a href={s.url} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
          Open {sourceLabel(s)} (opens in a new tab)
        </a>
      </details>
    </li>
  );
}

/** The statements of one treatment; nothing when there are none. */
export function GuidelineStances({ statements, treatmentName }: { statements: readonly GuidelineStatementDto[]; treatmentName: string }) {
  const ordered = orderStatements(statements);
  if (ordered.length === 0) return null;
  return (
    <div className="mt-1" role="group" aria-label={`Guidelines on ${treatmentName}`}>
      <p className="text-xs font-medium text-slate-700">
        Guidelines{sourcesDisagree(ordered) ? ": the sources disagree" : ""}
      </p>
      <ul className="mt-1 space-y-1">
        {ordered.map((s) => (
          <Statement key={s.id} s={s} />
        ))}
      </ul>
    </div>
  );
}
