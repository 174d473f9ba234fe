// POST /api/v1/uploads/media/[mediaId]/poster   – a video's poster image (raw body; replaces any it had)
// POST /api/v1/uploads/media/[mediaId]/captions – a video's WebVTT captions (raw body; replaces any it had)
// Catalog video: admins; a patient's activity video: the care team (decision 026).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { uploadVideoPart } from "@/lib/domain/media/video-extras";
import { declaredLength } from "@/lib/server/media-http";
import { withUploadRoute } from "@/lib/server/with-upload-route";
import { ZVideoPartParams } from "@/lib/validation/media";

export const POST = withUploadRoute(ZVideoPartParams, ({ actor, params, request }) =>
  uploadVideoPart(actor, {
    mediaId: params.mediaId,
    part: params.part,
    declaredLength: declaredLength(request),
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream) : Readable.from([]),
  }),
);
