// DELETE /api/v1/media/[mediaId]/poster   – remove a video's poster image ({ "confirm": true })
// DELETE /api/v1/media/[mediaId]/captions – remove a video's captions ({ "confirm": true })
// Catalog video: admins; a patient's activity video: the care team (decision 026).
import { removeVideoPart } from "@/lib/domain/media/video-extras";
import { withRoute } from "@/lib/server/with-route";
import { ZVideoPartParams } from "@/lib/validation/media";

export const DELETE = withRoute(ZVideoPartParams, async ({ actor, params, request }) => {
  const body: unknown = await request.json().catch(() => null);
  const confirm = typeof body === "object" && body !== null ? (body as { confirm?: unknown }).confirm : undefined;
  return removeVideoPart(actor, { mediaId: params.mediaId, part: params.part, confirm: confirm as true });
});
