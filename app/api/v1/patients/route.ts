// GET /api/v1/patients – the patients the actor may see, a page at a time (decision 048)
import { z } from "@/lib/validation/zod";
import { listPatientsPage } from "@/lib/domain/api/list-patients";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), ({ actor, request }) => listPatientsPage(actor, Object.fromEntries(new URL(request.url).searchParams)));
