// GET /api/fhir/Patient/[patientId]/$everything – the patient's record as a FHIR R4 searchset Bundle (ADR 049),
// for the care team, the patient themself and API clients with the PATIENT_READ scope (ADR 047)
import { z } from "@/lib/validation/zod";
import { getPatientEverything } from "@/lib/domain/fhir/patient-everything";
import { configuredOrigin } from "@/lib/security/deployment";
import { fhirErrors, fhirJson } from "@/lib/server/fhir-response";
import { withRoute } from "@/lib/server/with-route";
import { ZId } from "@/lib/validation/common";

export const GET = fhirErrors(
  withRoute(z.object({ patientId: ZId }), async ({ actor, params, request }) => {
    // The deployment's public origin (NEXTAUTH_URL) when set: behind a proxy request.url is internal.
    const origin = configuredOrigin() ?? new URL(request.url).origin;
    const bundle = await getPatientEverything(actor, params.patientId, {
      base: `${origin}/api/fhir`,
      selfUrl: `${origin}/api/fhir/Patient/${params.patientId}/$everything`,
    });
    return fhirJson(bundle);
  }, { api: { scope: "PATIENT_READ" } }),
);
