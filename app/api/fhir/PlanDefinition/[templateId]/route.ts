// GET /api/fhir/PlanDefinition/[templateId] – a protocol as a FHIR R4 Bundle (collection): its
// PlanDefinition and ActivityDefinitions, for another clinic to import (ADR 051); also to API
// clients holding the CATALOG_READ scope ("Read catalog": treatments and protocols, ADR 047)
import { z } from "@/lib/validation/zod";
import { exportPlanDefinition } from "@/lib/domain/fhir-import/export-plan-definition";
import { fhirErrors, fhirJson } from "@/lib/server/fhir-response";
import { withRoute } from "@/lib/server/with-route";
import { ZId } from "@/lib/validation/common";

export const GET = fhirErrors(
  withRoute(z.object({ templateId: ZId }), async ({ actor, params }) => {
    const response = fhirJson(await exportPlanDefinition(actor, params.templateId));
    response.headers.set("Content-Disposition", `attachment; filename="protocol-${params.templateId}.fhir.json"`);
    return response;
  }, { api: { scope: "CATALOG_READ" } }),
);
