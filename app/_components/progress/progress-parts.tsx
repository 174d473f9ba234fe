import type { ChangeMeaning } from "@/lib/domain/outcomes/rules";

/** A titled block of the progress view; `level` follows the page it is embedded in. */
export function Block({ id, title, level, children }: { id: string; title: string; level: 2 | 3; children: React.ReactNode }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <Heading id={id} className="mb-3 text-lg font-semibold">{title}</Heading>
      {children}
    </section>
  );
}

/**
 * A labelled bar for "done of planned". The figure is always written out next to it; the bar is
 * a meter for assistive technology. With nothing planned it shows the text only.
 */
export function ProgressMeter({ id, label, text, ratio }: { id: string; label: string; text: string; ratio: number | null }) {
  const percent = ratio === null ? null : Math.round(Math.min(1, ratio) * 100);
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span id={id} className="text-sm text-slate-700">{label}</span>
        <span className="font-semibold tabular-nums">{text}</span>
      </div>
      {percent !== null && (
        <div
          role="meter"
          aria-labelledby={id}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
          className="mt-1 h-3 w-full overflow-hidden rounded-full border border-slate-300 bg-slate-100"
        >
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}

const TONE: Record<ChangeMeaning | "none", { icon: string; border: string }> = {
  "meaningful-improvement": { icon: "▼", border: "border-emerald-600" },
  "no-meaningful-change": { icon: "▶", border: "border-slate-400" },
  worse: { icon: "▲", border: "border-red-600" },
  none: { icon: "–", border: "border-slate-200" },
};

/** A change against baseline in words; the border and arrow repeat what the sentence says. */
export function ChangeStatement({ title, sentence, meaning }: { title: string; sentence: string; meaning: ChangeMeaning | null }) {
  const tone = TONE[meaning ?? "none"];
  return (
    <div className={`rounded-md border-l-4 bg-slate-50 px-3 py-2 ${tone.border}`}>
      <p className="text-sm text-slate-600">{title}</p>
      <p className="flex gap-2 font-medium">
        <span aria-hidden="true" className="text-slate-500">{tone.icon}</span>
        <span>{sentence}</span>
      </p>
    </div>
  );
}
