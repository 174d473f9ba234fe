"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Marker } from "./marker";
import type { TableRow } from "./chart-data-table";
import { PAIN_SERIES, dayTicks, dayValue, shortDate, type SeriesStyle } from "./series";

/** The data table's rows (cells in PAIN_SERIES order): the page sends the points once for both. */
type Props = { rows: TableRow[] };

type DotProps = { cx?: number | null; cy?: number | null; index: number; value?: unknown };

// Recharts calls this with each point's pixel position; a day without a value draws nothing.
function dotFor(style: SeriesStyle, size: number) {
  return function renderDot(props: DotProps) {
    if (typeof props.cx !== "number" || typeof props.cy !== "number" || props.value === null || props.value === undefined) return null;
    return <Marker key={`${style.key}-${props.index}`} shape={style.shape} cx={props.cx} cy={props.cy} colour={style.colour} hollow={style.hollow} size={size} />;
  };
}

/**
 * Pain (0–10) over time: one line per source, told apart by marker shape and dash pattern.
 * Purely visual: the surrounding figure gives its summary, legend and data table.
 */
export function PainChart({ rows }: Props) {
  const data = rows.map((r) => Object.fromEntries([["x", dayValue(r.date)], ...PAIN_SERIES.map((s, i) => [s.key, r.cells[i] ?? null])]) as Record<string, number | null> & { x: number });
  const first = data[0]?.x ?? 0;
  const last = data.at(-1)?.x ?? 0;
  const pad = 86_400_000;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          scale="time"
          domain={[first - pad, last + pad]}
          ticks={dayTicks(first, last)}
          tickFormatter={shortDate}
          interval="preserveStartEnd"
          minTickGap={24}
          tick={{ fill: "#334155", fontSize: 12 }}
          stroke="#64748b"
        />
        <YAxis
          domain={[0, 10]}
          ticks={[0, 2, 4, 6, 8, 10]}
          allowDecimals={false}
          width={36}
          tick={{ fill: "#334155", fontSize: 12 }}
          stroke="#64748b"
          label={{ value: "Pain 0–10", angle: -90, position: "insideLeft", offset: 10, fill: "#334155", fontSize: 12 }}
        />
        <Tooltip
          labelFormatter={(x) => shortDate(Number(x))}
          formatter={(value, name) => [`${String(value)}/10`, String(name)]}
          contentStyle={{ fontSize: 13, borderColor: "#cbd5e1" }}
        />
        {PAIN_SERIES.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            type="linear"
            stroke={s.colour}
            strokeWidth={s.key === "home" ? 1.5 : 2}
            strokeDasharray={s.dash}
            connectNulls
            isAnimationActive={false}
            dot={dotFor(s, s.key === "nprs" ? 5.5 : 4.5)}
            activeDot={dotFor(s, s.key === "nprs" ? 7 : 6)}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
