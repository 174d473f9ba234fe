// GET /api/v1/clinic/logo – the clinic's logo (a PNG) for any signed-in user of that clinic; 404 when it has none
import { requireActor } from "@/lib/auth/session";
import { openClinicLogo } from "@/lib/domain/clinic/logo";
import { errorHeaders, toErrorResponse } from "@/lib/server/map-error";
import { responseBody } from "@/lib/server/media-http";
import { refuseBearerToken } from "@/lib/server/refuse-bearer";

export async function GET(request: Request): Promise<Response> {
  try {
    // The logo takes no API client's token (ADR 047).
    refuseBearerToken(request);
    const actor = await requireActor();
    const object = await openClinicLogo(actor);
    return new Response(responseBody(object.body), {
      status: 200,
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(object.size),
        // Replaced logos show at once: the browser keeps it but asks again each time.
        "Cache-Control": "private, no-cache",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { ...errorHeaders(error), "Cache-Control": "no-store" } });
  }
}
