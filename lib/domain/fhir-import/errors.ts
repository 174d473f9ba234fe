// The 422 of an import (ADR 051): an AppError (so actions and routes that know nothing of FHIR
// still map it to VALIDATION) carrying the OperationOutcome that lists every problem.
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import { AppError } from "@/lib/errors";

export class FhirImportError extends AppError {
  readonly outcome: OperationOutcome;

  constructor(issues: OperationOutcomeIssue[]) {
    const n = issues.length;
    super("VALIDATION", `The FHIR input has ${n} problem${n === 1 ? "" : "s"}. Nothing was imported.`);
    this.name = "FhirImportError";
    this.outcome = { resourceType: "OperationOutcome", issue: issues };
  }
}

export function isFhirImportError(error: unknown): error is FhirImportError {
  return error instanceof FhirImportError;
}
