"use client";
// Uploads one picture or video with a progress bar (XMLHttpRequest reports upload progress; fetch
// does not), its alt text and an optional step caption (decisions 024 and 029). The file goes as
// the raw request body to `uploadUrl`; the server identifies it from its bytes and answers a clear
// message (too large, not a picture, an iPhone HEVC .mov…) that is shown here as it is.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";

type Upload = { state: "idle" } | { state: "sending"; percent: number } | { state: "error"; message: string } | { state: "done" };

function messageOf(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } };
    return body.error?.fieldErrors?.altText?.[0] ?? body.error?.message ?? `Upload failed (${xhr.status}).`;
  } catch {
    return xhr.status === 413 ? "The file is too large." : `Upload failed (${xhr.status || "network error"}).`;
  }
}

type Props = {
  /** Where the file is POSTed, e.g. /api/v1/uploads/catalog/<id>. */
  uploadUrl: string;
  /** The file input's `accept`. */
  accept: string;
  /** Offer the phone's camera (`capture="environment"`) as well as its files. */
  capture?: boolean;
  fileLabel?: string;
};

export function MediaUploadForm({ uploadUrl, accept, capture = false, fileLabel = "File" }: Props) {
  const router = useRouter();
  const ids = { file: useId(), alt: useId(), caption: useId(), progress: useId() };
  const form = useRef<HTMLFormElement>(null);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });

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
    xhr.open("POST", `${uploadUrl}?${query}`);
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

  return (
    <form ref={form} onSubmit={submit} className="mt-4 space-y-3" aria-describedby={ids.progress}>
      <div>
        <label htmlFor={ids.file} className="block text-sm font-medium">{fileLabel}</label>
        <input id={ids.file} name="file" type="file" accept={accept} capture={capture ? "environment" : undefined} className="mt-1 block w-full text-sm" />
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
  );
}
