import type { Metadata } from "next";
import { listNoteTemplates } from "@/lib/domain/note-templates/note-templates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { NoteTemplateEditor } from "./_components/note-template-editor";

export const metadata: Metadata = { title: "Note templates" };

export default async function NoteTemplatesPage() {
  const actor = await requirePageActor("ADMIN", "/admin/note-templates");
  const templates = await loadForPage(() => listNoteTemplates(actor));
  const active = templates.filter((t) => !t.archived);
  const archived = templates.filter((t) => t.archived);
  return (
    <div className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Note templates</h1>
        <p className="mt-1 text-slate-700">
          Starter text for a session&apos;s SOAP note, one template per kind of visit. A clinician picks one on an empty draft; what they have typed is never replaced
          without asking.
        </p>
      </header>

      <section aria-labelledby="new-template" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-template" className="text-lg font-semibold">
          New note template
        </h2>
        <NoteTemplateEditor template={null} />
      </section>

      <section aria-labelledby="in-use" className="space-y-3">
        <h2 id="in-use" className="text-lg font-semibold">
          In use
        </h2>
        {active.length === 0 ? (
          <p className="text-sm text-slate-600">No note templates yet. Clinicians start their notes from empty boxes until you add one above.</p>
        ) : (
          <ul className="space-y-3">
            {active.map((t) => (
              <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <NoteTemplateEditor template={t} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {archived.length > 0 && (
        <section aria-labelledby="archived" className="space-y-3">
          <h2 id="archived" className="text-lg font-semibold">
            Archived
          </h2>
          <p className="text-sm text-slate-600">No longer offered on new notes.</p>
          <ul className="space-y-3">
            {archived.map((t) => (
              <li key={t.id} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
                <NoteTemplateEditor template={t} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
