"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Marker } from "./marker";
import { ODI_BANDS, ODI_COLOUR, ODI_CONTEXT_SHAPES, dayTicks, dayValue, shortDate, type OdiRow } from "./series";

type DotProps = { cx?: number | null; cy?: number | null; index: number; payload?: { context?: string } };

// Baseline, interim and discharge scores each get their own marker shape.
function odiDot(size: number) {
  return function renderDot(props: DotProps) {
    if (typeof props.cx !== "number" || typeof props.cy !== "number") return null;
    const shape = ODI_CONTEXT_SHAPES[props.payload?.context ?? ""] ?? "circle";
    return <Marker key={`odi-${props.index}`} shape={shape} cx={props.cx} cy={props.cy} colour={ODI_COLOUR} hollow={shape !== "circle"} size={size} />;
  };
}

/**
 * ODI (0–100 %) over time with the band limits of DESIGN as labelled reference lines; each band's
 * name sits just under its upper limit. Purely visual: the figure around it carries the text.
 */
export function OdiChart({ rows, label = "ODI" }: { rows: OdiRow[]; label?: string }) {
  const data = rows.map((r) => ({ ...r, x: dayValue(r.date) }));
  const first = data[0]?.x ?? 0;
  const last = data.at(-1)?.x ?? 0;
  const pad = 2 * 86_400_000;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#f1f5f9" vertical={false} horizontal={false} />
        {ODI_BANDS.map((band) => (
          <ReferenceLine
            key={band.upTo}
            y={band.upTo}
            stroke="#94a3b8"
            strokeDasharray={band.upTo === 100 ? "0" : "4 4"}
            strokeOpacity={band.upTo === 100 ? 0 : 1}
            label={{ value: band.label, position: "insideTopRight", fill: "#475569", fontSize: 11 }}
            ifOverflow="extendDomain"
          />
        ))}
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
          domain={[0, 100]}
          ticks={[0, 20, 40, 60, 80, 100]}
          width={40}
          tick={{ fill: "#334155", fontSize: 12 }}
          stroke="#64748b"
          label={{ value: `${label} %`, angle: -90, position: "insideLeft", offset: 10, fill: "#334155", fontSize: 12 }}
        />
        <Tooltip
          labelFormatter={(x) => shortDate(Number(x))}
          formatter={(value) => [`${String(value)} %`, label]}
          contentStyle={{ fontSize: 13, borderColor: "#cbd5e1" }}
        />
        <Line dataKey="score" name={label} type="linear" stroke={ODI_COLOUR} strokeWidth={2} isAnimationActive={false} dot={odiDot(5)} activeDot={odiDot(6.5)} />
      </LineChart>
    </ResponsiveContainer>
  );
}
