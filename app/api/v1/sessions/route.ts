// GET /api/v1/sessions – the sessions the actor may see, a page at a time (decision 048)
import { z } from "@/lib/validation/zod";
import { listSessionsPage } from "@/lib/domain/api/list-sessions";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), ({ actor, request }) => listSessionsPage(actor, Object.fromEntries(new URL(request.url).searchParams)));
