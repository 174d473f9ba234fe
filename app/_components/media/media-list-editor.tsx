"use client";
// An ordered list of pictures and videos with, per item, Up/Down (the new position announced),
// an inline alt text / step caption editor and removal after confirmation (decision 029). Who
// may change what is the caller's: it passes the calls (server actions of the catalog or of a
// plan) and `readOnly` when nothing may change.
import { useRouter } from "next/navigation";
import { useState } from "react";

export type EditableMedia = { id: string; kind: "IMAGE" | "VIDEO"; altText: string | null; caption: string | null; url: string; version: number };

/** What a server action answers (ActionResult), as far as this list reads it. */
export type MediaOutcome<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Partial<Record<string, string[]>> };

export type MediaCalls = {
  move: (item: EditableMedia, direction: "up" | "down") => Promise<MediaOutcome<{ position: number; count: number }>>;
  update: (item: EditableMedia, text: { altText: string; caption: string }) => Promise<MediaOutcome<unknown>>;
  remove: (item: EditableMedia) => Promise<MediaOutcome<unknown>>;
};

type Props<M extends EditableMedia> = {
  media: M[];
  calls: MediaCalls;
  /** Said in the confirmation, e.g. "Patients will no longer see it." */
  removeConsequence: string;
  readOnly?: boolean;
  /** More controls under one item (e.g. a video's poster and captions). */
  extra?: (item: M) => React.ReactNode;
};

const nameOf = (m: EditableMedia) => (m.altText ? `"${m.altText}"` : "video");

export function MediaListEditor<M extends EditableMedia>({ media, calls, removeConsequence, readOnly = false, extra }: Props<M>) {
  const router = useRouter();
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [editing, setEditing] = useState<string | null>(null);

  async function move(item: M, direction: "up" | "down") {
    const result = await calls.move(item, direction);
    if (result.ok) {
      setStatus(`Moved to position ${result.data.position} of ${result.data.count}.`);
      router.refresh();
    } else setStatus(result.message);
  }

  async function saveText(item: M, event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const result = await calls.update(item, { altText: String(data.get("altText") ?? ""), caption: String(data.get("caption") ?? "") });
    if (result.ok) {
      setStatus("Saved.");
      setEditing(null);
      router.refresh();
    } else setStatus(result.fieldErrors?.altText?.[0] ?? result.fieldErrors?.caption?.[0] ?? result.message);
  }

  async function remove(item: M) {
    if (!window.confirm(`Remove this ${item.kind === "IMAGE" ? "picture" : "video"}${item.altText ? ` ("${item.altText}")` : ""}? ${removeConsequence}`)) return;
    setRemoving(item.id);
    setRemoveError(null);
    const result = await calls.remove(item);
    setRemoving(null);
    if (result.ok) router.refresh();
    else setRemoveError(result.message);
  }

  return (
    <>
      {media.length === 0 ? (
        <p className="mt-3 text-slate-600">None yet.</p>
      ) : (
        <ol className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
          {media.map((m, i) => (
            <li key={m.id} className="rounded-md border border-slate-200 p-2">
              {m.kind === "IMAGE" ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={`${m.url}?w=320&f=webp`} alt={m.altText ?? ""} loading="lazy" className="h-auto w-full rounded" />
              ) : (
                <p className="rounded bg-slate-100 p-3 text-sm text-slate-700">Video</p>
              )}
              {m.caption && <p className="mt-1 text-sm">{m.caption}</p>}
              {!readOnly && (
                <>
                  <div className="mt-2 flex flex-wrap gap-2">
                    <button type="button" onClick={() => move(m, "up")} disabled={i === 0} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm disabled:opacity-50" aria-label={`Move ${nameOf(m)} up`}>
                      Up
                    </button>
                    <button type="button" onClick={() => move(m, "down")} disabled={i === media.length - 1} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm disabled:opacity-50" aria-label={`Move ${nameOf(m)} down`}>
                      Down
                    </button>
                    <button type="button" onClick={() => setEditing(editing === m.id ? null : m.id)} aria-expanded={editing === m.id} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
                      Edit text
                    </button>
                  </div>
                  {editing === m.id && (
                    <form onSubmit={(e) => saveText(m, e)} className="mt-2 space-y-2">
                      <label className="block text-sm font-medium">
                        Alt text{m.kind === "IMAGE" ? " (required)" : ""}
                        <input name="altText" defaultValue={m.altText ?? ""} maxLength={300} required={m.kind === "IMAGE"} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1" />
                      </label>
                      <label className="block text-sm font-medium">
                        Step caption
                        <input name="caption" defaultValue={m.caption ?? ""} maxLength={300} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1" />
                      </label>
                      <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white">Save</button>
                    </form>
                  )}
                  {extra?.(m)}
                  <button
                    type="button"
                    onClick={() => remove(m)}
                    disabled={removing === m.id}
                    className="mt-2 inline-flex min-h-11 items-center text-sm font-medium text-red-800 underline"
                    aria-label={`Remove ${m.kind === "IMAGE" ? `picture "${m.altText ?? ""}"` : "video"}`}
                  >
                    {removing === m.id ? "Removing…" : "Remove"}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {removeError && <p role="status" className="mt-2 text-sm text-red-800">{removeError}</p>}
      <p aria-live="polite" className="mt-2 text-sm">{status}</p>
    </>
  );
}
