"use client";
// A video's poster image and WebVTT captions (decision 026), for whoever may change the video: the
// clinic's admins for a catalog video, the care team for a patient's activity video (the server
// decides; this form only sends). Each file goes alone as the raw request body to
// <routeBase>/uploads/media/<id>/poster|captions, with a progress bar (XMLHttpRequest reports upload
// progress; fetch does not); removal asks for confirmation and sends DELETE
// <routeBase>/media/<id>/poster|captions. Progress, success and errors are announced (aria-live).
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";

type Part = "poster" | "captions";
type Status = { state: "idle" } | { state: "sending"; part: Part; percent: number } | { state: "error"; message: string } | { state: "done"; message: string };

const NAMES: Record<Part, { label: string; noun: string }> = {
  poster: { label: "Poster image", noun: "poster image" },
  captions: { label: "Captions (WebVTT)", noun: "captions" },
};

function messageOf(status: number, responseText: string): string {
  try {
    const body = JSON.parse(responseText) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } };
    return body.error?.fieldErrors?.file?.[0] ?? body.error?.message ?? `It failed (${status}). Nothing was changed.`;
  } catch {
    return status === 413 ? "The file is too large. Nothing was saved." : `It failed (${status || "network error"}). Nothing was changed.`;
  }
}

export function VideoExtrasForm({
  mediaId,
  hasPoster,
  hasCaptions,
  routeBase = "/api/v1",
  videoName,
}: {
  mediaId: string;
  hasPoster: boolean;
  hasCaptions: boolean;
  /** Where the API lives: uploads go to `${routeBase}/uploads/media/…`, removals to `${routeBase}/media/…`. */
  routeBase?: string;
  /** How the video is named in confirmations and button labels (its caption or alt text). */
  videoName?: string | null;
}) {
  const router = useRouter();
  const ids = { poster: useId(), captions: useId(), status: useId() };
  const inputs = { poster: useRef<HTMLInputElement>(null), captions: useRef<HTMLInputElement>(null) };
  const [has, setHas] = useState<Record<Part, boolean>>({ poster: hasPoster, captions: hasCaptions });
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const busy = status.state === "sending";
  const of = videoName ? ` of "${videoName}"` : " of this video";

  function upload(part: Part) {
    const file = inputs[part].current?.files?.[0];
    if (!file || file.size === 0) {
      setStatus({ state: "error", message: part === "poster" ? "Choose a poster image first." : "Choose a WebVTT captions file (.vtt) first." });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${routeBase}/uploads/media/${mediaId}/${part}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => setStatus({ state: "sending", part, percent: e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : 0 });
    xhr.onload = () => {
      if (xhr.status === 201) {
        setHas((h) => ({ ...h, [part]: true }));
        setStatus({ state: "done", message: part === "poster" ? "Poster image saved." : "Captions saved." });
        if (inputs[part].current) inputs[part].current.value = "";
        router.refresh();
      } else setStatus({ state: "error", message: messageOf(xhr.status, xhr.responseText) });
    };
    xhr.onerror = () => setStatus({ state: "error", message: "The upload was interrupted. Nothing was saved." });
    setStatus({ state: "sending", part, percent: 0 });
    xhr.send(file);
  }

  async function remove(part: Part) {
    if (!window.confirm(`Remove the ${NAMES[part].noun}${of}? Patients will no longer see ${part === "poster" ? "it" : "them"}.`)) return;
    setStatus({ state: "idle" });
    try {
      const res = await fetch(`${routeBase}/media/${mediaId}/${part}`, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ confirm: true }) });
      if (res.ok) {
        setHas((h) => ({ ...h, [part]: false }));
        setStatus({ state: "done", message: part === "poster" ? "Poster image removed." : "Captions removed." });
        router.refresh();
      } else setStatus({ state: "error", message: messageOf(res.status, await res.text()) });
    } catch {
      setStatus({ state: "error", message: "The connection failed. Nothing was changed." });
    }
  }

  return (
    <fieldset className="mt-2 space-y-3 rounded-md border border-slate-200 p-2" aria-describedby={ids.status}>
      <legend className="px-1 text-sm font-medium">Poster and captions</legend>
      {(["poster", "captions"] as const).map((part) => (
        <div key={part}>
          <label htmlFor={ids[part]} className="block text-sm font-medium">
            {NAMES[part].label}
          </label>
          <p className="text-xs text-slate-600">
            {has[part] ? (part === "poster" ? "Has a poster image." : "Has captions.") : part === "poster" ? "No poster image yet (JPEG, PNG, WebP or AVIF, up to 10 MB)." : "No captions yet (a WebVTT .vtt file, up to 512 kB)."}
          </p>
          <input
            ref={inputs[part]}
            id={ids[part]}
            type="file"
            accept={part === "poster" ? "image/*" : ".vtt,text/vtt"}
            disabled={busy}
            className="mt-1 block w-full text-sm"
          />
          <div className="mt-1 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => upload(part)}
              disabled={busy}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm font-medium disabled:opacity-60"
              aria-label={`${has[part] ? "Replace" : "Upload"} the ${NAMES[part].noun}${of}`}
            >
              {has[part] ? "Replace" : "Upload"}
            </button>
            {has[part] && (
              <button
                type="button"
                onClick={() => remove(part)}
                disabled={busy}
                className="inline-flex min-h-11 items-center text-sm font-medium text-red-800 underline disabled:opacity-60"
                aria-label={`Remove the ${NAMES[part].noun}${of}`}
              >
                Remove
              </button>
            )}
          </div>
        </div>
      ))}
      <div id={ids.status} aria-live="polite" className="text-sm">
        {status.state === "sending" && (
          <label className="block">
            Uploading the {NAMES[status.part].noun}: {status.percent}%
            <progress max={100} value={status.percent} className="mt-1 block w-full" />
          </label>
        )}
        {status.state === "error" && <p className="text-red-800">{status.message}</p>}
        {status.state === "done" && <p className="text-emerald-800">{status.message}</p>}
      </div>
    </fieldset>
  );
}
