// POST /api/fhir/PlanDefinition/$import – imports a protocol from FHIR R4 (ADR 051): a Bundle with
// a PlanDefinition and its ActivityDefinitions, or a PlanDefinition with them contained. 201 with
// an informational OperationOutcome (what was matched, what was created as a draft) and Location:
// the new protocol's own export; 422 with an OperationOutcome listing every problem, nothing written.
import type { OperationOutcome } from "@medplum/fhirtypes";
import { requireActor } from "@/lib/auth/session";
import { isFhirImportError } from "@/lib/domain/fhir-import/errors";
import { importPlanDefinition } from "@/lib/domain/fhir-import/import-plan-definition";
import { operationOutcome, type IssueCode } from "@/lib/fhir/bundle";
import { configuredOrigin } from "@/lib/security/deployment";
import { assertFhirJsonFromOwnOrigin, readFhirJsonBody } from "@/lib/server/fhir-import-request";
import { fhirJson } from "@/lib/server/fhir-response";
import { errorHeaders, toErrorResponse } from "@/lib/server/map-error";
import { refuseBearerToken } from "@/lib/server/refuse-bearer";

const ISSUE: Record<number, IssueCode> = { 400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 409: "conflict", 413: "invalid", 415: "not-supported", 422: "invalid", 503: "transient" };

export async function POST(request: Request): Promise<Response> {
  let response: Response;
  try {
    // No API client writes (ADR 047): a bearer token is refused before anything else is looked at.
    refuseBearerToken(request);
    assertFhirJsonFromOwnOrigin(request);
    const actor = await requireActor();
    const body = await readFhirJsonBody(request);
    const summary = await importPlanDefinition(actor, body);
    const outcome: OperationOutcome = {
      resourceType: "OperationOutcome",
      issue: [
        { severity: "information", code: "informational", diagnostics: `Imported "${summary.name}" as a draft protocol with ${summary.items} treatments.${summary.renamedFrom ? ` Renamed from "${summary.renamedFrom}": the clinic already has a protocol of that name.` : ""}` },
        ...summary.matched.map((m) => ({ severity: "information" as const, code: "informational" as const, diagnostics: `"${m.importedName}" matched the clinic's treatment "${m.name}" by ${m.by}.` })),
        ...summary.created.map((c) => ({ severity: "information" as const, code: "informational" as const, diagnostics: `"${c.name}" was not in the catalog: created as a draft to review.` })),
      ],
    };
    const origin = configuredOrigin() ?? new URL(request.url).origin;
    response = fhirJson(outcome, 201);
    response.headers.set("Location", `${origin}/api/fhir/PlanDefinition/${summary.templateId}`);
  } catch (error) {
    if (isFhirImportError(error)) response = fhirJson(error.outcome, 422);
    else {
      const { status, body } = toErrorResponse(error);
      response = fhirJson(operationOutcome(ISSUE[status] ?? "exception", body.error.message), status);
      for (const [name, value] of Object.entries(errorHeaders(error))) response.headers.set(name, value);
    }
  }
  response.headers.set("Cache-Control", "no-store");
  return response;
}
