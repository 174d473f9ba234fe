// POST /api/v1/uploads/catalog/[itemId] – upload a picture or video to a catalog item (admins)
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { uploadCatalogMedia } from "@/lib/domain/media/upload-media";
import { declaredLength } from "@/lib/server/media-http";
import { withUploadRoute } from "@/lib/server/with-upload-route";
import { ZCatalogItemParams } from "@/lib/validation/media";

export const POST = withUploadRoute(ZCatalogItemParams, ({ actor, params, request }) =>
  uploadCatalogMedia(actor, {
    catalogItemId: params.itemId,
    text: Object.fromEntries(new URL(request.url).searchParams),
    declaredLength: declaredLength(request),
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream) : Readable.from([]),
  }),
);
