// GET /api/v1/media/[mediaId] – a picture rendition (?w=&f=) or a video (byte ranges), authorized per request;
//   ?part=poster&w=&f= a video's poster rendition, ?part=captions its WebVTT captions (decision 026)
// DELETE /api/v1/media/[mediaId] – remove a catalog item's picture or video (admins)
import { requireActor } from "@/lib/auth/session";
import { removeCatalogMedia } from "@/lib/domain/media/catalog-media";
import { openMedia } from "@/lib/domain/media/open-media";
import { AppError } from "@/lib/errors";
import { errorHeaders, toErrorResponse } from "@/lib/server/map-error";
import { refuseBearerToken } from "@/lib/server/refuse-bearer";
import { parseRange, responseBody } from "@/lib/server/media-http";
import { withRoute } from "@/lib/server/with-route";
import { z } from "@/lib/validation/zod";
import { ZMediaId, ZMediaVariant } from "@/lib/validation/media";

export async function GET(request: Request, context: { params: Promise<{ mediaId: string }> }): Promise<Response> {
  try {
    // Media takes no API client's token (ADR 047): refused as withRoute refuses it, with RFC 6750's header.
    refuseBearerToken(request);
    const actor = await requireActor();
    const id = ZMediaId.safeParse((await context.params).mediaId);
    if (!id.success) throw new AppError("NOT_FOUND", "Media not found");
    const variant = ZMediaVariant.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!variant.success) throw new AppError("VALIDATION", "Ask for a width of 320, 640 or 1280, a format of webp or avif, and a part of poster or captions.");
    const range = parseRange(request.headers.get("range"));
    const { object, contentType, isPatientMedia } = await openMedia(actor, { mediaId: id.data, variant: variant.data, range });
    const headers = new Headers({
      "Content-Type": contentType,
      "Accept-Ranges": "bytes",
      // Patient media is health information: kept by no cache at all. Catalog media only by this browser.
      "Cache-Control": isPatientMedia ? "private, no-store" : "private, max-age=300",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
    });
    if (object.unsatisfiable) {
      object.body.destroy();
      headers.set("Content-Range", `bytes */${object.size}`);
      return new Response(null, { status: 416, headers });
    }
    if (object.range) {
      headers.set("Content-Range", `bytes ${object.range.start}-${object.range.end}/${object.size}`);
      headers.set("Content-Length", String(object.range.end - object.range.start + 1));
    } else {
      headers.set("Content-Length", String(object.size));
    }
    return new Response(responseBody(object.body), { status: object.range ? 206 : 200, headers });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { ...errorHeaders(error), "Cache-Control": "no-store" } });
  }
}

export const DELETE = withRoute(z.object({ mediaId: ZMediaId }), ({ actor, params }) => removeCatalogMedia(actor, params.mediaId));
