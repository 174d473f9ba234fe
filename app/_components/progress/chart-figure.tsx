import { ChartDataTable, type TableColumn, type TableRow } from "./chart-data-table";
import { LegendSwatch } from "./marker";
import type { MarkerShape } from "./series";

export type LegendItem = { label: string; shape: MarkerShape; colour: string; hollow?: boolean; dash?: string };
export type { TableColumn, TableRow };

/**
 * A chart with everything that makes it readable without it: a one-sentence summary (also the
 * chart image's accessible name), a legend in text with each series' marker and dash, and the
 * same points as a table behind a disclosure (rendered when first opened: chart-data-table.tsx).
 */
export function ChartFigure({ id, summary, legend, columns, rows, tableCaption, children }: {
  id: string;
  summary: string;
  legend: LegendItem[];
  columns: TableColumn[];
  rows: TableRow[];
  tableCaption: string;
  children: React.ReactNode;
}) {
  return (
    <figure aria-labelledby={`${id}-summary`} className="space-y-3">
      <figcaption id={`${id}-summary`} className="text-sm text-slate-700">{summary}</figcaption>
      <div role="img" aria-label={`Chart. ${summary} The same points are in the table below.`} className="h-72 w-full" data-chart={id}>
        {children}
      </div>
      <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        {legend.map((item) => (
          <li key={item.label} className="flex items-center gap-1.5">
            <LegendSwatch shape={item.shape} colour={item.colour} hollow={item.hollow} dash={item.dash} />
            {item.label}
          </li>
        ))}
      </ul>
      <ChartDataTable columns={columns} rows={rows} caption={tableCaption} />
    </figure>
  );
}
