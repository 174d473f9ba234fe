import { formatDate } from "../format";
import { LegendSwatch } from "./marker";
import { score } from "./wording";
import type { MarkerShape } from "./series";

export type LegendItem = { label: string; shape: MarkerShape; colour: string; hollow?: boolean; dash?: string };
export type TableColumn = { header: string };
export type TableRow = { date: string; cells: (number | string | null)[] };

/**
 * A chart with everything that makes it readable without it: a one-sentence summary (also the
 * chart image's accessible name), a legend in text with each series' marker and dash, and the
 * same points as a table behind a disclosure.
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
      <details className="rounded-md border border-slate-200">
        <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium text-brand-700">Show the data as a table</summary>
        <div className="overflow-x-auto px-2 pb-3 sm:px-3">
          <table className="w-full text-left text-xs sm:text-sm">
            <caption className="sr-only">{tableCaption}</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-2 font-medium sm:pr-3">Date</th>
                {columns.map((c) => <th key={c.header} scope="col" className="py-2 pr-2 font-medium sm:pr-3">{c.header}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r, index) => (
                <tr key={`${r.date}-${index}`}>
                  <th scope="row" className="whitespace-nowrap py-1.5 pr-2 font-normal sm:pr-3">{formatDate(r.date)}</th>
                  {r.cells.map((cell, i) => (
                    <td key={columns[i]?.header ?? i} className="py-1.5 pr-2 tabular-nums sm:pr-3">
                      {cell === null ? <span className="text-slate-500"><span aria-hidden="true">–</span><span className="sr-only">none</span></span> : typeof cell === "number" ? score(cell) : cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
