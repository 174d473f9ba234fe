"use client";

import { useEffect, useId, useRef, useState } from "react";
import { label } from "@/app/_components/format";
import { BODY_REGION_CHOICES, BODY_REGION_LABEL } from "@/app/_components/facets";
import type { BodyRegion } from "@/lib/enums";
import { inputClass } from "@/app/_components/form/field";
import { searchCatalogAction, type CatalogSearchResult } from "../actions";

/** "“back” in Lower back", from the search key ["back", "LOWER_BACK"]. */
function describe(key: string): string {
  const [text, region] = JSON.parse(key) as [string, BodyRegion | ""];
  const where = region ? BODY_REGION_LABEL[region] : "";
  return [text && `“${text}”`, where && `in ${where}`].filter(Boolean).join(" ");
}

type Results = { q: string; rows: CatalogSearchResult[] } | { q: string; error: string };

/**
 * Search-as-you-type over the ACTIVE catalog: a search box and the matches as a list of buttons.
 * Arrow keys move between the box and the matches; Escape goes back to the box.
 */
export function CatalogSearch({
  onChoose,
  inputRef,
  stanceSummaries = {},
}: {
  onChoose: (item: CatalogSearchResult) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
  /** Per catalog item, what the guidelines say for the plan's condition, in one line (decision 044). */
  stanceSummaries?: Record<string, string>;
}) {
  const [q, setQ] = useState("");
  const [region, setRegion] = useState<BodyRegion | "">("");
  const regionId = useId();
  const [results, setResults] = useState<Results | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const latest = useRef("");
  const inputId = useId();
  const hintId = useId();
  // What is searched: the text typed and the body region chosen, either or both.
  const term = q.trim() || region ? JSON.stringify([q.trim(), region]) : "";

  useEffect(() => {
    latest.current = term;
    if (!term) return;
    const [text, chosen] = JSON.parse(term) as [string, BodyRegion | ""];
    const timer = setTimeout(async () => {
      const result = await searchCatalogAction({ q: text, ...(chosen ? { region: chosen } : {}) });
      // An older, slower answer must not replace the one for what is typed now.
      if (latest.current !== term) return;
      setResults(result.ok ? { q: term, rows: result.data } : { q: term, error: result.message });
    }, 200);
    return () => clearTimeout(timer);
  }, [term]);

  const shown = term && results?.q === term ? results : null;
  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];

  function onInputKey(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && buttons()[0]) {
      event.preventDefault();
      buttons()[0]!.focus();
    }
  }

  function onListKey(event: React.KeyboardEvent<HTMLUListElement>) {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const input = inputRef.current;
    if (event.key === "ArrowDown" && index < all.length - 1) all[index + 1]!.focus();
    else if (event.key === "ArrowUp") (index > 0 ? all[index - 1] : input)?.focus();
    else if (event.key === "Escape") input?.focus();
    else return;
    event.preventDefault();
  }

  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Search the catalog
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        Active treatments only. Type part of a name, a condition or a tag, or choose a body region, then pick a match (arrow keys move to the matches).
      </p>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onInputKey}
        aria-describedby={hintId}
        // Only while the list is on the page: a reference to a missing id is invalid ARIA (axe).
        aria-controls={shown && "rows" in shown && shown.rows.length > 0 ? `${inputId}-results` : undefined}
        autoComplete="off"
        className={`${inputClass} mt-1`}
      />
      <label htmlFor={regionId} className="mt-2 block text-sm font-medium text-slate-800">
        Body region
      </label>
      <select id={regionId} value={region} onChange={(e) => setRegion(e.target.value as BodyRegion | "")} className={`${inputClass} mt-1`}>
        <option value="">Any region</option>
        {BODY_REGION_CHOICES.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <p aria-live="polite" className="mt-1 text-sm text-slate-600">
        {shown && ("error" in shown ? shown.error : shown.rows.length === 0 ? `No active treatments match ${describe(shown.q)}.` : `${shown.rows.length} matching ${shown.rows.length === 1 ? "treatment" : "treatments"}.`)}
      </p>
      {shown && "rows" in shown && shown.rows.length > 0 && (
        <ul id={`${inputId}-results`} ref={listRef} onKeyDown={onListKey} aria-label="Matching treatments" className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {shown.rows.map((item) => (
            <li key={item.id}>
              <button type="button" onClick={() => onChoose(item)} className="flex min-h-11 w-full flex-wrap items-baseline justify-between gap-x-3 px-3 py-2 text-left hover:bg-brand-50 focus-visible:bg-brand-50">
                <span className="font-medium">{item.name}</span>
                <span className="text-xs text-slate-600">
                  {label(item.kind)} · {label(item.setting)}
                  {item.bodyRegions.length > 0 && ` · ${item.bodyRegions.map((r) => BODY_REGION_LABEL[r]).join(", ")}`}
                  {item.contraindications.length > 0 && ` · contraindicated with ${item.contraindications.map(label).join(", ")}`}
                </span>
                {stanceSummaries[item.id] && <span className="w-full text-xs text-slate-800">Guidelines: {stanceSummaries[item.id]}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
