"use client";

import { useState } from "react";
import { formatDate } from "../format";
import { score } from "./series";

export type TableColumn = { header: string };
export type TableRow = { date: string; cells: (number | string | null)[] };

/**
 * A chart's points as a table behind a disclosure, rendered in the browser the first time it is
 * opened and kept after. Closed, a <details> shows nothing and exposes nothing to assistive
 * technology, so nothing changes for a reader; but rendered on the server a pain table of a
 * year's home logs was ~600 elements in the HTML and again in the RSC payload, the largest part
 * of the patient overview's server CPU (issue 18, decision 052). The rows come as one array the
 * chart receives too, so the payload carries them once.
 */
export function ChartDataTable({ columns, rows, caption }: { columns: TableColumn[]; rows: TableRow[]; caption: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="rounded-md border border-slate-200" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium text-brand-700">Show the data as a table</summary>
      {opened && (
        <div className="overflow-x-auto px-2 pb-3 sm:px-3">
          <table className="w-full text-left text-xs sm:text-sm">
            <caption className="sr-only">{caption}</caption>
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
      )}
    </details>
  );
}
