"use client";

/**
 * A row of large radio buttons for a 0–10 or 1–5 scale: easy to hit with a thumb (≥ 44 px),
 * reachable with the keyboard (arrow keys move within the group), labelled for screen readers.
 */
export function ScalePicker({
  name,
  legend,
  hint,
  min,
  max,
  value,
  onChange,
  words,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  min: number;
  max: number;
  value: number | null;
  onChange: (value: number) => void;
  /** Words for some values, read out and shown under the number (e.g. 1 "Very easy"). */
  words?: Record<number, string>;
  error?: string[];
}) {
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error?.length ? `${name}-error` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <div className={`mt-1 grid gap-1 ${values.length > 6 ? "grid-cols-6 sm:grid-cols-11" : values.length === 6 ? "grid-cols-3 sm:grid-cols-6" : "grid-cols-5"}`}>
        {values.map((v) => (
          <label
            key={v}
            className="flex min-h-11 min-w-11 cursor-pointer flex-col items-center justify-center rounded-md border border-slate-300 bg-white px-1 text-center has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 has-[:focus-visible]:ring-offset-1"
          >
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} className="sr-only" />
            <span className="text-base font-semibold">{v}</span>
            {words?.[v] && <span className="text-[11px] leading-tight">{words[v]}</span>}
          </label>
        ))}
      </div>
      {errorId && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error!.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
