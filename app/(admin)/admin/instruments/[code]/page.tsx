import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/app/_components/format";
import { getInstrument } from "@/lib/domain/instruments/definitions";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { LicensedWordingForm } from "./_components/licensed-wording-form";

export const metadata: Metadata = { title: "Outcome instrument" };

const WORDING: Record<string, string> = { ADAPTED: "Our adapted wording", LICENSED: "Licensed wording", PUBLIC: "Public scale" };

/** One instrument: its current definition in full, its versions, and (ODI) loading licensed wording. */
export default async function InstrumentPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/instruments/${encodeURIComponent(code)}`);
  const { code: instrument, current, versions } = await loadForPage(() => getInstrument(actor, code));
  const d = current.definition;
  const tz = actor.timeZone;
  return (
    <div className="max-w-4xl space-y-6">
      <Link href="/admin/instruments" className="text-sm text-brand-700 underline">
        ← Outcome instruments
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{d.name}</h1>
        <p className="mt-1 text-slate-700">
          Shown as <strong>{d.label}</strong> · {WORDING[current.wording]} · version {current.version}
        </p>
      </header>

      <section aria-labelledby="rules" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rules" className="text-lg font-semibold">
          Scoring
        </h2>
        <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium">Rule</dt>
            <dd>
              {d.scoring.method === "percentage-of-answered" ? "Sum ÷ the most the answered items could score × 100" : d.scoring.method === "mean" ? "Mean of the answered items" : "Sum of the items (yes = 1)"}, {d.scoring.decimals} decimal
              {d.scoring.decimals === 1 ? "" : "s"}; range {d.range.min}–{d.range.max}; {d.direction === "lower-is-better" ? "lower is better" : "higher is better"}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Unanswered items</dt>
            <dd>{d.missing.maxMissing === 0 ? "All must be answered" : `At most ${d.missing.maxMissing} of ${d.items.length} may be left out`}</dd>
          </div>
          <div>
            <dt className="font-medium">Meaningful change</dt>
            <dd>
              {[d.mcid.points !== undefined ? `${d.mcid.points} points` : null, d.mcid.percent !== undefined ? `${d.mcid.percent} % of baseline` : null].filter(Boolean).join(" or ")} ({d.mcid.population}). Source: {d.mcid.source}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Bands</dt>
            <dd>{d.bands.length === 0 ? "None" : d.bands.map((b, i) => `${i === 0 ? d.range.min : d.bands[i - 1]!.upTo}–${b.upTo} ${b.label.toLowerCase()}`).join("; ")}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="font-medium">Licence</dt>
            <dd>{d.licence}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="items" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="items" className="text-lg font-semibold">
          Items as the patient reads them
        </h2>
        <p className="text-sm text-slate-600">{d.instructions}</p>
        <ol className="mt-2 list-decimal space-y-2 pl-6 text-sm">
          {d.items.map((item) => (
            <li key={item.id}>
              <span className="font-medium">{item.title}</span>
              {item.prompt !== item.title && <>: {item.prompt}</>}
              {item.options ? (
                <ol className="mt-1 list-none space-y-0.5 pl-0 text-slate-700">
                  {item.options.map((o) => (
                    <li key={o.value}>
                      {o.value}: {o.label}
                    </li>
                  ))}
                </ol>
              ) : item.kind === "yes-no" ? (
                " (yes / no)"
              ) : (
                ` (${item.min}–${item.max}${item.minLabel ? `: ${item.min} ${item.minLabel.toLowerCase()}, ${item.max} ${item.maxLabel?.toLowerCase()}` : ""})`
              )}
            </li>
          ))}
        </ol>
      </section>

      {instrument === "ODI" && (
        <section aria-labelledby="licensed" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="licensed" className="text-lg font-semibold">
            Load licensed ODI wording
          </h2>
          <p className="text-sm text-slate-700">
            If the clinic holds a licence for the ODI, paste or upload its wording as JSON: the licence reference and, for each of the ten sections, its question and exactly six
            statements from least to most limited. It becomes a new version; patients are then asked in these words and scores are labelled “ODI”. Scores do not change.
          </p>
          <LicensedWordingForm version={current.version} sections={d.items.map((i) => i.id)} />
        </section>
      )}

      <section aria-labelledby="versions" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="versions" className="text-lg font-semibold">
          Versions
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {versions.map((v) => (
            <li key={v.version}>
              Version {v.version}: {v.label} ({WORDING[v.wording]}){v.licenceReference ? `, licence ${v.licenceReference}` : ""}
              {v.createdAt ? `, ${formatDateTime(v.createdAt, tz)}` : ", as shipped"}
              {v.createdByName ? ` by ${v.createdByName}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
