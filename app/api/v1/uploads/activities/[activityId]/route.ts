// POST /api/v1/uploads/activities/[activityId] – upload a picture or video to one patient's activity (care team)
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { uploadActivityMedia } from "@/lib/domain/media/upload-media";
import { declaredLength } from "@/lib/server/media-http";
import { withUploadRoute } from "@/lib/server/with-upload-route";
import { ZActivityParams } from "@/lib/validation/media";

export const POST = withUploadRoute(ZActivityParams, ({ actor, params, request }) =>
  uploadActivityMedia(actor, {
    activityId: params.activityId,
    text: Object.fromEntries(new URL(request.url).searchParams),
    declaredLength: declaredLength(request),
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream) : Readable.from([]),
  }),
);
