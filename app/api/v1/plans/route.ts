// GET /api/v1/plans – the plans the actor may see, a page at a time (decision 048)
import { z } from "@/lib/validation/zod";
import { listPlansPage } from "@/lib/domain/api/list-plans";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), ({ actor, request }) => listPlansPage(actor, Object.fromEntries(new URL(request.url).searchParams)));
