// How each pain series is drawn and tabled. Shared by the client charts, the server legend and
// the data table, so the marker a reader sees in the legend is the one on the chart.
import type { PainPoint, ScorePoint } from "@/lib/domain/progress/get-progress";
import { dateTimeFormat } from "@/lib/intl/date-time-format";

export type MarkerShape = "circle" | "square" | "triangle" | "diamond";
export type PainKey = "before" | "after" | "home" | "nprs";

export type SeriesStyle = {
  key: PainKey;
  source: PainPoint["source"];
  label: string;
  /** Column header of the data table. */
  column: string;
  shape: MarkerShape;
  /** Markers drawn as an outline (white inside) rather than filled. */
  hollow: boolean;
  /** SVG stroke-dasharray; undefined is a solid line. */
  dash: string | undefined;
  colour: string;
};

// Colours are a secondary cue only (all ≥ 4.5:1 on white); shape and dash tell the series apart.
export const PAIN_SERIES: readonly SeriesStyle[] = [
  { key: "before", source: "session-before", label: "Session, before treatment", column: "Before treatment", shape: "circle", hollow: false, dash: undefined, colour: "#1d4ed8" },
  { key: "after", source: "session-after", label: "Session, after treatment", column: "After treatment", shape: "square", hollow: true, dash: "7 4", colour: "#0f766e" },
  { key: "home", source: "home", label: "At home (highest that day)", column: "At home (max)", shape: "triangle", hollow: false, dash: "2 3", colour: "#b45309" },
  { key: "nprs", source: "nprs", label: "NPRS score", column: "NPRS", shape: "diamond", hollow: true, dash: "12 4 3 4", colour: "#7e22ce" },
];

export type PainRow = { date: string } & Record<PainKey, number | null>;

/** One row per date with the value of each series that day (null where none). */
export function painRows(points: readonly PainPoint[]): PainRow[] {
  const byDate = new Map<string, PainRow>();
  for (const p of points) {
    const row = byDate.get(p.date) ?? { date: p.date, before: null, after: null, home: null, nprs: null };
    const style = PAIN_SERIES.find((s) => s.source === p.source);
    // Two values of one series on one day (e.g. two sessions): keep the higher, as the home series does.
    if (style) row[style.key] = Math.max(row[style.key] ?? p.value, p.value);
    byDate.set(p.date, row);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export const ODI_BANDS = [
  { upTo: 20, label: "minimal" },
  { upTo: 40, label: "moderate" },
  { upTo: 60, label: "severe" },
  { upTo: 80, label: "crippling" },
  { upTo: 100, label: "bed-bound" },
] as const;

export const ODI_CONTEXT_SHAPES: Record<string, MarkerShape> = { BASELINE: "square", INTERIM: "circle", DISCHARGE: "diamond" };
export const ODI_COLOUR = "#0f766e";

export type OdiRow = { date: string; score: number; context: string };
export const odiRows = (points: readonly ScorePoint[]): OdiRow[] => points.map((p) => ({ date: p.date, score: p.score, context: p.context }));

/** A score as tables and sentences show it: at most one decimal. */
export const score = (n: number): string => String(Math.round(n * 10) / 10);

/** ISO date → epoch milliseconds (UTC midnight), the chart's x value. */
export const dayValue = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** "12 Mar" for axis ticks; the dates are already calendar dates in the clinic's time zone. */
export function shortDate(value: number | string): string {
  const ms = typeof value === "number" ? value : dayValue(value);
  return dateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(ms));
}

/** Evenly spaced whole-day ticks from the first to the last date, at most `max` of them. */
export function dayTicks(first: number, last: number, max = 6): number[] {
  const day = 86_400_000;
  const span = Math.round((last - first) / day);
  if (span <= 0) return [first];
  const step = Math.max(1, Math.ceil(span / (max - 1)));
  const ticks: number[] = [];
  for (let d = 0; d < span; d += step) ticks.push(first + d * day);
  // The last date always gets a tick; it replaces the previous one when the two would crowd.
  if (span - (ticks.length - 1) * step >= step / 2) ticks.push(last);
  else ticks[ticks.length - 1] = last;
  return ticks;
}
