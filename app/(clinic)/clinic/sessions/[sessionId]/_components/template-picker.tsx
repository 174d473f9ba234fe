"use client";

import { useId, useState } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { inputClass } from "@/app/_components/form/field";
import type { NoteTemplateDto } from "@/lib/domain/note-templates/note-templates";
import { SOAP_SECTIONS, type SoapSection } from "@/lib/validation/note-templates";

export type SoapTexts = Partial<Record<SoapSection, string>>;

/**
 * "Start from a template" (decision 037): fills the SOAP boxes with a note template's starter
 * text. On empty boxes it applies at once; when any box has text it asks before replacing it.
 */
export function TemplatePicker({ templates, typedSections, onApply }: { templates: NoteTemplateDto[]; typedSections: () => string[]; onApply: (texts: SoapTexts) => void }) {
  const selectId = useId();
  const [chosenId, setChosenId] = useState(templates[0]?.id ?? "");
  const [message, setMessage] = useState("");
  const [typed, setTyped] = useState<string[]>([]);
  if (templates.length === 0) return null;
  const chosen = templates.find((t) => t.id === chosenId);

  function apply() {
    if (!chosen) return;
    onApply(Object.fromEntries(SOAP_SECTIONS.filter((s) => chosen[s] !== "").map((s) => [s, chosen[s]])));
    setMessage(`Started from “${chosen.name}”. Edit the text to fit this visit.`);
  }

  return (
    <div className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="min-w-48 flex-1">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          Note template
        </label>
        <select id={selectId} value={chosenId} onChange={(e) => setChosenId(e.target.value)} className={`${inputClass} mt-1`} data-autosave="ignore">
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <ConfirmButton
        label="Use template"
        title="Replace what you have written?"
        body={`The template's text replaces what is in ${typed.join(", ") || "the note"}. This can't be undone.`}
        confirmLabel="Replace with template"
        tone="danger"
        // Empty boxes are filled at once; typed text is replaced only after the question.
        canOpen={() => {
          const now = typedSections();
          setTyped(now);
          if (now.length > 0) return true;
          apply();
          return false;
        }}
        onConfirm={apply}
      />
      <p aria-live="polite" className="w-full text-sm text-slate-700">
        {message}
      </p>
    </div>
  );
}
