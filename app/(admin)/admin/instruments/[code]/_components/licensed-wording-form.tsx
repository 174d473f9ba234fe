"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { loadLicensedOdiWordingAction } from "../../actions";

/**
 * Licensed ODI wording as JSON, pasted or read from a file: { licenceReference, sections: { <section>:
 * { prompt, statements: [six] } } }. The server checks the exact shape; a refusal changes nothing.
 */
export function LicensedWordingForm({ version, sections }: { version: number; sections: string[] }) {
  const router = useRouter();
  const id = useId();
  const skeleton = JSON.stringify({ licenceReference: "", sections: Object.fromEntries(sections.map((s) => [s, { prompt: "", statements: ["", "", "", "", "", ""] }])) }, null, 2);
  const [text, setText] = useState(skeleton);
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      aria-label="Load licensed ODI wording"
      className="mt-3 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!confirmed) {
          setStatus({ tone: "error", message: "Confirm that the clinic holds a licence for this wording. Nothing was changed." });
          return;
        }
        startTransition(async () => {
          const result = await loadLicensedOdiWordingAction({ version, wording: text });
          if (!result.ok) {
            setErrors(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k.replace(/^wording\.?/, "") || "wording"}: ${v.join(" ")}`));
            setStatus({ tone: "error", message: `${result.message} Nothing was changed.` });
            return;
          }
          setErrors([]);
          setStatus({ tone: "success", message: `Loaded as version ${result.data.version}: scores are now labelled “${result.data.label}”.` });
          router.refresh();
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Upload a JSON file (optional)
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          className="mt-1 block min-h-11 text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
      </div>
      <div>
        <label htmlFor={`${id}-json`} className="block text-sm font-medium text-slate-800">
          Wording (JSON)
        </label>
        <textarea
          id={`${id}-json`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={14}
          spellCheck={false}
          aria-describedby={errors.length > 0 ? `${id}-errors` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        />
        {errors.length > 0 && (
          <ul id={`${id}-errors`} className="mt-1 list-disc pl-5 text-sm text-red-700">
            {errors.slice(0, 10).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="h-5 w-5" />
        The clinic holds a licence for this wording (the reference is in the JSON).
      </label>
      <FormStatus status={status} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Loading…" : "Load licensed wording"}
      </button>
    </form>
  );
}
