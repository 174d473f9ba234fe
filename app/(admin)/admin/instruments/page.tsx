import type { Metadata } from "next";
import Link from "next/link";
import { listInstruments } from "@/lib/domain/instruments/definitions";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Outcome instruments" };

const WORDING: Record<string, string> = { ADAPTED: "Our adapted wording", LICENSED: "Licensed wording", PUBLIC: "Public scale" };
const SCORING: Record<string, string> = { sum: "Sum of items", "percentage-of-answered": "Percentage of answered sections", mean: "Mean of items" };

/** The clinic's outcome instruments (issue 16, ADR 045): label, wording, version, scoring. */
export default async function InstrumentsPage() {
  const actor = await requirePageActor("ADMIN", "/admin/instruments");
  const instruments = await loadForPage(() => listInstruments(actor));
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Outcome instruments</h1>
        <p className="mt-1 text-slate-700">
          The measures clinicians record and patients answer, each a versioned definition: its items and answer wording, scoring rule, bands and meaningful change. The
          ODI&apos;s published wording is licensed: until you load your licence&apos;s wording, patients answer our own adaptation and scores are labelled “ODI, adapted wording”.
        </p>
      </header>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">The clinic&apos;s outcome instruments</caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Instrument</th>
              <th scope="col" className="px-3 py-2">Shown as</th>
              <th scope="col" className="px-3 py-2">Wording</th>
              <th scope="col" className="px-3 py-2">Scoring</th>
              <th scope="col" className="px-3 py-2">Version</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((i) => (
              <tr key={i.code} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={`/admin/instruments/${i.code.toLowerCase()}`} className="text-brand-700 underline">
                    {i.name}
                  </Link>
                </th>
                <td className="px-3 py-2">{i.label}</td>
                <td className="px-3 py-2">{WORDING[i.wording]}</td>
                <td className="px-3 py-2">
                  {SCORING[i.scoring]}, {i.itemCount} {i.itemCount === 1 ? "item" : "items"}; {i.direction === "lower-is-better" ? "lower is better" : "higher is better"}
                </td>
                <td className="px-3 py-2">
                  {i.version}
                  {i.versions > 1 ? ` (${i.versions} versions)` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
