import type { Progress } from "@/lib/domain/progress/get-progress";
import { odiBand } from "@/lib/domain/outcomes/rules";
import { label } from "../format";
import { AlertItem } from "./alert-item";
import { ChartFigure, type LegendItem } from "./chart-figure";
import { OdiChart, PainChart } from "./lazy-charts";
import { Block, ChangeStatement, ProgressMeter } from "./progress-parts";
import { ODI_COLOUR, ODI_CONTEXT_SHAPES, PAIN_SERIES, odiRows, painRows } from "./series";
import { THRESHOLDS_NOTE, adherenceText, changeSentence, odiSummary, painSummary, type Audience } from "./wording";

const TITLES = {
  clinician: { alerts: "Alerts", change: "Change since baseline", pain: "Pain over time", odi: (label: string) => `Disability (${label})`, home: "Home adherence", clinic: "In-clinic sessions" },
  patient: { alerts: "", change: "How you are doing", pain: "Your pain over time", odi: (label: string) => `How your back affects daily life (${label})`, home: "Your home exercises", clinic: "Your sessions at the clinic" },
} as const;

function sessionsText(done: number, planned: number): string {
  return planned > 0 ? `${done} of ${planned} planned` : `${done} done (no number planned)`;
}

/**
 * A patient's progress: change against baseline with its clinical meaning, pain and ODI charts
 * (each with a summary, a text legend and a data table), home adherence over 7 and 28 days,
 * in-clinic sessions and, for the care team, the alerts. `headingLevel` fits the host page.
 */
export function ProgressView({ progress, audience, headingLevel = 2, patientName }: {
  progress: Progress;
  audience: Audience;
  headingLevel?: 2 | 3;
  patientName?: string;
}) {
  const t = TITLES[audience];
  const level = headingLevel;
  const pain = painRows(progress.pain);
  // One array for the chart and its table: the RSC payload carries an object passed twice once.
  const painTable = pain.map((r) => ({ date: r.date, cells: PAIN_SERIES.map((s) => r[s.key]) }));
  const odi = odiRows(progress.odi);
  const painSentence = painSummary(progress.pain, audience);
  const odiSentence = odiSummary(progress.odi, audience);
  const odiLegend: LegendItem[] = ["BASELINE", "INTERIM", "DISCHARGE"]
    .filter((c) => odi.some((r) => r.context === c))
    .map((c) => ({ label: `${label(c)} score`, shape: ODI_CONTEXT_SHAPES[c] ?? "circle", colour: ODI_COLOUR, hollow: c !== "INTERIM" }));

  return (
    <div className="space-y-4">
      {!progress.planId && (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          {audience === "clinician" ? "No active or on-hold plan: home adherence and alerts start with one." : "You have no plan in progress right now."}
        </p>
      )}

      {audience === "clinician" && (
        <Block id="progress-alerts" title={t.alerts} level={level}>
          {progress.alerts.length === 0 ? (
            <p className="text-slate-600">No alerts.</p>
          ) : (
            <ul className="space-y-2">
              {progress.alerts.map((a) => <AlertItem key={a.kind} alert={a} patient={{ id: progress.patientId, name: patientName }} />)}
            </ul>
          )}
        </Block>
      )}

      <Block id="progress-change" title={t.change} level={level}>
        <div className="grid gap-3 md:grid-cols-2">
          <ChangeStatement title={audience === "clinician" ? "Pain (NPRS 0–10)" : "Pain"} sentence={changeSentence("NPRS", progress.nprsChange, progress.nprs, audience)} meaning={progress.nprsChange?.meaning ?? null} />
          <ChangeStatement title={audience === "clinician" ? `Disability (${progress.odiLabel} %)` : "Daily life"} sentence={changeSentence("ODI", progress.odiChange, progress.odi, audience)} meaning={progress.odiChange?.meaning ?? null} />
        </div>
        {audience === "clinician" && <p className="mt-2 text-xs text-slate-600">{THRESHOLDS_NOTE}</p>}
      </Block>

      <Block id="progress-pain" title={t.pain} level={level}>
        {pain.length === 0 ? (
          <p className="text-slate-600">{audience === "patient" ? "No pain scores yet." : "No pain recorded yet: sessions, home logs and NPRS scores appear here."}</p>
        ) : (
          <ChartFigure
            id="pain-chart"
            summary={painSentence}
            legend={PAIN_SERIES.map((s) => ({ label: s.label, shape: s.shape, colour: s.colour, hollow: s.hollow, dash: s.dash }))}
            columns={PAIN_SERIES.map((s) => ({ header: s.column }))}
            rows={painTable}
            tableCaption="Pain scores 0–10 by date"
          >
            <PainChart rows={painTable} />
          </ChartFigure>
        )}
      </Block>

      <Block id="progress-odi" title={t.odi(progress.odiLabel)} level={level}>
        {odi.length === 0 ? (
          <p className="text-slate-600">No ODI recorded yet.</p>
        ) : (
          <ChartFigure
            id="odi-chart"
            summary={odiSentence}
            legend={odiLegend}
            columns={[{ header: `${progress.odiLabel} %` }, { header: "Band" }, { header: "Recorded as" }]}
            rows={odi.map((r) => ({ date: r.date, cells: [r.score, odiBand(r.score), label(r.context)] }))}
            tableCaption={`${progress.odiLabel} scores by date, with band`}
          >
            <OdiChart rows={odi} label={progress.odiLabel} />
          </ChartFigure>
        )}
      </Block>

      <div className="grid gap-4 md:grid-cols-2">
        <Block id="progress-home" title={t.home} level={level}>
          <div className="space-y-3">
            <ProgressMeter id="adherence-7" label="Last 7 days" text={adherenceText(progress.adherence7)} ratio={progress.adherence7.ratio} />
            <ProgressMeter id="adherence-28" label="Last 28 days" text={adherenceText(progress.adherence28)} ratio={progress.adherence28.ratio} />
          </div>
          <p className="mt-2 text-xs text-slate-600">Counted against the days each activity was due.</p>
        </Block>
        <Block id="progress-clinic" title={t.clinic} level={level}>
          <ProgressMeter
            id="sessions-done"
            label="Sessions done"
            text={sessionsText(progress.sessionsDone, progress.sessionsPlanned)}
            ratio={progress.sessionsPlanned > 0 ? progress.sessionsDone / progress.sessionsPlanned : null}
          />
        </Block>
      </div>
    </div>
  );
}
