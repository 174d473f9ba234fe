import "server-only";
import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseProtocol, type ImportedActivity } from "@/lib/fhir/import/parse-protocol";
import { treatmentCode } from "@/lib/fhir/import/systems";
import { catalogColumns } from "../catalog/dto";
import { isUniqueViolation } from "../conflict";
import { templateItemRows } from "../templates/dto";
import { allowedSettings } from "../templates/rules";
import { FhirImportError } from "./errors";

/** The tag (a search facet, decision 040) that marks treatments an import created, for review. */
export const IMPORTED_TAG = "imported";
const NAME_MAX = 120;

export type ImportSummary = {
  templateId: string;
  name: string;
  /** The protocol's name in the input, when it had to be changed because the clinic already uses it. */
  renamedFrom: string | null;
  matched: { catalogItemId: string; name: string; by: "code" | "name"; importedName: string }[];
  created: { catalogItemId: string; name: string }[];
  items: number;
};

/** "Name", "Name (imported)", "Name (imported 2)", …: the first not in `taken` (lowercase), within 120 characters. */
export function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

type Match = { id: string; name: string; setting: string; by: "code" | "name" | "created" };

/**
 * Each activity's catalog item in the actor's clinic: an ACTIVE item with the same treatment code
 * (ADR 051), else one whose name is the same ignoring case; else a new DRAFT item tagged
 * "imported" for an admin to review (a draft, so no clinician can prescribe it until then).
 */
async function matchOrCreate(tx: Tx, actor: Actor, activities: ImportedActivity[]): Promise<{ byKey: Map<string, Match>; created: Match[] }> {
  const catalog = await tx.catalogItem.findMany({ where: { clinicId: actor.clinicId }, select: { id: true, name: true, status: true, setting: true } });
  const active = catalog.filter((c) => c.status === "ACTIVE");
  const byCode = new Map(active.map((c) => [treatmentCode(c.name), c]));
  const byName = new Map(active.map((c) => [c.name.toLowerCase(), c]));
  const taken = new Set(catalog.map((c) => c.name.toLowerCase()));
  const byKey = new Map<string, Match>();
  const created: Match[] = [];
  for (const activity of activities) {
    const codeHit = activity.code ? byCode.get(activity.code) : undefined;
    const hit = codeHit ?? byName.get(activity.item.name.toLowerCase());
    if (hit) {
      byKey.set(activity.key, { id: hit.id, name: hit.name, setting: hit.setting, by: codeHit ? "code" : "name" });
      continue;
    }
    const name = freeName(activity.item.name, taken);
    taken.add(name.toLowerCase());
    const tags = [...new Set([...(activity.item.tags ?? []), IMPORTED_TAG])].slice(-20);
    const row = await tx.catalogItem.create({
      data: { clinicId: actor.clinicId, status: "DRAFT", ...catalogColumns({ ...activity.item, name, tags }) },
      select: { id: true, name: true, setting: true },
    });
    const match: Match = { ...row, by: "created" };
    byKey.set(activity.key, match);
    created.push(match);
    await recordAuditEvent(tx, { actor, action: "catalog.import_draft", entityType: "CatalogItem", entityId: row.id });
  }
  return { byKey, created };
}

/**
 * Imports a protocol from FHIR R4 (ADR 051): a Bundle with a PlanDefinition and its
 * ActivityDefinitions (as exportPlanDefinition writes it), or a PlanDefinition with them contained.
 * Any problem with the input, or a treatment the clinic's matching item cannot be scheduled as
 * (its setting), is a FhirImportError (422) listing every problem, and nothing is written: all of it
 * happens in one transaction. The protocol is created as a DRAFT (clinicians do not see it) for an
 * admin to review and activate; a name the clinic already uses gets " (imported)".
 */
export async function importPlanDefinition(actor: Actor, input: unknown): Promise<ImportSummary> {
  assertCan(actor, "template:manage");
  const parsed = parseProtocol(input);
  if (!parsed.ok) throw new FhirImportError(parsed.issues);
  const protocol = parsed.protocol;
  try {
    return await db().$transaction(async (tx) => {
      const { byKey, created } = await matchOrCreate(tx, actor, protocol.activities);
      const problems: OperationOutcomeIssue[] = [];
      protocol.actions.forEach((action, i) => {
        const match = byKey.get(action.activityKey)!;
        if (match.by !== "created" && !allowedSettings(match.setting as never).includes(action.setting)) {
          problems.push({
            severity: "error",
            code: "business-rule",
            diagnostics: `Action ${i + 1} schedules "${match.name}" as ${action.setting}, but this clinic's treatment of that name is ${match.setting === "IN_CLINIC" ? "given in the clinic only" : "done at home only"}.`,
            expression: [`PlanDefinition.action[${i}]`],
          });
        }
      });
      // Thrown inside the transaction: any draft created above is rolled back with it.
      if (problems.length) throw new FhirImportError(problems);

      const scopeNames = await tx.planTemplate.findMany({ where: { clinicId: actor.clinicId, nameScope: "" }, select: { name: true } });
      const name = freeName(protocol.name, new Set(scopeNames.map((t) => t.name.toLowerCase())));
      const items = protocol.actions.map((a) => ({ catalogItemId: byKey.get(a.activityKey)!.id, setting: a.setting, phase: a.phase, dose: a.dose }));
      const template = await tx.planTemplate.create({
        data: {
          clinicId: actor.clinicId,
          status: "DRAFT",
          name,
          condition: protocol.condition,
          icd10Code: protocol.icd10Code,
          description: protocol.description,
          bodyRegions: protocol.bodyRegions,
          tags: protocol.tags,
          items: { createMany: { data: templateItemRows(actor.clinicId, items) } },
        },
        select: { id: true },
      });
      const matched = protocol.activities
        .map((a) => ({ a, m: byKey.get(a.key)! }))
        .filter(({ m }) => m.by !== "created")
        .map(({ a, m }) => ({ catalogItemId: m.id, name: m.name, by: m.by as "code" | "name", importedName: a.item.name }));
      await recordAuditEvent(tx, {
        actor,
        action: "template.import_fhir",
        entityType: "PlanTemplate",
        entityId: template.id,
        detail: { items: items.length, matched: matched.length, created: created.length, source: protocol.sourceUrl?.slice(0, 300) ?? null },
      });
      return {
        templateId: template.id,
        name,
        renamedFrom: name === protocol.name ? null : protocol.name,
        matched,
        created: created.map((c) => ({ catalogItemId: c.id, name: c.name })),
        items: items.length,
      };
    });
  } catch (error) {
    // Another admin took the same name in the same instant: nothing was written; trying again picks a free one.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "A protocol or treatment with the same name was saved at the same moment. Nothing was imported; try again.");
    throw error;
  }
}
