// POST /api/v1/push/subscriptions – store this browser's PushSubscription for the signed-in patient (upsert by endpoint)
// DELETE /api/v1/push/subscriptions – remove the patient's own subscription of { endpoint } (404 otherwise)
// Decision 036. The body is the PushSubscription JSON the browser made; malformed input is a 400.
import { subscribePush } from "@/lib/domain/push/subscribe-push";
import { unsubscribePush } from "@/lib/domain/push/unsubscribe-push";
import { readJsonBody } from "@/lib/server/read-json-body";
import { withRoute } from "@/lib/server/with-route";
import { z } from "@/lib/validation/zod";

export const POST = withRoute(z.object({}), async ({ actor, request }) =>
  subscribePush(actor, await readJsonBody(request), { userAgent: request.headers.get("user-agent") }),
);

export const DELETE = withRoute(z.object({}), async ({ actor, request }) => unsubscribePush(actor, await readJsonBody(request)));
