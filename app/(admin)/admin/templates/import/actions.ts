"use server";

import { revalidatePath } from "next/cache";
import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { assertCan } from "@/lib/auth/actor";
import { isFhirImportError } from "@/lib/domain/fhir-import/errors";
import { importPlanDefinition, type ImportSummary } from "@/lib/domain/fhir-import/import-plan-definition";
import { AppError } from "@/lib/errors";
import { authedAction } from "@/lib/server/with-route";
import { ZFhirImportForm } from "@/lib/validation/fhir-import";

export type ImportIssue = { severity: string; code: string; diagnostics: string; expression: string | null };
export type ImportResult = { imported: true; summary: ImportSummary } | { imported: false; message: string; issues: ImportIssue[] };

const toIssue = (i: OperationOutcomeIssue): ImportIssue => ({ severity: i.severity, code: i.code, diagnostics: i.diagnostics ?? "", expression: i.expression?.[0] ?? null });

/**
 * Imports a protocol from the FHIR JSON pasted or read from a file (ADR 051). Problems with the
 * FHIR come back as the list of the OperationOutcome's issues (nothing was written); text that is
 * not JSON at all is a BAD_REQUEST, as the API's 400.
 */
export const importProtocolAction = authedAction(ZFhirImportForm, async (actor, { text }): Promise<ImportResult> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Who may import is asked first, as the API does: a clinician learns nothing about the text.
    assertCan(actor, "template:manage");
    throw new AppError("BAD_REQUEST", "This is not JSON: paste a FHIR Bundle or PlanDefinition, or choose its .json file.");
  }
  try {
    const summary = await importPlanDefinition(actor, json);
    revalidatePath("/admin/templates");
    revalidatePath("/admin/catalog");
    return { imported: true, summary };
  } catch (error) {
    if (isFhirImportError(error)) return { imported: false, message: error.message, issues: error.outcome.issue.map(toIssue) };
    throw error;
  }
});
