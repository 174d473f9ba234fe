// GET /api/v1/outcomes – the outcome scores the actor may see, a page at a time (decision 048)
import { z } from "@/lib/validation/zod";
import { listOutcomesPage } from "@/lib/domain/api/list-outcomes";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), ({ actor, request }) => listOutcomesPage(actor, Object.fromEntries(new URL(request.url).searchParams)));
