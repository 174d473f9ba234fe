"use client";
// Pictures and videos of a catalog item (decisions 024 and 029): the shared upload form (progress
// bar) and list editor (Up/Down, alt text and step caption, removal after confirmation; a video's
// poster and captions), wired to the catalog's upload route, its server actions and the media
// route's DELETE.
import { MediaListEditor, type EditableMedia, type MediaCalls } from "@/app/_components/media/media-list-editor";
import { MediaUploadForm } from "@/app/_components/media/media-upload-form";
import { VideoExtrasForm } from "@/app/_components/media/video-extras-form";
import { moveCatalogMediaAction, updateCatalogMediaAction } from "../actions";

export type CatalogMediaItem = EditableMedia & { hasPoster?: boolean; hasCaptions?: boolean };

const CALLS: MediaCalls = {
  move: (item, direction) => moveCatalogMediaAction({ mediaId: item.id, version: item.version, direction }),
  update: (item, text) => updateCatalogMediaAction({ mediaId: item.id, version: item.version, ...text }),
  remove: async (item) => {
    const res = await fetch(item.url, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: "{}" });
    return res.ok ? { ok: true, data: null } : { ok: false, message: "It could not be removed. Reload the page and try again." };
  },
};

export function CatalogMediaManager({ itemId, media }: { itemId: string; media: CatalogMediaItem[] }) {
  return (
    <section aria-labelledby="media-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="media-heading" className="text-lg font-semibold">Pictures and videos</h2>
      <p className="text-sm text-slate-600">Shown to patients beside this treatment, in this order. Pictures: JPEG, PNG, WebP or AVIF up to 10 MB. Videos: MP4 (H.264) or WebM up to 200 MB.</p>
      <MediaListEditor
        media={media}
        calls={CALLS}
        removeConsequence="Patients will no longer see it."
        extra={(m) => m.kind === "VIDEO" && <VideoExtrasForm mediaId={m.id} hasPoster={m.hasPoster ?? false} hasCaptions={m.hasCaptions ?? false} videoName={m.caption ?? m.altText} />}
      />
      <MediaUploadForm uploadUrl={`/api/v1/uploads/catalog/${itemId}`} accept="image/jpeg,image/png,image/webp,image/avif,video/mp4,video/webm" />
    </section>
  );
}
