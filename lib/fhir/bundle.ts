// Bundles of FHIR resources. Pure.
import type { Bundle, OperationOutcome, Resource } from "@medplum/fhirtypes";

/**
 * A `searchset` Bundle, as Patient/$everything answers (FHIR R4 operation definition: "The
 * server returns a bundle of type searchset"): the Patient is the match, the rest included.
 * `fullUrl` is the resource's address under `base`; references inside are relative (`Type/id`) and
 * resolve against it.
 */
export function toSearchsetBundle(resources: Resource[], options: { base: string; selfUrl: string; matchType?: string; timestamp?: Date }): Bundle {
  return {
    resourceType: "Bundle",
    type: "searchset",
    timestamp: (options.timestamp ?? new Date()).toISOString(),
    total: resources.filter((r) => r.resourceType === (options.matchType ?? "Patient")).length,
    link: [{ relation: "self", url: options.selfUrl }],
    entry: resources.map((resource) => ({
      fullUrl: `${options.base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: resource.resourceType === (options.matchType ?? "Patient") ? "match" : "include" },
    })),
  };
}

export type IssueCode = "not-found" | "forbidden" | "login" | "invalid" | "processing" | "exception" | "throttled" | "conflict" | "not-supported" | "security" | "transient";

export function operationOutcome(code: IssueCode, diagnostics: string, severity: "error" | "fatal" = "error"): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: [{ severity, code, diagnostics }] };
}
