// GET /api/v1/plans/[planId] – a plan with its activities, for its care team or its patient, and
// for API clients with the PATIENT_READ scope (ADR 047)
import { z } from "@/lib/validation/zod";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { withRoute } from "@/lib/server/with-route";
import { ZId } from "@/lib/validation/common";

export const GET = withRoute(z.object({ planId: ZId }), ({ actor, params }) => getPlan(actor, params.planId), { api: { scope: "PATIENT_READ" } });
