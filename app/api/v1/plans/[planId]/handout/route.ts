// GET /api/v1/plans/[planId]/handout – the plan as a PDF handout, for its care team or its patient (decision 031)
import { z } from "@/lib/validation/zod";
import { buildPlanHandout } from "@/lib/domain/plans/plan-handout";
import { withRoute } from "@/lib/server/with-route";
import { pdfResponse } from "@/lib/server/pdf-response";
import { ZId } from "@/lib/validation/common";

export const GET = withRoute(z.object({ planId: ZId }), async ({ actor, params }) => pdfResponse(await buildPlanHandout(actor, params.planId)));
