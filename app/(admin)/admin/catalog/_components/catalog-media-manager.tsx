"use client";
// Pictures and videos of a catalog item: upload with a progress bar (XMLHttpRequest reports upload
// progress; fetch does not), alt text and step caption, removal after confirmation. The file goes
// as the raw request body to /api/v1/uploads/catalog/<id>; the server identifies it from its bytes.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { VideoExtrasForm } from "@/app/_components/media/video-extras-form";
import { moveCatalogMediaAction, updateCatalogMediaAction } from "../actions";

export type CatalogMediaItem = { id: string; kind: "IMAGE" | "VIDEO"; altText: string | null; caption: string | null; url: string; version: number; hasPoster?: boolean; hasCaptions?: boolean };

type Upload = { state: "idle" } | { state: "sending"; percent: number } | { state: "error"; message: string } | { state: "done" };

function messageOf(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } };
    return body.error?.fieldErrors?.altText?.[0] ?? body.error?.message ?? `Upload failed (${xhr.status}).`;
  } catch {
    return xhr.status === 413 ? "The file is too large." : `Upload failed (${xhr.status || "network error"}).`;
  }
}

export function CatalogMediaManager({ itemId, media }: { itemId: string; media: CatalogMediaItem[] }) {
  const router = useRouter();
  const ids = { file: useId(), alt: useId(), caption: useId(), progress: useId() };
  const form = useRef<HTMLFormElement>(null);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [editing, setEditing] = useState<string | null>(null);

  async function move(item: CatalogMediaItem, direction: "up" | "down") {
    const result = await moveCatalogMediaAction({ mediaId: item.id, version: item.version, direction });
    if (result.ok) {
      setStatus(`Moved to position ${result.data.position} of ${result.data.count}.`);
      router.refresh();
    } else setStatus(result.message);
  }

  async function saveText(item: CatalogMediaItem, event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const result = await updateCatalogMediaAction({ mediaId: item.id, version: item.version, altText: String(data.get("altText") ?? ""), caption: String(data.get("caption") ?? "") });
    if (result.ok) {
      setStatus("Saved.");
      setEditing(null);
      router.refresh();
    } else setStatus(result.fieldErrors?.altText?.[0] ?? result.fieldErrors?.caption?.[0] ?? result.message);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setUpload({ state: "error", message: "Choose a picture or video first." });
      return;
    }
    const query = new URLSearchParams({ altText: String(data.get("altText") ?? ""), caption: String(data.get("caption") ?? "") });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/uploads/catalog/${itemId}?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => setUpload({ state: "sending", percent: e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : 0 });
    xhr.onload = () => {
      if (xhr.status === 201) {
        setUpload({ state: "done" });
        form.current?.reset();
        router.refresh();
      } else setUpload({ state: "error", message: messageOf(xhr) });
    };
    xhr.onerror = () => setUpload({ state: "error", message: "The upload was interrupted. Nothing was saved." });
    setUpload({ state: "sending", percent: 0 });
    xhr.send(file);
  }

  async function remove(item: CatalogMediaItem) {
    if (!window.confirm(`Remove this ${item.kind === "IMAGE" ? "picture" : "video"}${item.altText ? ` ("${item.altText}")` : ""}? Patients will no longer see it.`)) return;
    setRemoving(item.id);
    setRemoveError(null);
    const res = await fetch(item.url, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: "{}" });
    setRemoving(null);
    if (res.ok) router.refresh();
    else setRemoveError("It could not be removed. Reload the page and try again.");
  }

  return (
    <section aria-labelledby="media-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="media-heading" className="text-lg font-semibold">Pictures and videos</h2>
      <p className="text-sm text-slate-600">Shown to patients beside this treatment, in this order. Pictures: JPEG, PNG, WebP or AVIF up to 10 MB. Videos: MP4 (H.264) or WebM up to 200 MB.</p>
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
              {m.kind === "VIDEO" && <VideoExtrasForm mediaId={m.id} hasPoster={m.hasPoster ?? false} hasCaptions={m.hasCaptions ?? false} videoName={m.caption ?? m.altText} />}
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="button" onClick={() => move(m, "up")} disabled={i === 0} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm disabled:opacity-50" aria-label={`Move ${m.altText ? `"${m.altText}"` : "video"} up`}>
                  Up
                </button>
                <button type="button" onClick={() => move(m, "down")} disabled={i === media.length - 1} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm disabled:opacity-50" aria-label={`Move ${m.altText ? `"${m.altText}"` : "video"} down`}>
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
              <button
                type="button"
                onClick={() => remove(m)}
                disabled={removing === m.id}
                className="mt-2 inline-flex min-h-11 items-center text-sm font-medium text-red-800 underline"
                aria-label={`Remove ${m.kind === "IMAGE" ? `picture "${m.altText ?? ""}"` : "video"}`}
              >
                {removing === m.id ? "Removing…" : "Remove"}
              </button>
            </li>
          ))}
        </ol>
      )}
      {removeError && <p role="status" className="mt-2 text-sm text-red-800">{removeError}</p>}
      <p aria-live="polite" className="mt-2 text-sm">{status}</p>

      <form ref={form} onSubmit={submit} className="mt-4 space-y-3" aria-describedby={ids.progress}>
        <div>
          <label htmlFor={ids.file} className="block text-sm font-medium">File</label>
          <input id={ids.file} name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,video/mp4,video/webm" className="mt-1 block w-full text-sm" />
        </div>
        <div>
          <label htmlFor={ids.alt} className="block text-sm font-medium">Alt text (required for a picture)</label>
          <input id={ids.alt} name="altText" maxLength={300} placeholder="e.g. Start position: on hands and knees, back flat" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor={ids.caption} className="block text-sm font-medium">Step caption (optional)</label>
          <input id={ids.caption} name="caption" maxLength={300} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" disabled={upload.state === "sending"} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-medium text-white disabled:opacity-60">
          {upload.state === "sending" ? "Uploading…" : "Upload"}
        </button>
        <div id={ids.progress} aria-live="polite">
          {upload.state === "sending" && (
            <label className="block text-sm">
              Uploading: {upload.percent}%
              <progress max={100} value={upload.percent} className="mt-1 block w-full" />
            </label>
          )}
          {upload.state === "error" && <p className="text-sm text-red-800">{upload.message}</p>}
          {upload.state === "done" && <p className="text-sm text-emerald-800">Uploaded.</p>}
        </div>
      </form>
    </section>
  );
}
