"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { importProtocolAction, type ImportIssue, type ImportResult } from "./actions";

type Failure = { message: string; issues: ImportIssue[] };

/** Paste FHIR JSON or choose a file, import, then read what happened (ADR 051). */
export function ImportForm() {
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState<Extract<ImportResult, { imported: true }>["summary"] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const textId = useId();
  const fileId = useId();
  const hintId = useId();

  // The outcome takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    if (done || failure) resultRef.current?.focus();
  }, [done, failure]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    startTransition(async () => {
      const result = await importProtocolAction({ text });
      if (!result.ok) setFailure({ message: result.fieldErrors?.text?.[0] ?? result.message, issues: [] });
      else if (result.data.imported) setDone(result.data.summary);
      else setFailure({ message: result.data.message, issues: result.data.issues });
    });
  };

  return (
    <>
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-describedby={hintId}>
        <p id={hintId} className="text-sm text-slate-700">
          A FHIR R4 Bundle holding one PlanDefinition and the ActivityDefinitions it names (as &ldquo;Download as FHIR&rdquo; on a protocol gives it), or a
          PlanDefinition with them contained. The protocol is created as a draft; treatments your catalog lacks are created as draft treatments to review.
        </p>
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium">Choose a file</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json,application/fhir+json"
            className="mt-1 block w-full text-sm"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {fileName && <p className="mt-1 text-sm text-slate-600">Read {fileName} into the box below.</p>}
        </div>
        <div>
          <label htmlFor={textId} className="block text-sm font-medium">Or paste the FHIR JSON</label>
          <textarea
            id={textId}
            name="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={12}
            spellCheck={false}
            className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
          />
        </div>
        <button type="submit" disabled={pending || text.trim() === ""} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {pending ? "Importing…" : "Import protocol"}
        </button>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="mt-6 outline-none">
        {done && (
          <section aria-labelledby="import-done" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
            <h2 id="import-done" className="text-lg font-semibold">Imported &ldquo;{done.name}&rdquo; as a draft</h2>
            {done.renamedFrom && <p className="mt-1 text-sm">Renamed from &ldquo;{done.renamedFrom}&rdquo;: your clinic already has a protocol of that name.</p>}
            <p className="mt-2 text-sm">
              {done.items} treatment steps · {done.matched.length} matched to your catalog · {done.created.length} created as drafts to review
            </p>
            {done.matched.length > 0 && (
              <>
                <h3 className="mt-3 text-sm font-semibold">Matched to your catalog</h3>
                <ul className="ml-5 list-disc text-sm">
                  {done.matched.map((m) => (
                    <li key={m.catalogItemId}>
                      {m.importedName} → <Link className="text-brand-700 underline" href={`/admin/catalog/${m.catalogItemId}`}>{m.name}</Link> (by {m.by})
                    </li>
                  ))}
                </ul>
              </>
            )}
            {done.created.length > 0 && (
              <>
                <h3 className="mt-3 text-sm font-semibold">Created as draft treatments: review and activate them</h3>
                <ul className="ml-5 list-disc text-sm">
                  {done.created.map((c) => (
                    <li key={c.catalogItemId}>
                      <Link className="text-brand-700 underline" href={`/admin/catalog/${c.catalogItemId}`}>{c.name}</Link>
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-sm">
                  <Link className="text-brand-700 underline" href="/admin/catalog?status=DRAFT&tag=imported">All imported drafts in the catalog</Link>
                </p>
              </>
            )}
            <p className="mt-3 text-sm">
              <Link className="font-medium text-brand-700 underline" href={`/admin/templates/${done.templateId}`}>Open the protocol</Link> to review it; activate it when its
              treatments are ready. Clinicians do not see it until then.
            </p>
          </section>
        )}
        {failure && (
          <section aria-labelledby="import-failed" role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4">
            <h2 id="import-failed" className="text-lg font-semibold text-red-900">Nothing was imported</h2>
            <p className="mt-1 text-sm">{failure.message}</p>
            {failure.issues.length > 0 && (
              <ol className="ml-5 mt-2 list-decimal space-y-1 text-sm">
                {failure.issues.map((issue, i) => (
                  <li key={i}>
                    {issue.diagnostics}
                    {issue.expression && (
                      <>
                        {" "}
                        <span className="text-slate-700">at</span> <code className="break-all text-xs">{issue.expression}</code>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
      </div>
    </>
  );
}
