// POST /api/v1/uploads/clinic-logo?version= – set or replace the clinic's logo (admins; raw PNG/JPEG/WebP body ≤ 2 MB)
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { uploadClinicLogo } from "@/lib/domain/clinic/logo";
import { declaredLength } from "@/lib/server/media-http";
import { withUploadRoute } from "@/lib/server/with-upload-route";
import { z } from "@/lib/validation/zod";

export const POST = withUploadRoute(z.object({}), ({ actor, request }) => {
  const version = new URL(request.url).searchParams.get("version");
  return uploadClinicLogo(actor, {
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream) : Readable.from([]),
    declaredLength: declaredLength(request),
    // The form's version, as a number when it is one (the domain validates it).
    version: version !== null && /^\d{1,10}$/.test(version) ? Number(version) : version,
  });
});
