"use client";
// One activity's own pictures and videos, for the care team (decision 029): collapsed by default so
// the plan stays readable; the phone's camera is offered (`capture`) to film the exercise during the
// session. Only this patient and their care team see these; the patient sees them on Today and My
// plan after the catalog's. Read-only once the plan or the activity can no longer change.
import { MediaListEditor, type MediaCalls } from "@/app/_components/media/media-list-editor";
import { MediaUploadForm } from "@/app/_components/media/media-upload-form";
import { VideoExtrasForm } from "@/app/_components/media/video-extras-form";
import type { MediaDto } from "@/lib/domain/media/dto";
import { moveActivityMediaAction, removeActivityMediaAction, updateActivityMediaAction } from "../actions";

const CALLS: MediaCalls = {
  move: (item, direction) => moveActivityMediaAction({ mediaId: item.id, version: item.version, direction }),
  update: (item, text) => updateActivityMediaAction({ mediaId: item.id, version: item.version, ...text }),
  // Asked only after the list's confirmation.
  remove: (item) => removeActivityMediaAction({ mediaId: item.id, confirm: true }),
};

export function ActivityMediaPanel({ activityId, activityName, media, editable }: { activityId: string; activityName: string; media: MediaDto[]; editable: boolean }) {
  if (!editable && media.length === 0) return null;
  return (
    <details className="mt-3 rounded-md border border-slate-200" data-media-panel={activityId}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">
        Pictures and videos<span className="sr-only"> for {activityName}</span>&nbsp;({media.length})
      </summary>
      <div className="px-3 pb-3">
        <p className="text-sm text-slate-600">
          This patient&apos;s own, shown to them after the treatment&apos;s catalog pictures; only they and their care team can open them.
          {editable && " Pictures: JPEG, PNG, WebP or AVIF up to 10 MB. Videos: MP4 (H.264) or WebM up to 200 MB."}
        </p>
        <MediaListEditor
          media={media}
          calls={CALLS}
          removeConsequence="The patient will no longer see it."
          readOnly={!editable}
          extra={(m) => m.kind === "VIDEO" && <VideoExtrasForm mediaId={m.id} hasPoster={m.poster !== null} hasCaptions={m.captionsUrl !== null} videoName={m.caption ?? m.altText} />}
        />
        {editable && <MediaUploadForm uploadUrl={`/api/v1/uploads/activities/${activityId}`} accept="video/*,image/*" capture fileLabel="Picture or video (or film one now)" />}
      </div>
    </details>
  );
}
