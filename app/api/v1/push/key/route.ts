// GET /api/v1/push/key – the server's VAPID public key, for a signed-in patient's browser to subscribe (decision 036)
import { getPushPublicKey } from "@/lib/domain/push/get-push-key";
import { withRoute } from "@/lib/server/with-route";
import { z } from "@/lib/validation/zod";

export const GET = withRoute(z.object({}), ({ actor }) => getPushPublicKey(actor));
