import type { MarkerShape } from "./series";

type MarkerProps = { shape: MarkerShape; cx: number; cy: number; colour: string; hollow?: boolean; size?: number };

/** A data-point marker centred on (cx, cy): one shape per series so they differ without colour. */
export function Marker({ shape, cx, cy, colour, hollow = false, size = 5 }: MarkerProps) {
  const paint = { fill: hollow ? "#ffffff" : colour, stroke: colour, strokeWidth: 2 };
  switch (shape) {
    case "circle":
      return <circle cx={cx} cy={cy} r={size} {...paint} />;
    case "square":
      return <rect x={cx - size} y={cy - size} width={size * 2} height={size * 2} {...paint} />;
    case "triangle": {
      const h = size * 1.2;
      return <polygon points={`${cx},${cy - h} ${cx + h},${cy + h * 0.8} ${cx - h},${cy + h * 0.8}`} {...paint} />;
    }
    case "diamond": {
      const d = size * 1.45;
      return <polygon points={`${cx},${cy - d} ${cx + d},${cy} ${cx},${cy + d} ${cx - d},${cy}`} {...paint} />;
    }
  }
}

/** A legend swatch: a short run of the series' line (with its dash pattern) through its marker. */
export function LegendSwatch({ shape, colour, hollow, dash }: { shape: MarkerShape; colour: string; hollow?: boolean; dash?: string }) {
  return (
    <svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false" className="shrink-0">
      <line x1="1" y1="8" x2="43" y2="8" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
      <Marker shape={shape} cx={22} cy={8} colour={colour} hollow={hollow} size={4.5} />
    </svg>
  );
}
